import type { RiskCheck } from './context';
import { orderNotional, whyUnvalued, positionChange, shortOptionOpening, sizeBasis } from './exposure';
import { callCover } from './option-cover';
import { verdictsFor } from './verdict';
import { money } from './words';

const v = verdictsFor('buying-power', 'Buying power');

export const buyingPower: RiskCheck = (ctx, draft) => {
  const account = ctx.account;
  if (account === null) return v.block('IB has not reported the account’s funds yet.');
  if (positionChange(ctx, draft).effect === 'reduces') return v.pass('This order only reduces a position; it needs no new funds.');
  const cost = orderNotional(ctx, draft);
  if (cost === null) return v.block(`This order cannot be valued: ${whyUnvalued(ctx, draft)}.`);

  const whatIf = draft.whatIf;
  // What a written option may cost is IB's to say (its margin rules, the account's other positions): without
  // IB's preview of the margin after it, a short option is held, whatever our own sizing says.
  const writes = shortOptionOpening(ctx, draft) > 0;
  if (writes && whatIf === undefined) {
    return v.block(
      'This order writes an option, and IB’s margin preview (what-if) has not come back for it (IB did not answer in time, or refused), so what it would do to the account’s margin is not known. A written option is not approved without it; Countersign asks IB again every few seconds while the draft waits.',
    );
  }
  if (writes && (whatIf?.initMarginAfter == null || whatIf.equityWithLoanAfter == null)) {
    return v.block('This order writes an option, and IB’s margin preview did not give the margin and equity after it, so what it would do to the account’s margin is not known.');
  }
  if (whatIf?.initMarginAfter != null && whatIf.equityWithLoanAfter != null && whatIf.initMarginAfter > whatIf.equityWithLoanAfter) {
    return v.block(
      `IB’s preview says the initial margin after this order (${money(whatIf.initMarginAfter)}) would exceed the equity with loan (${money(whatIf.equityWithLoanAfter)}).`,
    );
  }

  if (account.kind === 'margin') {
    const power = account.buyingPower;
    if (power === null) return v.block('IB has not reported the account’s buying power, so this order cannot be checked.');
    const basis = sizeBasis(ctx, draft) && ` (${sizeBasis(ctx, draft)})`;
    if (cost > power) return v.block(`This order needs about ${money(cost)}${basis}, but buying power is ${money(power)}.`);
    if (cost > power * 0.9) return v.warn(`This order uses about ${money(cost)}${basis} of ${money(power)} buying power.`);
    return v.pass(`Needs about ${money(cost)}${basis}; buying power is ${money(power)}.`);
  }

  // A cash account or an IRA cannot borrow: the purchase must be covered by available funds. A call
  // covered by shares held needs none: the shares are what it may have to deliver.
  if (writes && draft.contract.right === 'C' && draft.order.quantity === shortOptionOpening(ctx, draft) && callCover(ctx, draft)?.covered) {
    return v.pass('A covered call: the shares held are what it may have to deliver, so it needs no funds.');
  }
  const funds = account.availableFunds;
  // An account of unknown kind is held to the cash rules until IB says it may borrow.
  const kind = account.kind === 'ira' ? 'An IRA' : account.kind === 'unknown' ? 'An account of a kind IB has not reported' : 'A cash account';
  if (funds === null) return v.block('IB has not reported the account’s available funds, so this order cannot be checked.');
  if (cost > funds) {
    return v.block(`This order costs about ${money(cost)}${sizeBasis(ctx, draft) && ` (${sizeBasis(ctx, draft)})`} but only ${money(funds)} is available; ${kind.charAt(0).toLowerCase()}${kind.slice(1)} cannot borrow.`);
  }
  if (cost > funds * 0.9) return v.warn(`This order uses about ${money(cost)} of the ${money(funds)} available.`);
  return v.pass(`Costs about ${money(cost)}; ${money(funds)} is available.`);
};
