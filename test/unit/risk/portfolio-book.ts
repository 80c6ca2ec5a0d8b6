import { buildRiskContext, type RiskInputs } from '../../../src/main/approvals/risk-context';
import { createDraft } from '../../../src/main/approvals/lifecycle';
import { defaultRiskLimits, type Draft, type DraftInput } from '../../../src/shared/draft';
import type { AccountView, ExecutionView, GreeksView, PositionView, QuoteView } from '../../../src/shared/portfolio';
import type { RiskContext } from '../../../src/main/risk/context';

/**
 * A live portfolio as the session gives it to the desk (accounts, positions,
 * quotes, IB's model greeks), so a test sees the checks through the same
 * context the desk builds, keys and all.
 */
export const now = Date.UTC(2026, 11, 2, 15, 0);

export function account(accountType: string, patch: Partial<AccountView> = {}): AccountView {
  return {
    account: 'DU1', currency: 'USD', kind: 'margin', accountType, netLiquidation: 500_000, totalCash: 100_000, buyingPower: 1_000_000,
    availableFunds: 400_000, excessLiquidity: null, initMarginReq: null, maintMarginReq: null, grossPositionValue: null, equityWithLoan: null,
    dayTradesRemaining: -1, dailyPnL: 0, unrealizedPnL: 0, realizedPnL: 0,
    cashByCurrency: [{ currency: 'USD', cash: 100_000, rate: 1, netLiquidation: null }, { currency: 'GBP', cash: 0, rate: 1.27, netLiquidation: null }],
    ...patch,
  };
}

export interface Book {
  account: AccountView;
  positions?: PositionView[];
  quotes?: QuoteView[];
  greeks?: Record<number, Partial<GreeksView>>;
  executions?: ExecutionView[];
  drafts?: Draft[];
}

export function inputs(book: Book): RiskInputs {
  return {
    now,
    session: { phase: 'ready', message: 'Connected', gateway: 'demo', mode: 'paper', accounts: ['DU1'], since: now },
    inResetWindow: false,
    portfolio: { seq: 1, accounts: [book.account], positions: book.positions ?? [], openOrders: [], executions: book.executions ?? [], quotes: book.quotes ?? [] },
    limits: defaultRiskLimits,
    tradingState: 'active',
    drafts: book.drafts ?? [],
    recentApprovals: [],
    regularHoursOpen: true,
    greeksOf: (conId) => {
      const g = book.greeks?.[conId];
      return g ? { delta: null, gamma: null, theta: null, vega: null, impliedVol: null, underlyingPrice: null, ...g } : null;
    },
  };
}

export function riskContext(book: Book, draft: Draft): RiskContext {
  return buildRiskContext(inputs(book), draft);
}

export function order(contract: DraftInput['contract'], side: 'BUY' | 'SELL', quantity: number, limitPrice: number, patch: Partial<Draft> = {}): Draft {
  const input = { account: 'DU1', contract, author: 'claude', order: { side, quantity, orderType: 'LMT', limitPrice } } as DraftInput;
  return { ...createDraft(input, now), state: 'pending', ...patch };
}

export function quote(conId: number, symbol: string, bid: number, ask: number): QuoteView {
  return { symbol, conId, bid, ask, last: (bid + ask) / 2, close: bid, delayed: false, at: now };
}

/** IB's what-if for a draft with room to spare: margin after well under the equity. */
export const roomyWhatIf: NonNullable<Draft['whatIf']> = {
  at: now, commission: 1.3, commissionCurrency: 'USD', initMarginChange: 12_000, maintMarginChange: 10_000,
  initMarginAfter: 40_000, maintMarginAfter: 30_000, equityWithLoanAfter: 500_000,
};
