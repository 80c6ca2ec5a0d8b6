import type { Draft } from '../../shared/draft';
import type { ExecutionView, OpenOrderView } from '../../shared/portfolio';
import type { HaltPlan, HaltScope } from '../../shared/queue';
import { draftIdFromOrderRef } from '../broker/ib-order';
import { orderIdsNeeded } from '../broker/ib-order';
import { isFinishedOrderStatus } from '../broker/portfolio-model';

export interface HaltInputs {
  scope: HaltScope;
  sessionClientId: number | undefined;
  openOrders: readonly OpenOrderView[];
  /** Today's executions as the broker reports them: evidence of a fill our store may not have yet. */
  executions: readonly ExecutionView[];
  /** Drafts with an order that may be at the broker (submitting, working, partially filled, needs review). */
  inFlight: readonly Draft[];
  draftOf: (draftId: string) => Draft | null;
  ledger: (orderId: number) => string | null;
}

/**
 * What a halt cancels and what it keeps. By default only orders Countersign
 * placed (our client id, an order id our ledger reserved for the draft the
 * orderRef names), and not the take-profit and stop-loss protecting a
 * bracket entry that already filled: cancelling those would leave the person
 * holding an unprotected position. Orders placed by hand in TWS or by other
 * API clients are kept. The account-wide scope is IB's global cancel.
 *
 * A bracket's take-profit or stop-loss is cancelled directly only when the
 * entry is known not to have filled: the entry is in the broker's open
 * orders with nothing filled, no execution of it is reported and the store
 * records none. Any other case keeps it. A fill the store could not record
 * yet (disk full, status still on its way) must not strip the protection,
 * and keeping a child of an entry that did not fill costs nothing: the
 * entry's own cancel takes its children with it at IB.
 */
export function planHalt(inputs: HaltInputs): HaltPlan {
  const cancel: HaltPlan['cancel'] = [];
  const keep: HaltPlan['keep'] = [];
  const describe = (o: OpenOrderView): string => `${o.action} ${o.quantity} ${o.symbol} ${o.orderType}${o.limitPrice !== null ? ` ${o.limitPrice}` : ''}`;
  const cancelIds = new Set<number>();
  const entryKnownUnfilled = (entry: Draft, placedBy: number | undefined): boolean => {
    if (entry.filledQty > 0 || entry.orderId === undefined) return false;
    const parent = inputs.openOrders.find((o) => o.orderId === entry.orderId && o.clientId === placedBy);
    if (!parent || parent.filled > 0 || isFinishedOrderStatus(parent.status)) return false;
    return !inputs.executions.some((e) => e.orderId === entry.orderId && e.clientId === placedBy);
  };
  for (const order of inputs.openOrders) {
    const draftId = draftIdFromOrderRef(order.orderRef);
    const placedBy = draftId !== undefined ? (inputs.draftOf(draftId)?.clientId ?? inputs.sessionClientId) : undefined;
    // Under the client id it was placed with: after a 326 the session may run under another one.
    const ours = draftId !== undefined && order.clientId === placedBy && inputs.ledger(order.orderId) === draftId;
    if (inputs.scope === 'account') {
      cancel.push({ orderId: order.orderId, clientId: order.clientId, description: describe(order), ours });
      continue;
    }
    if (!ours) {
      keep.push({ orderId: order.orderId, clientId: order.clientId, description: describe(order), reason: 'placed outside Countersign (TWS or another application)' });
      continue;
    }
    const child = /:(tp|sl)$/.test(order.orderRef);
    const entry = draftId ? inputs.draftOf(draftId) : null;
    if (inputs.scope === 'countersign' && child && (!entry || !entryKnownUnfilled(entry, placedBy))) {
      keep.push({ orderId: order.orderId, clientId: order.clientId, description: describe(order), reason: protectionReason(entry, placedBy, inputs) });
      continue;
    }
    cancelIds.add(order.orderId);
    cancel.push({ orderId: order.orderId, clientId: order.clientId, description: describe(order), ours: true });
  }
  if (inputs.scope !== 'account') {
    // Orders just sent may not be in IB's open-order list yet: cancel every id
    // of an in-flight draft too (a cancel of an order that is not open is harmless).
    for (const draft of inputs.inFlight) {
      if (draft.orderId === undefined) continue;
      const ids = Array.from({ length: orderIdsNeeded(draft.order) }, (_, i) => (draft.orderId ?? 0) + i);
      const placedBy = draft.clientId ?? inputs.sessionClientId ?? -1;
      for (const [i, id] of ids.entries()) {
        if (cancelIds.has(id) || keep.some((k) => k.orderId === id && k.clientId === placedBy)) continue;
        if (inputs.scope === 'countersign' && i > 0 && !entryKnownUnfilled(draft, placedBy)) continue;
        cancelIds.add(id);
        cancel.push({ orderId: id, clientId: placedBy, description: `${draft.order.side} ${draft.order.quantity} ${draft.contract.symbol} (${draft.state.replace('_', ' ')})`, ours: true });
      }
    }
  }
  return { scope: inputs.scope, cancel, keep };
}

/**
 * Why a bracket child is kept, in what is known: a fill that is on record
 * (stored, or reported by the broker), or only that a fill cannot be ruled out.
 */
function protectionReason(entry: Draft | null, placedBy: number | undefined, inputs: HaltInputs): string {
  const filled =
    entry !== null &&
    (entry.filledQty > 0 ||
      inputs.executions.some((e) => e.orderId === entry.orderId && e.clientId === placedBy) ||
      inputs.openOrders.some((o) => o.orderId === entry.orderId && o.clientId === placedBy && o.filled > 0));
  return filled
    ? 'protects a position that already filled'
    : 'its entry may have filled (not on record yet); if it did not, cancelling the entry cancels this with it';
}
