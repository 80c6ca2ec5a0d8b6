import type { RiskCheck } from './context';
import { positionChange } from './exposure';
import { verdictsFor } from './verdict';

const v = verdictsFor('drafts-readable', 'Saved orders');

/**
 * A saved draft that cannot be read but was stored in flight may have an
 * order working at the broker that no size or exposure check can count, so
 * the checks would understate what is already on the way. Orders that add
 * risk wait until the row is readable again (restored from a backup).
 * Orders that only reduce a position may still go, with a warning, unless an
 * open order on the same contract that no readable draft placed could be the
 * unreadable one: together they could overshoot into the other side.
 */
export const draftsReadable: RiskCheck = (ctx, draft) => {
  const unreadable = ctx.unreadableInFlight ?? [];
  if (unreadable.length === 0) return v.pass('Every saved order can be read and is counted.');
  const which = `${unreadable.length === 1 ? 'A saved order' : `${unreadable.length} saved orders`} (${unreadable.map((id) => id.slice(0, 8)).join(', ')}) cannot be read and may be working at the broker, uncounted by these checks`;
  const reduces = positionChange(ctx, draft).effect === 'reduces';
  // The unreadable order may itself close part of the position: a reduction
  // goes only when no open order on this contract is unaccounted for.
  if (reduces && (ctx.unaccountedOrdersOnContract ?? 1) === 0) {
    return v.warn(`${which}. This order only reduces a position, and no unaccounted order works on this contract, so it may go; check the unreadable one in TWS.`);
  }
  if (reduces) {
    return v.block(`${which}. An open order on this contract that no readable draft placed may be the unreadable one, and with it this order could overshoot the position; cancel or check it in TWS first.`);
  }
  return v.block(`${which}. Orders that add risk are blocked until it can be read again (restore the data file from a backup); orders that only reduce a position may go while no unaccounted order works on their contract.`);
};
