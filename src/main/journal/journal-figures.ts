import type { FillSlippage, HorizonOutcome, JournalHorizon, JournalQuote, PositionRelation } from '../../shared/journal';
import { exchangeDate, tradingDayAfter } from './exchange-calendar';

/**
 * Every journal figure, from the journal's rows alone (no broker, no clock):
 * the review view, the CSV export and Claude's read tool all see the same
 * numbers, and each is tested on hand-made histories.
 */

export interface JournalEntry {
  draftId: string;
  author: 'claude' | 'person';
  account: string;
  conId: number | null;
  symbol: string;
  secType: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  /** What a point of the price is worth per unit filled: the multiplier over IB's price magnifier. */
  multiplier: number;
  orderType: string;
  draftedAt: number;
  draftQuote: JournalQuote | null;
  /** Held in the account when decided (at approval: the figures the person approved against). */
  positionBefore: number | null;
  warned: boolean;
  decision: 'approved' | 'rejected' | 'expired' | null;
  decidedAt: number | null;
  decisionQuote: JournalQuote | null;
  orderId: number | null;
  clientId: number | null;
  finalState: string | null;
}

/** An execution seen on the session, ours or not. */
export interface JournalExecution {
  execId: string;
  account: string;
  conId: number;
  side: 'BUY' | 'SELL';
  shares: number;
  price: number;
  at: number;
  orderRef: string;
  orderId: number;
  clientId: number;
}

export interface StoredOutcome {
  horizon: JournalHorizon;
  sessionDate: string;
  price: number;
}

/** Horizons counted in the exchange's trading days after the day the order filled (or was decided). */
export const dayHorizons: readonly { horizon: Exclude<JournalHorizon, 'close'>; days: number }[] = [
  { horizon: '1d', days: 1 },
  { horizon: '5d', days: 5 },
  { horizon: '20d', days: 20 },
];

const sign = (side: 'BUY' | 'SELL'): number => (side === 'BUY' ? 1 : -1);

/** The price the order trades against: the ask for a buy, the bid for a sell; the last when that side is missing. */
export function referencePrice(side: 'BUY' | 'SELL', quote: JournalQuote | null): number | null {
  if (!quote) return null;
  const price = side === 'BUY' ? (quote.ask ?? quote.last) : (quote.bid ?? quote.last);
  return price !== null && price > 0 ? price : null;
}

/**
 * The fills that belong to the draft's entry order: its client id, its order
 * id, its orderRef (a bracket's take-profit and stop-loss carry ":tp"/":sl"
 * and are not the entry) and its contract, as the order tracker books them.
 */
export function entryFills(entry: JournalEntry, executions: readonly JournalExecution[]): JournalExecution[] {
  return executions
    .filter((e) => e.orderRef === entry.draftId && e.orderId === entry.orderId && e.clientId === entry.clientId && e.conId === entry.conId)
    .sort((a, b) => a.at - b.at || a.execId.localeCompare(b.execId));
}

export function fillSlippage(entry: JournalEntry, fills: readonly JournalExecution[]): FillSlippage[] {
  const reference = referencePrice(entry.side, entry.decisionQuote);
  return fills.map((fill) => {
    if (reference === null) return { execId: fill.execId, at: fill.at, shares: fill.shares, price: fill.price, slippage: null, slippageBps: null };
    const slippage = sign(entry.side) * (fill.price - reference);
    return { execId: fill.execId, at: fill.at, shares: fill.shares, price: fill.price, slippage, slippageBps: (slippage / reference) * 10_000 };
  });
}

/** Share-weighted slippage over fills, per unit and in basis points. */
export function weightedSlippage(fills: readonly FillSlippage[]): { slippage: number; slippageBps: number } | null {
  const known = fills.filter((f): f is FillSlippage & { slippage: number; slippageBps: number } => f.slippage !== null && f.slippageBps !== null);
  const shares = known.reduce((sum, f) => sum + f.shares, 0);
  if (shares <= 0) return null;
  return {
    slippage: known.reduce((sum, f) => sum + f.slippage * f.shares, 0) / shares,
    slippageBps: known.reduce((sum, f) => sum + f.slippageBps * f.shares, 0) / shares,
  };
}

