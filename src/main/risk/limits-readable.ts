import type { RiskCheck } from './context';
import { verdictsFor } from './verdict';

const v = verdictsFor('limits-readable', 'Risk limits');

/**
 * The person's stored limits could not be read (a damaged byte, a hand
 * edit): the checks below run on the defaults, which may be looser than what
 * was stored, so nothing may be approved until the limits are saved again.
 */
export const limitsReadable: RiskCheck = (ctx) => {
  if (ctx.limitsProblem !== undefined) {
    return v.block(`Your saved risk limits cannot be read (${ctx.limitsProblem}). Approvals are blocked until you save them again in Settings → Risk limits.`);
  }
  return v.pass('Your saved risk limits are in force.');
};
