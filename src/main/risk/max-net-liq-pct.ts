import type { RiskCheck } from './context';
import { orderNotional, sizeBasis, whyUnvalued } from './exposure';
import { verdictsFor } from './verdict';
import { money, pct } from './words';

const v = verdictsFor('max-net-liq-pct', 'Share of account');

export const maxNetLiqPct: RiskCheck = (ctx, draft) => {
  const netLiq = ctx.account?.netLiquidation ?? null;
  if (netLiq === null || netLiq <= 0) return v.block('IB has not reported the account’s net liquidation value, so the order size cannot be checked.');
  const notional = orderNotional(ctx, draft);
  if (notional === null) return v.block(`This order cannot be valued: ${whyUnvalued(ctx, draft)}.`);
  const share = (notional / netLiq) * 100;
  const cap = ctx.limits.maxPctNetLiq;
  const words = `This order is ${pct(share)} of net liquidation (${money(notional)} of ${money(netLiq)}${sizeBasis(ctx, draft) && `; ${sizeBasis(ctx, draft)}`})`;
  if (share > cap) return v.block(`${words}; the limit is ${pct(cap)}.`);
  if (share > cap * 0.8) return v.warn(`${words}, close to the ${pct(cap)} limit.`);
  return v.pass(`${words}; the limit is ${pct(cap)}.`);
};
