import { inFlightDraftStates, positionKey, queueDraftStates, type Draft, type RiskLimits, type TradingState } from '../../shared/draft';
import type { AccountView, ExecutionView, GreeksView, OpenOrderView, PortfolioSnapshot, PositionView, QuoteView } from '../../shared/portfolio';
import { orderIdsNeeded } from '../broker/ib-order';
import type { SessionState } from '../../shared/session';
import { classifyAccountType } from '../broker/account-kind';
import type { AccountSnapshot, PositionSnapshot, RiskContext } from '../risk/context';

export interface RiskInputs {
  now: number;
  session: SessionState;
  inResetWindow: boolean;
  portfolio: PortfolioSnapshot;
  limits: RiskLimits;
  tradingState: TradingState;
  drafts: readonly Draft[];
  recentApprovals: readonly number[];
  /** Null when the contract's hours cannot be read: the checks treat the market's hours as unknown. */
  regularHoursOpen: boolean | null;
  /** Monotonic age of the draft's quote (ms), when the session knows it. */
  quoteAgeMs?: (conId: number) => number | null;
  /** IB's model greeks for a contract (a watched draft's option), when the session has them. */
  greeksOf?: (conId: number) => GreeksView | null;
  limitsProblem?: string;
  unreadableInFlight?: readonly string[];
}

/**
 * The risk checks' view of the world, built from the live portfolio at the
 * moment of the check: at drafting, and again (fresh) at approval.
 */
export function buildRiskContext(inputs: RiskInputs, draft: Draft): RiskContext {
  const account = inputs.portfolio.accounts.find((a) => a.account === draft.account);
  const quote = quoteFor(inputs.portfolio.quotes, draft);
  return {
    now: inputs.now,
    account: account ? accountSnapshot(account, inputs.portfolio, inputs.session) : null,
    quote: quote ? quoteSnapshot(quote, inputs.quoteAgeMs?.(quote.conId) ?? null) : null,
    ...(draft.contract.secType === 'OPT' ? { option: optionModel(inputs, draft) } : {}),
    session: { ready: inputs.session.phase === 'ready', inResetWindow: inputs.inResetWindow || inputs.session.phase === 'reset_window' },
    market: inputs.regularHoursOpen === null ? null : { regularHoursOpen: inputs.regularHoursOpen },
    limits: inputs.limits,
    tradingState: inputs.tradingState,
    otherDrafts: inputs.drafts.filter((d) => d.id !== draft.id && (queueDraftStates.includes(d.state) || inFlightDraftStates.includes(d.state))),
    recentApprovals: inputs.recentApprovals,
    ...(inputs.limitsProblem !== undefined ? { limitsProblem: inputs.limitsProblem } : {}),
    ...(inputs.unreadableInFlight?.length
      ? { unreadableInFlight: inputs.unreadableInFlight, unaccountedOrdersOnContract: unaccountedOrders(inputs, draft).length }
      : {}),
  };
}

/** Open orders on the draft's account and contract that no readable draft placed. */
function unaccountedOrders(inputs: RiskInputs, draft: Draft): OpenOrderView[] {
  const placedByReadable = (o: OpenOrderView): boolean =>
    inputs.drafts.some(
      (d) => d.orderId !== undefined && d.clientId === o.clientId && o.orderId >= d.orderId && o.orderId < d.orderId + orderIdsNeeded(d.order),
    );
  const sameContract = (o: OpenOrderView): boolean =>
    draft.contract.conId && o.conId ? o.conId === draft.contract.conId : o.symbol === draft.contract.symbol;
  return inputs.portfolio.openOrders.filter((o) => o.account === draft.account && sameContract(o) && !placedByReadable(o));
}

function quoteSnapshot(quote: QuoteView, ageMs: number | null) {
  return { symbol: quote.symbol, conId: quote.conId, bid: quote.bid, ask: quote.ask, last: quote.last, at: quote.at, delayed: quote.delayed, ...(ageMs !== null ? { ageMs } : {}) };
}

/**
 * The draft's own quote. A draft that names IB's contract is priced by that
 * contract's quote only: another listing of its symbol (SHEL in New York for
 * SHEL in London) trades in another currency at another price. No quote yet
 * means no quote: the checks that need one block until it comes.
 */
function quoteFor(quotes: readonly QuoteView[], draft: Draft): QuoteView | undefined {
  if (draft.contract.conId) return quotes.find((q) => q.conId === draft.contract.conId);
  // By symbol only for a stock: an option or future shares its symbol with the underlying, whose quote
  // would price the contract at the stock's price.
  const stock = draft.contract.secType === 'STK' || draft.contract.secType === 'ETF';
  return stock ? quotes.find((q) => q.symbol === draft.contract.symbol) : undefined;
}

