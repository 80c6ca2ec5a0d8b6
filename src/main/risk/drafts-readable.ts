import type { RiskCheck } from './context';
import { positionChange } from './exposure';
import { verdictsFor } from './verdict';

const v = verdictsFor('drafts-readable', 'Saved orders');

/**
 * A saved draft that cannot be read but was stored in flight may have an
 * order working at the broker that no size or exposure check can count, so
 * the checks would understate what is already on the way. Orders that add
 * risk wait until the row is readable again (restored from a backup);
 * orders that only reduce a position may still go, with a warning.
 */
export const draftsReadable: RiskCheck = (ctx, draft) => {
  const unreadable = ctx.unreadableInFlight ?? [];
  if (unreadable.length === 0) return v.pass('Every saved order can be read and is counted.');
  const which = `${unreadable.length === 1 ? 'A saved order' : `${unreadable.length} saved orders`} (${unreadable.map((id) => id.slice(0, 8)).join(', ')}) cannot be read and may be working at the broker, uncounted by these checks`;
  if (positionChange(ctx, draft).effect === 'reduces') return v.warn(`${which}. This order only reduces a position, so it may go; check the unreadable one in TWS.`);
  return v.block(`${which}. Orders that add risk are blocked until it can be read again (restore the data file from a backup); orders that only reduce a position may go.`);
};
