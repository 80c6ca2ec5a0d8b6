import type { Draft } from '../../shared/draft';
import type { PortfolioSnapshot } from '../../shared/portfolio';
import type { StoreHealth } from '../store/store-health';
import { movedOnMeanwhile, type DraftLedger } from './draft-ledger';
import { orderBelongsTo } from './order-identity';

/** What reconciling needs: the drafts' owner, where a refused write is kept and shown, and the queue's publisher. */
export interface ReconcileDesk {
  ledger: DraftLedger;
  health: StoreHealth;
  publish: () => void;
}

/**
 * After every (re)connect and at start-up, once the session has re-synced
 * open orders and today's executions: every draft that may have an order at
 * the broker is matched by orderRef. What is found is linked and updated;
 * what cannot be established goes to "needs review" for the person. Nothing
 * is ever re-sent from here.
 */
export function reconcile(desk: ReconcileDesk, portfolio: PortfolioSnapshot, now: number, sessionClientId: number): void {
  const ledger = (orderId: number): string | null => desk.ledger.draftIdForOrderId(orderId);
  for (const draft of desk.ledger.inFlight()) {
    try {
      // Only orders this draft placed count: another API client's order with
      // the same id, or one that copies our orderRef, is never linked to it.
      const ours = {
        ...portfolio,
        openOrders: portfolio.openOrders.filter((order) => orderBelongsTo(draft, order, ledger, sessionClientId)),
        executions: portfolio.executions.filter((execution) => orderBelongsTo(draft, execution, ledger, sessionClientId)),
      };
      reconcileOne(desk.ledger, draft, ours, now);
      desk.health.clear(`reconcile:${draft.id}`);
    } catch (error) {
      // A draft that moved meanwhile (a live status arrived first) is already current.
      if (movedOnMeanwhile(error)) continue;
      // The database refused: what IB said is kept and tried again, and shown.
      desk.health.fail(`reconcile:${draft.id}`, 'what IB said about an order after reconnecting', error, () => reconcile(desk, portfolio, now, sessionClientId));
    }
  }
  desk.publish();
}

function reconcileOne(ledger: DraftLedger, draft: Draft, portfolio: PortfolioSnapshot, now: number): void {
  const open = portfolio.openOrders.find((order) => order.orderRef === draft.id);
  const fills = portfolio.executions.filter((execution) => execution.orderRef === draft.id);
  const filledQty = fills.reduce((sum, fill) => sum + fill.shares, 0);
  const avgFillPrice = filledQty > 0 ? fills.reduce((sum, fill) => sum + fill.shares * fill.price, 0) / filledQty : null;
  const fill = { filledQty, avgFillPrice };
  const evidence = { orderRef: draft.id, openOrder: open ?? null, executions: fills.map((f) => f.execId) };

  const step = (to: Draft['state'], message?: string): void => {
    const current = ledger.get(draft.id) ?? draft;
    if (current.state === to && current.filledQty === filledQty) return;
    const after = ledger.move(current, to, { now, fill, ...(message ? { brokerMessage: message } : {}) });
    ledger.save(current, after, 'system', `reconcile.${to}`, evidence);
  };

  if (filledQty >= draft.order.quantity) {
    step('filled', `Found filled at the broker after reconnecting (${filledQty} at ${avgFillPrice?.toFixed(2)}).`);
    return;
  }
  if (draft.order.bracket) {
    // IB holds a bracket's entry untransmitted until the stop-loss (sent last,
    // transmit=true) arrives. An entry without its stop-loss never went to
    // market and has no protection: the person decides, nothing completes it.
    const stopLossRef = `${draft.id}:sl`;
    const stopLossArrived =
      portfolio.openOrders.some((order) => order.orderRef === stopLossRef) || portfolio.executions.some((execution) => execution.orderRef === stopLossRef);
    if (!stopLossArrived && filledQty === 0) {
      if (draft.state !== 'needs_review') {
        ledger.needsReview(
          draft,
          open
            ? 'Only part of the bracket reached IB: the entry is held there untransmitted, without its stop-loss. It will not be completed automatically; cancel it in TWS, or draft the bracket again.'
            : 'The bracket is not at the broker: it may never have been sent. It will not be re-sent; draft it again if you still want it.',
        );
      }
      return;
    }
  }
  if (open) {
    if (draft.state === 'submitting' || draft.state === 'needs_review') step('working', 'Found working at the broker after reconnecting.');
    if (filledQty > 0) step('partially_filled');
    return;
  }
  if (draft.state === 'needs_review') return;
  const message =
    draft.state === 'submitting'
      ? 'No order with this reference is at the broker: it may never have been sent. It will not be re-sent; draft it again if you still want it.'
      : filledQty > 0
        ? `The order is no longer open at the broker with ${filledQty} of ${draft.order.quantity} filled today; check TWS for the rest.`
        : 'The order is no longer open at the broker and has no fills today: it may have been cancelled outside Countersign, or filled on an earlier day.';
  ledger.needsReview(draft, message);
}
