import type { RiskCheck, RiskContext } from './context';
import type { Draft, RiskVerdict } from '../../shared/draft';
import { positionChange } from './exposure';
import { callCover, putCashNeeded } from './option-cover';
import { verdictsFor } from './verdict';
import { money, qty } from './words';

const v = verdictsFor('cash-account', 'Cash and IRA rules');

/**
 * Short sales are not allowed without margin; buying on margin is covered by
 * the buying-power check. Writing options is allowed where IB allows it in an
 * account that cannot borrow: a call covered by shares held, a put secured
 * by cash set aside for its strike. A naked one is a short sale of risk.
 */
export const cashAccount: RiskCheck = (ctx, draft) => {
  const account = ctx.account;
  if (account === null) return v.block('IB has not reported the account type yet.');
  if (account.kind === 'margin') return v.pass('Margin account: the cash-account rules do not apply.');
  const kind = account.kind === 'ira' ? 'an IRA' : 'a cash account';
  const unknown = account.kind === 'unknown' ? `IB has not reported what kind of account ${account.accountId} is, so it is treated as a cash account. ` : '';
  const change = positionChange(ctx, draft);
  if (draft.order.side === 'SELL' && change.after < 0) {
    // An account of a kind IB has not reported is held to the strictest rule: no written options either.
    if (draft.contract.secType === 'OPT' && account.kind !== 'unknown') return writtenOption(ctx, draft, kind);
    const held = Math.max(0, change.before);
    return v.block(
      `${unknown}Selling ${qty(draft.order.quantity)} ${draft.contract.symbol} when the account holds ${qty(held)} would be a short sale, which ${kind} cannot make.`,
    );
  }
  return v.pass(`${unknown}No short sale; allowed in ${kind}.`);
};

function writtenOption(ctx: RiskContext, draft: Draft, kind: string): RiskVerdict {
  const symbol = draft.contract.symbol;
  if (draft.contract.right === 'C') {
    const cover = callCover(ctx, draft);
    if (cover === null) return v.block(`The ${symbol} calls cannot be checked for cover (IB gave no multiplier for these calls or for calls already written on it), and ${kind} may write only covered calls.`);
    const free = Math.max(0, cover.shares - cover.alreadyCovering);
    const held = `the account holds ${qty(cover.shares)} ${symbol} shares, ${qty(cover.alreadyCovering)} of them already covering calls written before`;
    if (!cover.covered) {
      return v.block(`Writing these calls needs ${qty(cover.needed)} ${symbol} shares to cover them, but ${held}, so ${qty(free)} are free: a naked call, which ${kind} cannot write.`);
    }
    return v.pass(`Covered call: it needs ${qty(cover.needed)} ${symbol} shares and ${held}; ${qty(free)} are free. Allowed in ${kind}.`);
  }
  const needed = putCashNeeded(ctx, draft);
  const funds = ctx.account?.availableFunds ?? null;
  if (needed === null) return v.block(`The cash these ${symbol} puts need cannot be worked out (no multiplier or exchange rate), and ${kind} may write only cash-secured puts.`);
  if (funds === null) return v.block(`IB has not reported the account’s available funds, so it cannot be told whether cash secures these ${symbol} puts; ${kind} may write only cash-secured puts.`);
  if (needed > funds) {
    return v.block(`Writing these ${symbol} puts needs ${money(needed)} set aside to buy the shares at the strike, but ${money(funds)} is available: ${kind} may write only cash-secured puts.`);
  }
  return v.pass(`Cash-secured put: ${money(needed)} buys the shares at the strike, and ${money(funds)} is available. Allowed in ${kind}.`);
}