/** One block of the order: what was bought or sold, at what price, on which exchange day. */
export interface Leg {
  shares: number;
  price: number;
  date: string;
}

/**
 * What the order holds: its fills when approved; for a rejected or expired
 * draft, the whole quantity as if filled at the quote when it was decided.
 */
export function legsOf(entry: JournalEntry, fills: readonly JournalExecution[]): Leg[] {
  if (entry.decision === 'approved') return fills.map((f) => ({ shares: f.shares, price: f.price, date: exchangeDate(f.at) }));
  if (entry.decision === null || entry.decidedAt === null) return [];
  const price = hypotheticalPrice(entry);
  return price === null ? [] : [{ shares: entry.quantity, price, date: exchangeDate(entry.decidedAt) }];
}

export function hypotheticalPrice(entry: JournalEntry): number | null {
  if (entry.decision !== 'rejected' && entry.decision !== 'expired') return null;
  return referencePrice(entry.side, entry.decisionQuote);
}

/** The exchange day horizons count from: the first fill's, or the decision's. */
export function anchorDate(legs: readonly Leg[]): string | null {
  return legs.reduce<string | null>((first, leg) => (first === null || leg.date < first ? leg.date : first), null);
}

export function horizonDate(anchor: string, days: number): string {
  return tradingDayAfter(anchor, days);
}

/**
 * P&L of the order's legs valued at `price` on `date`: legs filled after that
 * day are not yet held and count nothing. In the contract's currency.
 */
export function pnlAt(entry: Pick<JournalEntry, 'side' | 'multiplier'>, legs: readonly Leg[], price: number, date: string): number {
  return legs.filter((leg) => leg.date <= date).reduce((sum, leg) => sum + sign(entry.side) * (price - leg.price) * leg.shares * entry.multiplier, 0);
}

export function relationOf(side: 'BUY' | 'SELL', positionBefore: number | null): PositionRelation {
  if (positionBefore === null) return 'unknown';
  if (positionBefore === 0) return 'opens';
  return Math.sign(positionBefore) === sign(side) ? 'adds' : 'against';
}

/**
 * Where the position the order opened or added to was closed: the first
 * execution after the order's last fill, in the same account and contract,
 * that brings the position to zero or across it. An order that reduced a
 * position has no such close (it was the closing order itself), and neither
 * has a draft that was not approved or not filled.
 */
export function positionClose(entry: JournalEntry, fills: readonly JournalExecution[], executions: readonly JournalExecution[]): { at: number; price: number } | null {
  if (entry.decision !== 'approved' || fills.length === 0 || entry.positionBefore === null) return null;
  const s = sign(entry.side);
  const filled = fills.reduce((sum, f) => sum + f.shares, 0);
  let position = entry.positionBefore + s * filled;
  if (Math.sign(position) !== s) return null;
  const own = new Set(fills.map((f) => f.execId));
  const lastFill = Math.max(...fills.map((f) => f.at));
  const later = executions
    .filter((e) => e.account === entry.account && e.conId === entry.conId && !own.has(e.execId) && e.at >= lastFill)
    .sort((a, b) => a.at - b.at || a.execId.localeCompare(b.execId));
  for (const e of later) {
    position += sign(e.side) * e.shares;
    if (Math.sign(position) !== s) return { at: e.at, price: e.price };
  }
  return null;
}

/** The stored outcomes valued as P&L of the order's legs. */
export function outcomesOf(entry: JournalEntry, legs: readonly Leg[], stored: readonly StoredOutcome[]): HorizonOutcome[] {
  const order: JournalHorizon[] = ['1d', '5d', '20d', 'close'];
  return [...stored]
    .sort((a, b) => order.indexOf(a.horizon) - order.indexOf(b.horizon))
    .map((o) => ({ horizon: o.horizon, sessionDate: o.sessionDate, price: o.price, pnl: pnlAt(entry, legs, o.price, o.sessionDate) }));
}
