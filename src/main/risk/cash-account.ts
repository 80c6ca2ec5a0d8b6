import type { RiskCheck } from './context';
import { positionChange } from './exposure';
import { verdictsFor } from './verdict';
import { qty } from './words';

const v = verdictsFor('cash-account', 'Cash and IRA rules');

/** Short sales are not allowed without margin; buying on margin is covered by the buying-power check. */
export const cashAccount: RiskCheck = (ctx, draft) => {
  const account = ctx.account;
  if (account === null) return v.block('IB has not reported the account type yet.');
  if (account.kind === 'margin') return v.pass('Margin account: the cash-account rules do not apply.');
  const kind = account.kind === 'ira' ? 'an IRA' : 'a cash account';
  const unknown = account.kind === 'unknown' ? `IB has not reported what kind of account ${account.accountId} is, so it is treated as a cash account. ` : '';
  const change = positionChange(ctx, draft);
  if (draft.order.side === 'SELL' && change.after < 0) {
    const held = Math.max(0, change.before);
    return v.block(
      `${unknown}Selling ${qty(draft.order.quantity)} ${draft.contract.symbol} when the account holds ${qty(held)} would be a short sale, which ${kind} cannot make.`,
    );
  }
  return v.pass(`${unknown}No short sale; allowed in ${kind}.`);
};
