import type { JournalRecord } from '../../../../src/shared/journal';
import { randomUUID } from 'node:crypto';
import { positionView } from '../../../support/position-view';
import { DraftInput, defaultRiskLimits, positionKey, type Draft } from '../../../../src/shared/draft';
import type { AccountView, ExecutionView, OpenOrderView, PositionView, QuoteView } from '../../../../src/shared/portfolio';
import type { AccountReader, ContractMatch, DraftDesk, DraftDeskResult, OptionChainRequest, OptionChainView, PriceBar, PriceHistoryRequest } from '../../../../src/main/assistant/ports';
import { runChecks } from '../../../../src/main/risk/run-checks';
import type { RiskContext } from '../../../../src/main/risk/context';

export const accountId = 'DU7654321';

const account: AccountView = {
  account: accountId,
  currency: 'USD',
  cashByCurrency: [{ currency: 'USD', cash: 40_000, rate: 1, netLiquidation: 100_000 }],
  kind: 'margin',
  accountType: 'INDIVIDUAL',
  netLiquidation: 100_000,
  totalCash: 40_000,
  buyingPower: 160_000,
  availableFunds: 40_000,
  excessLiquidity: 42_000,
  initMarginReq: 20_000,
  maintMarginReq: 18_000,
  grossPositionValue: 60_000,
  equityWithLoan: 100_000,
  dayTradesRemaining: -1,
  dailyPnL: 120,
  unrealizedPnL: 2_500,
  realizedPnL: 0,
};

const position = (symbol: string, conId: number, quantity: number, price: number, avgCost: number): PositionView =>
  positionView({
    account: accountId, conId, symbol, quantity, avgCost, marketPrice: price, marketValue: quantity * price,
    weightPct: (quantity * price) / 1000, unrealizedPnL: quantity * (price - avgCost), dailyPnL: 10,
  });

/**
 * An in-memory account behind the assistant's ports. Drafts go through the
 * real pre-trade risk checks (src/main/risk), so a draft Claude makes here
 * faces exactly the checks a real one does.
 */
export class AccountFixture implements AccountReader, DraftDesk {
  now = Date.parse('2026-11-23T15:00:00Z');
  positions: PositionView[] = [position('AAPL', 265598, 100, 190, 150), position('MSFT', 272093, 50, 420, 380)];
  quoteBook = new Map<string, QuoteView>([
    ['AAPL', { symbol: 'AAPL', conId: 265598, bid: 189.9, ask: 190.1, last: 190, close: 188, delayed: false, at: this.now }],
    ['MSFT', { symbol: 'MSFT', conId: 272093, bid: 419.8, ask: 420.2, last: 420, close: 418, delayed: false, at: this.now }],
    ['TSLA', { symbol: 'TSLA', conId: 76792991, bid: 249.9, ask: 250.1, last: 250, close: 245, delayed: false, at: this.now }],
  ]);
  contracts: ContractMatch[] = [
    { conId: 265598, symbol: 'AAPL', secType: 'STK', currency: 'USD', primaryExchange: 'NASDAQ', longName: 'APPLE INC' },
    { conId: 76792991, symbol: 'TSLA', secType: 'STK', currency: 'USD', primaryExchange: 'NASDAQ', longName: 'TESLA INC' },
  ];
  drafts: Draft[] = [];
  /** The decision journal's records the assistant may read. */
  journal: JournalRecord[] = [];
  /** Every call made through the ports, in order: what the assistant did. */
  calls: string[] = [];
  failWith: Error | null = null;

  private guard(call: string): void {
    this.calls.push(call);
    if (this.failWith !== null) throw this.failWith;
  }

