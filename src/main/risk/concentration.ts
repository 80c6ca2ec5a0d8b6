import type { RiskCheck } from './context';
import { positionChange, positionExposure, whyUnvalued } from './exposure';
import { verdictsFor } from './verdict';
import { pct, qty } from './words';

const v = verdictsFor('concentration', 'Position concentration');

const basisWords = {
  market: '',
  obligation: ', sized by what the short option obliges',
  delta: ', delta-adjusted',
  premium: ', at its premium',
} as const;

export const concentration: RiskCheck = (ctx, draft) => {
  const symbol = draft.contract.symbol;
  const change = positionChange(ctx, draft);
  if (change.effect === 'reduces') return v.pass(`Reduces your ${symbol} position from ${qty(change.before)} to ${qty(change.after)}.`);
  const netLiq = ctx.account?.netLiquidation ?? null;
  if (netLiq === null || netLiq <= 0) return v.block('IB has not reported the account’s net liquidation value, so concentration cannot be checked.');
  const exposure = positionExposure(ctx, draft, change.after);
  if (exposure === null) return v.block(`The ${symbol} position cannot be valued: ${whyUnvalued(ctx, draft)}.`);
  const share = (exposure.value / netLiq) * 100;
  const cap = ctx.limits.maxConcentrationPct;
  const words = `After the fill ${symbol} would be ${pct(share)} of net liquidation (${qty(change.after)} units${basisWords[exposure.basis]})`;
  if (share > cap) return v.block(`${words}; the limit is ${pct(cap)}.`);
  // A long option at its premium understates what it moves like; without IB's delta that is all there is.
  const premium = exposure.basis === 'premium' ? ' IB has not given this option’s delta, so its exposure (as shares) is not known and may be far larger.' : '';
  if (share > cap * 0.8) return v.warn(`${words}, close to the ${pct(cap)} limit.${premium}`);
  if (premium) return v.warn(`${words}; the limit is ${pct(cap)}.${premium}`);
  return v.pass(`${words}; the limit is ${pct(cap)}.`);
};
