import type { RiskCheck } from './context';
import { heldPosition, positionChange } from './exposure';
import { verdictsFor } from './verdict';

const v = verdictsFor('day-trades', 'Day trades');

/**
 * Uses IB's own DayTradesRemaining rather than a hard-coded pattern-day-trader
 * count: IB knows the account's equity and history, we do not.
 */
export const dayTrades: RiskCheck = (ctx, draft) => {
  const account = ctx.account;
  if (account === null) return v.block('IB has not reported the account yet.');
  if (account.kind === 'cash') return v.pass('The pattern-day-trader rule does not apply to cash accounts.');
  const symbol = draft.contract.symbol;
  const openedToday = heldPosition(ctx, draft)?.openedTodayQty ?? 0;
  const change = positionChange(ctx, draft);
  if (change.closes === 0 || openedToday <= 0) return v.pass('Does not close a position opened today.');
  const remaining = account.dayTradesRemaining;
  const what = `This closes ${symbol} opened today, which counts as a day trade`;
  if (remaining === null) return v.block(`${what}, and IB has not reported how many day trades remain.`);
  if (remaining < 0) return v.pass(`${what}; IB reports no day-trade limit on this account.`);
  if (remaining === 0) return v.block(`${what}, and IB reports 0 day trades remaining.`);
  if (remaining === 1) return v.warn(`${what}; it is the last one IB allows in the current five-day window.`);
  return v.pass(`${what}; IB reports ${remaining} remaining.`);
};