  async accounts(): Promise<string[]> {
    return [accountId];
  }
  async portfolio(acct?: string): Promise<PositionView[]> {
    this.guard('portfolio');
    return this.positions.filter((p) => acct === undefined || p.account === acct);
  }
  async accountSummary(acct?: string): Promise<AccountView[]> {
    this.guard('accountSummary');
    return acct === undefined || acct === accountId ? [account] : [];
  }
  async quotes(symbols: string[]): Promise<QuoteView[]> {
    this.guard('quotes');
    return symbols.flatMap((s) => {
      const q = this.quoteBook.get(s);
      return q === undefined ? [] : [q];
    });
  }
  async priceHistory(request: PriceHistoryRequest): Promise<PriceBar[]> {
    this.guard('priceHistory');
    return Array.from({ length: 5 }, (_, i) => ({ time: this.now - (5 - i) * 86_400_000, open: 180 + i, high: 185 + i, low: 178 + i, close: 182 + i, volume: 1e6 })).filter(
      () => request.symbol.length > 0,
    );
  }
  async openOrders(): Promise<OpenOrderView[]> {
    this.guard('openOrders');
    return [];
  }
  async executions(): Promise<ExecutionView[]> {
    this.guard('executions');
    return [];
  }
  async findContracts(query: string): Promise<ContractMatch[]> {
    this.guard('findContracts');
    const q = query.toUpperCase();
    return this.contracts.filter((c) => c.symbol === q || c.longName.toUpperCase().includes(q));
  }
  async decisionJournal(): Promise<JournalRecord[]> {
    this.guard('decisionJournal');
    return this.journal;
  }

  async pendingDrafts(): Promise<Draft[]> {
    this.guard('pendingDrafts');
    return this.drafts.filter((d) => d.state === 'pending' || d.state === 'blocked');
  }
  /** A small AAPL chain; an IB trading class that carries an instruction, as outside text can. */
  chainTradingClass = 'AAPL';
  /** IB's multiplier for the chain; null when IB sent none. */
  chainMultiplier: number | null = 100;
  async optionChain(request: OptionChainRequest): Promise<OptionChainView> {
    this.guard('optionChain');
    const rows = [220, 225, 230, 235].slice(0, request.strikes).map((strike) => ({
      strike,
      call: { bid: Math.max(0.05, 190 - strike + 2), ask: Math.max(0.1, 190 - strike + 2.2), delta: 0.5, impliedVol: 0.25 },
      put: strike === 235 ? null : { bid: 1.1, ask: 1.2, delta: -0.45, impliedVol: 0.27 },
    }));
    return { symbol: request.symbol, currency: 'USD', spot: 190, multiplier: this.chainMultiplier, tradingClass: this.chainTradingClass, expirations: ['20261218', '20270115'], expiry: request.expiry ?? '20261218', rows };
  }

  async createDraft(input: DraftInput, author: 'claude'): Promise<DraftDeskResult> {
    this.calls.push(`createDraft:${author}`);
    const parsed = DraftInput.safeParse(input);
    if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => i.message).join('; ') };
    const d = parsed.data;
    const draft: Draft = {
      id: randomUUID(),
      version: 1,
      state: 'drafted',
      account: d.account,
      contract: d.contract,
      order: d.order,
      author,
      rationale: d.rationale,
      risks: d.risks,
      createdAt: this.now,
      updatedAt: this.now,
      expiresAt: this.now + 3_600_000,
      filledQty: 0,
      avgFillPrice: null,
      commission: null,
    };
    const quote = this.quoteBook.get(draft.contract.symbol) ?? null;
    const held = this.positions.find((p) => p.symbol === draft.contract.symbol);
    const ctx: RiskContext = {
      now: this.now,
      account: {
        accountId,
        kind: 'margin',
        isPaper: true,
        baseCurrency: account.currency,
        exchangeRates: Object.fromEntries(account.cashByCurrency.map((c) => [c.currency, c.rate])),
        netLiquidation: account.netLiquidation,
        availableFunds: account.availableFunds,
        buyingPower: account.buyingPower,
        dayTradesRemaining: -1,
        dailyPnL: account.dailyPnL,
        positions: held === undefined ? {} : { [positionKey(draft.contract)]: { qty: held.quantity, marketValue: held.marketValue ?? 0, openedTodayQty: 0 } },
      },
      quote: quote === null ? null : { bid: quote.bid, ask: quote.ask, last: quote.last, at: quote.at, delayed: quote.delayed },
      session: { ready: true, inResetWindow: false },
      market: { regularHoursOpen: true },
      limits: defaultRiskLimits,
      tradingState: 'active',
      otherDrafts: this.drafts,
      recentApprovals: [],
    };
    const report = runChecks(ctx, draft);
    const state = report.outcome === 'block' ? 'blocked' : 'pending';
    this.drafts.push({ ...draft, state, verdicts: report.verdicts });
    return { ok: true, draftId: draft.id, state, verdicts: report.verdicts };
  }
}
