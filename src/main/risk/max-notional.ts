import type { RiskCheck } from './context';
import { orderNotional } from './exposure';
import { verdictsFor } from './verdict';
import { money } from './words';

const v = verdictsFor('max-notional', 'Order size');

export const maxNotional: RiskCheck = (ctx, draft) => {
  const notional = orderNotional(ctx, draft);
  const cur = draft.contract.currency;
  if (notional === null) return v.block(`This order cannot be valued: no ${draft.contract.symbol} price or contract multiplier.`);
  const cap = ctx.limits.maxNotional;
  if (notional > cap) return v.block(`This order is worth about ${money(notional, cur)}; the most per order is ${money(cap, cur)}.`);
  if (notional > cap * 0.8) {
    return v.warn(`This order is worth about ${money(notional, cur)}, close to the ${money(cap, cur)} per-order limit.`);
  }
  return v.pass(`Worth about ${money(notional, cur)} (limit ${money(cap, cur)} per order).`);
};