/**
 * An option's delta and its underlying's price: IB's model for the draft's
 * own contract first; else the market price of the underlying's shares
 * where any linked account holds them (same symbol and currency: the same
 * company listed in another currency is another price).
 */
function optionModel(inputs: RiskInputs, draft: Draft): { delta: number | null; underlyingPrice: number | null } {
  const model = draft.contract.conId ? inputs.greeksOf?.(draft.contract.conId) : null;
  const usable = (n: number | null | undefined): n is number => n !== null && n !== undefined && Number.isFinite(n) && n > 0;
  const shares = inputs.portfolio.positions.find(
    (p) => p.secType === 'STK' && p.symbol === draft.contract.symbol && p.currency === draft.contract.currency && usable(p.marketPrice),
  );
  const delta = model?.delta;
  return {
    delta: delta !== null && delta !== undefined && Number.isFinite(delta) ? delta : null,
    underlyingPrice: usable(model?.underlyingPrice) ? model.underlyingPrice : (shares?.marketPrice ?? null),
  };
}

function accountSnapshot(account: AccountView, portfolio: PortfolioSnapshot, session: SessionState): AccountSnapshot {
  const positions: Record<string, PositionSnapshot> = {};
  // Today's executions are summed only when a check asks (the day-trade check, for the draft's own position).
  const collided = new Set<string>();
  for (const position of portfolio.positions) {
    if (position.account !== account.account) continue;
    const key = keyOf(position);
    // Two holdings on one key cannot both be "the" holding a draft reads: neither is (IB always gives a
    // conId, so only contracts reported without one can collide, on their terms).
    if (positions[key] !== undefined || collided.has(key)) {
      collided.add(key);
      delete positions[key];
      continue;
    }
    positions[key] = {
      qty: position.quantity,
      // In the account's base currency: risk limits are fractions of net liquidation, which IB reports in base.
      // Without IB's base value it is left unknown (the figures then value it at the market and IB's rate, or
      // not at all): a cost basis at a rate taken as 1 would weigh yen as dollars.
      marketValue: position.baseValue,
      // Counted only when the day-trade check asks (it sums today's executions).
      get openedTodayQty(): number {
        return openedToday(position, portfolio.executions);
      },
      terms: { secType: position.secType, underlying: position.underlying, currency: position.currency, right: position.right, multiplier: position.multiplier },
    };
  }
  return {
    accountId: account.account,
    kind: classifyAccountType(account.accountType),
    // The session decides from every linked account; one account id alone could mislead.
    isPaper: session.mode === 'paper',
    baseCurrency: account.currency,
    exchangeRates: Object.fromEntries(account.cashByCurrency.map((c) => [c.currency, c.rate])),
    netLiquidation: account.netLiquidation,
    availableFunds: account.availableFunds,
    buyingPower: account.buyingPower,
    dayTradesRemaining: account.dayTradesRemaining,
    dailyPnL: account.dailyPnL,
    positions,
  };
}

/**
 * The key a draft for this holding has: IB's conId, which every draft carries
 * once IB has resolved it. A holding IB reported without one is keyed by its
 * terms, as a draft without one would be.
 */
function keyOf(position: PositionView): string {
  if (position.conId > 0) return positionKey({ conId: position.conId, symbol: position.symbol, secType: 'STK' });
  // A type drafts cannot name keeps its own key and matches no draft.
  if (position.secType !== 'STK' && position.secType !== 'OPT' && position.secType !== 'FUT') return `held:${position.key}`;
  const secType = position.secType;
  return positionKey({
    symbol: position.underlying,
    secType,
    currency: position.currency,
    exchange: position.exchange,
    ...(secType === 'STK' || position.multiplier === null ? {} : { multiplier: position.multiplier }),
    ...(position.expiry !== null ? { expiry: position.expiry } : {}),
    ...(position.strike !== null ? { strike: position.strike } : {}),
    ...(position.right !== null ? { right: position.right } : {}),
  });
}

/** Units of a position opened today: bought today for a long, sold today for a short (capped at the position). */
function openedToday(position: PositionView, executions: readonly ExecutionView[]): number {
  const opening = position.quantity > 0 ? 'BOT' : 'SLD';
  let today = 0;
  for (const e of executions) if (e.account === position.account && e.conId === position.conId && e.side === opening) today += e.shares;
  return Math.min(Math.abs(position.quantity), today);
}
