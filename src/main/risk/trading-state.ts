import type { RiskCheck } from './context';
import { positionChange } from './exposure';
import { verdictsFor } from './verdict';

const v = verdictsFor('trading-state', 'Trading switch');

export const tradingState: RiskCheck = (ctx, draft) => {
  switch (ctx.tradingState) {
    case 'halted':
      return v.block('Trading is halted; no order can be approved until it is switched back on.');
    case 'reducing':
      return positionChange(ctx, draft).effect === 'reduces'
        ? v.pass('Trading is set to reduce only, and this order reduces a position.')
        : v.block('Trading is set to reduce only; this order would open, add to or flip a position.');
    case 'active':
      return v.pass('Trading is on.');
  }
};
