import type { RiskCheck } from './context';
import { orderNotional, sizeBasis, whyUnvalued } from './exposure';
import { verdictsFor } from './verdict';
import { money } from './words';

const v = verdictsFor('max-notional', 'Order size');

export const maxNotional: RiskCheck = (ctx, draft) => {
  const notional = orderNotional(ctx, draft);
  if (notional === null) return v.block(`This order cannot be valued: ${whyUnvalued(ctx, draft)}.`);
  // The limit and the value are both in the account's base currency.
  const cur = ctx.account?.baseCurrency;
  const cap = ctx.limits.maxNotional;
  const basis = sizeBasis(ctx, draft) && ` (${sizeBasis(ctx, draft)})`;
  if (notional > cap) return v.block(`This order is worth about ${money(notional, cur)}${basis}; the most per order is ${money(cap, cur)}.`);
  if (notional > cap * 0.8) {
    return v.warn(`This order is worth about ${money(notional, cur)}${basis}, close to the ${money(cap, cur)} per-order limit.`);
  }
  return v.pass(`Worth about ${money(notional, cur)}${basis} (limit ${money(cap, cur)} per order).`);
};
