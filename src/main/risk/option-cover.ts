import { inFlightDraftStates, type Draft } from '../../shared/draft';
import type { RiskContext } from './context';
import { baseRate, multiplier, shortOptionOpening } from './exposure';

export interface CallCover {
  /** Shares of the underlying held in the account. */
  shares: number;
  /** Shares already set against calls written before (held short, or being sold at the broker). */
  alreadyCovering: number;
  /** Shares this order's new short calls need. */
  needed: number;
  covered: boolean;
}

/**
 * Whether the calls this order writes are covered by shares the account holds
 * and has not set against other written calls: what IB requires of a short
 * call in an account that cannot borrow. Shares and calls are matched by the
 * underlying's symbol and currency (the same company in another currency is
 * another listing). A sell at the broker on a call of the same underlying is
 * counted as writing, since it may be.
 */
export function callCover(ctx: RiskContext, draft: Draft): CallCover | null {
  const account = ctx.account;
  const mult = multiplier(draft);
  if (account === null || mult === null || draft.contract.right !== 'C') return null;
  const symbol = draft.contract.symbol;
  const currency = draft.contract.currency;
  let shares = 0;
  let alreadyCovering = 0;
  for (const held of Object.values(account.positions)) {
    const t = held.terms;
    if (t === undefined || t.underlying !== symbol || t.currency !== currency) continue;
    if (t.secType === 'STK' && held.qty > 0) shares += held.qty;
    if (t.secType === 'OPT' && t.right === 'C' && held.qty < 0) {
      // A written call of unknown size may use up every share: the cover cannot be told.
      if (t.multiplier === null) return null;
      alreadyCovering += -held.qty * t.multiplier;
    }
  }
  for (const other of ctx.otherDrafts) {
    if (other.id === draft.id || other.account !== draft.account || !inFlightDraftStates.includes(other.state)) continue;
    const c = other.contract;
    if (c.secType !== 'OPT' || c.right !== 'C' || c.symbol !== symbol || c.currency !== currency || other.order.side !== 'SELL') continue;
    if (c.multiplier === undefined) return null;
    alreadyCovering += Math.max(0, other.order.quantity - other.filledQty) * c.multiplier;
  }
  const needed = shortOptionOpening(ctx, draft) * mult;
  return { shares, alreadyCovering, needed, covered: needed <= shares - alreadyCovering };
}

/** The cash (base currency) a put this order writes must have set aside: strike × multiplier × contracts. */
export function putCashNeeded(ctx: RiskContext, draft: Draft): number | null {
  const mult = multiplier(draft);
  const rate = baseRate(ctx, draft);
  const strike = draft.contract.strike;
  if (mult === null || rate === null || strike === undefined || draft.contract.right !== 'P') return null;
  return shortOptionOpening(ctx, draft) * strike * mult * rate;
}
