import type { RiskCheck } from './context';
import { verdictsFor } from './verdict';

const v = verdictsFor('outside-hours', 'Trading hours');

const typeWords: Record<string, string> = {
  MKT: 'a market order',
  STP: 'a stop order',
  STP_LMT: 'a stop-limit order',
  TRAIL: 'a trailing stop',
};

export const outsideHours: RiskCheck = (ctx, draft) => {
  const { order } = draft;
  if (ctx.market?.regularHoursOpen === true) return v.pass('The market is in regular trading hours.');
  const when = ctx.market === null ? 'The trading hours are unknown right now' : 'The market is outside regular trading hours';
  if (order.orderType !== 'LMT') {
    // Thin pre- and post-market books make anything but a limit dangerous.
    return v.block(`${when}; only limit orders are allowed then, and this is ${typeWords[order.orderType] ?? order.orderType}.`);
  }
  if (!order.outsideRth) {
    return v.warn(`${when}; this limit order waits for the next regular session unless you allow it to fill outside regular hours.`);
  }
  return v.pass(`${when}; this limit order may fill outside regular hours.`);
};
