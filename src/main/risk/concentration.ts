import type { RiskCheck } from './context';
import { baseRate, multiplier, positionChange, valuationPrice, whyUnvalued } from './exposure';
import { verdictsFor } from './verdict';
import { pct, qty } from './words';

const v = verdictsFor('concentration', 'Position concentration');

export const concentration: RiskCheck = (ctx, draft) => {
  const symbol = draft.contract.symbol;
  const change = positionChange(ctx, draft);
  if (change.effect === 'reduces') return v.pass(`Reduces your ${symbol} position from ${qty(change.before)} to ${qty(change.after)}.`);
  const netLiq = ctx.account?.netLiquidation ?? null;
  if (netLiq === null || netLiq <= 0) return v.block('IB has not reported the account’s net liquidation value, so concentration cannot be checked.');
  const unit = valuationPrice(ctx, draft);
  const mult = multiplier(draft);
  const rate = baseRate(ctx, draft);
  if (unit === null || mult === null || rate === null) return v.block(`The ${symbol} position cannot be valued: ${whyUnvalued(ctx, draft)}.`);
  const share = ((Math.abs(change.after) * unit * mult * rate) / netLiq) * 100;
  const cap = ctx.limits.maxConcentrationPct;
  const words = `After the fill ${symbol} would be ${pct(share)} of net liquidation (${qty(change.after)} units)`;
  if (share > cap) return v.block(`${words}; the limit is ${pct(cap)}.`);
  if (share > cap * 0.8) return v.warn(`${words}, close to the ${pct(cap)} limit.`);
  return v.pass(`${words}; the limit is ${pct(cap)}.`);
};
