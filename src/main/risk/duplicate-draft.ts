import { inFlightDraftStates, positionKey, type Draft } from '../../shared/draft';
import type { RiskCheck } from './context';
import { verdictsFor } from './verdict';
import { orderWords } from './words';

const v = verdictsFor('duplicate-draft', 'Duplicate');

function sameIntent(a: Draft, b: Draft): boolean {
  return a.account === b.account && positionKey(a.contract) === positionKey(b.contract) && a.order.side === b.order.side;
}

/**
 * One waiting draft per account, instrument and side: a second one is most
 * likely the same idea drafted twice, and approving both would double the order.
 */
export const duplicateDraft: RiskCheck = (ctx, draft) => {
  const others = ctx.otherDrafts.filter((d) => d.id !== draft.id && sameIntent(d, draft));
  const waiting = others.find((d) => d.state === 'drafted' || d.state === 'pending');
  if (waiting !== undefined) {
    return v.block(
      `Draft ${waiting.id.slice(0, 8)} (${orderWords(waiting)}) is already waiting for the same account; approve, edit or reject that one first.`,
    );
  }
  const working = others.find((d) => inFlightDraftStates.includes(d.state));
  if (working !== undefined) {
    const id = working.orderId === undefined ? '' : ` (order ${working.orderId})`;
    return v.warn(`An order to ${orderWords(working)}${id} is already at the broker; this would be a second one.`);
  }
  return v.pass(`No other ${draft.order.side} ${draft.contract.symbol} order is waiting or working.`);
};
