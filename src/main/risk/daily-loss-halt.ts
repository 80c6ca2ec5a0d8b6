import type { RiskCheck } from './context';
import { positionChange } from './exposure';
import { verdictsFor } from './verdict';
import { money, pct } from './words';

const v = verdictsFor('daily-loss-halt', 'Daily loss');

/** Past the day's loss limit only orders that reduce a position go through: closing risk must stay possible. */
export const dailyLossHalt: RiskCheck = (ctx, draft) => {
  const reduces = positionChange(ctx, draft).effect === 'reduces';
  const pnl = ctx.account?.dailyPnL ?? null;
  const netLiq = ctx.account?.netLiquidation ?? null;
  if (pnl === null || netLiq === null || netLiq <= 0) {
    const words = 'IB has not reported today’s P&L and net liquidation, so the daily loss limit cannot be checked';
    return reduces ? v.warn(`${words}; this order only reduces a position.`) : v.block(`${words}.`);
  }
  const limitPct = ctx.limits.dailyLossHaltPct;
  const floor = -(limitPct / 100) * netLiq;
  const pnlWords = `${pnl >= 0 ? '+' : ''}${money(pnl)}`;
  if (pnl <= floor) {
    const words = `Today’s P&L is ${pnlWords}, past the daily loss limit of ${pct(limitPct)} of net liquidation (${money(floor)})`;
    return reduces ? v.warn(`${words}; this order only reduces a position, so it is allowed.`) : v.block(`${words}; only orders that reduce a position can be approved today.`);
  }
  return v.pass(`Today’s P&L is ${pnlWords}; approvals stop at ${money(floor)}.`);
};
