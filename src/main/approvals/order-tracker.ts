import type { CommissionReport, Contract, Execution, Order } from '@stoqey/ib';
import type { Draft, DraftState } from '../../shared/draft';
import type { BrokerSession } from '../broker/broker-session';
import { describeGatewayError } from '../broker/gateway-errors';
import { ErrorCode, IbCode } from '../broker/ib-codes';
import { draftIdFromOrderRef } from '../broker/ib-order';
import type { Log } from '../log';
import type { StoreHealth } from '../store/store-health';
import { movedOnMeanwhile, type DraftLedger } from './draft-ledger';
import { orderBelongsTo } from './order-identity';

const WORKING_STATUSES = new Set(['PendingSubmit', 'ApiPending', 'PreSubmitted', 'Submitted', 'PendingCancel']);
const CANCELLED_STATUSES = new Set(['Cancelled', 'ApiCancelled']);
// Codes that mean IB refused the order outright.
const REFUSED = new Set<number>([
  IbCode.DUPLICATE_ORDER_ID,
  IbCode.PRICE_OFF_TICK,
  IbCode.NO_SECURITY_DEFINITION,
  IbCode.ORDER_REJECTED,
  IbCode.SECURITY_NOT_ALLOWED,
  IbCode.REQUEST_INVALID,
  IbCode.ORDER_VALUE_OVER_LIMIT,
  IbCode.ORDER_SIZE_OVER_LIMIT,
  IbCode.UNSUPPORTED_ORDER_TYPE,
  IbCode.ORDER_SIZE_BELOW_MINIMUM,
  IbCode.ORDER_NOT_CANCELLABLE,
]);
// Codes that are warnings about an order IB still accepted (precautionary settings and the like).
const WARNINGS = new Set<number>([ErrorCode.ORDER_MESSAGE, IbCode.OUTSIDE_RTH_IGNORED]);

export interface OrderTrackerOptions {
  ledger: DraftLedger;
  /** Where an answer that could not be recorded is kept, retried and shown. */
  health: StoreHealth;
  /** Sends the queue to the renderer after a change. */
  publish: () => void;
  log: Log;
  now: () => number;
}

type StatusArgs = [orderId: number, status: string, filled: number, remaining: number, avgFillPrice: number, clientId: number];

/**
 * Follows the broker's answers for approved drafts until a final state:
 * acknowledgement, partial and full fills, commissions, cancels and
 * rejections, each in plain words and each an audit row.
 *
 * An order is linked to a draft only once IB's open-order message confirms
 * it (client id, order id from our ledger, orderRef, contract); statuses for
 * an order not yet confirmed wait for that confirmation. A broker message
 * never crashes the backend: an outcome the database refuses is kept,
 * retried and shown as a store problem.
 */
export class OrderTracker {
  /** `${clientId}:${orderId}` → draft id, for orders IB has confirmed as ours. */
  private readonly confirmed = new Map<string, string>();
  /** The newest status of an order of our client id that IB has not yet confirmed. */
  private readonly unconfirmed = new Map<string, StatusArgs>();
  private readonly fills = new Map<string, { draftId: string }>();

  private readonly ledger: DraftLedger;
  private readonly now: () => number;

  constructor(private readonly options: OrderTrackerOptions) {
    this.ledger = options.ledger;
    this.now = options.now;
  }

  attach(session: BrokerSession): () => void {
    const guard = <A extends unknown[]>(key: (...args: A) => string, what: string, handle: (...args: A) => void) => {
      const run = (...args: A): void => {
        try {
          handle(...args);
          this.options.health.clear(key(...args));
        } catch (error) {
          // The outcome happened at the broker whether or not it could be written:
          // keep it and try again, and tell the person the record is behind.
          this.options.log.error(`Could not record ${what}`, error);
          this.options.health.fail(key(...args), what, error, () => run(...args));
          this.options.publish();
        }
      };
      return run;
    };
    const onOpenOrder = guard(
      (orderId: number, _contract: Contract, order: Order) => `broker:open:${order.clientId ?? -1}:${orderId}`,
      'an order update from IB',
      (orderId: number, contract: Contract, order: Order) => this.onOpenOrder(session, orderId, contract, order),
    );
    const onStatus = guard(
      (orderId: number, _s: string, _f: number, _r: number, _a: number, _p: number, _l: number, clientId: number) => `broker:status:${clientId}:${orderId}`,
      'an order status from IB',
      (orderId: number, status: string, filled: number, remaining: number, avgFillPrice: number, _permId: number, _last: number, clientId: number) =>
        this.onStatus(session, [orderId, status, filled, remaining, avgFillPrice, clientId]),
    );
    const onError = guard(
      (orderId: number, _code: number, _message: string) => `broker:error:${orderId}`,
      'an order message from IB',
      (orderId: number, code: number, message: string) => this.onError(session, orderId, code, message),
    );
    const onExecution = guard(
      (_contract: Contract, execution: Execution) => `broker:exec:${execution.execId ?? ''}`,
      'a fill from IB',
      (contract: Contract, execution: Execution) => this.onExecution(session, contract, execution),
    );
    const onCommission = guard(
      (report: CommissionReport) => `broker:commission:${report.execId ?? ''}`,
      'a commission report from IB',
      (report: CommissionReport) => this.onCommission(report.execId ?? '', report.commission),
    );
    session.on('openOrder', onOpenOrder);
    session.on('orderStatus', onStatus);
    session.on('orderError', onError);
    session.on('execution', onExecution);
    session.on('commission', onCommission);
    return () => {
      session.off('openOrder', onOpenOrder);
      session.off('orderStatus', onStatus);
      session.off('orderError', onError);
      session.off('execution', onExecution);
      session.off('commission', onCommission);
    };
  }

  private readonly ledgerOf = (orderId: number): string | null => this.ledger.draftIdForOrderId(orderId);

  private onOpenOrder(session: BrokerSession, orderId: number, contract: Contract, order: Order): void {
    const draftId = draftIdFromOrderRef(order.orderRef);
    if (!draftId) return;
    const draft = this.ledger.get(draftId);
    if (!draft) return;
    const facts = { clientId: order.clientId ?? -1, orderId, orderRef: order.orderRef ?? '', conId: contract.conId ?? 0 };
    if (!orderBelongsTo(draft, facts, this.ledgerOf, session.clientId)) return;
    const key = `${facts.clientId}:${orderId}`;
    this.confirmed.set(key, draftId);
    const waiting = this.unconfirmed.get(key);
    if (waiting) {
      this.unconfirmed.delete(key);
      this.onStatus(session, waiting);
    }
  }

  private onStatus(session: BrokerSession, args: StatusArgs): void {
    const [orderId, status, filled, remaining, avgFillPrice, clientId] = args;
    const key = `${clientId}:${orderId}`;
    const draftId = this.confirmed.get(key);
    if (!draftId) {
      // Ours only if IB later confirms it; another client's order 7 never is.
      if (clientId === session.clientId && this.ledgerOf(orderId)) this.unconfirmed.set(key, args);
      return;
    }
    const draft = this.ledger.get(draftId);
    // A bracket's take-profit and stop-loss report their own statuses; the draft follows its entry.
    if (!draft || draft.orderId !== orderId) return;
    const fill = { filledQty: filled, avgFillPrice: filled > 0 && avgFillPrice > 0 ? avgFillPrice : draft.avgFillPrice };
    if (status === 'Filled' || (filled > 0 && remaining === 0)) {
      this.advance(draft, 'filled', { fill }, 'broker.filled', `Filled ${filled} at ${fill.avgFillPrice ?? '?'}.`);
    } else if (CANCELLED_STATUSES.has(status)) {
      this.advance(draft, 'cancelled', { fill }, 'broker.cancelled', filled > 0 ? `Cancelled after ${filled} filled.` : 'Cancelled.');
    } else if (status === 'Inactive') {
      this.advance(draft, 'broker_rejected', { fill }, 'broker.inactive', draft.brokerMessage ?? 'IB made the order inactive (rejected).');
    } else if (filled > 0) {
      this.advance(draft, 'partially_filled', { fill }, 'broker.partially_filled', `${filled} filled, ${remaining} to go.`);
    } else if (WORKING_STATUSES.has(status)) {
      this.advance(draft, 'working', {}, 'broker.acknowledged', undefined);
    }
  }

  private onError(session: BrokerSession, orderId: number, code: number, message: string): void {
    // IB sends an error about an order id only to the client that placed it,
    // so an error for an id of ours is about our order.
    const draftId = this.ledgerOf(orderId);
    const draft = draftId ? this.ledger.get(draftId) : null;
    if (!draft || draft.orderId !== orderId || (draft.clientId ?? session.clientId) !== session.clientId) return;
    const plain = describeGatewayError(code, message);
    if (REFUSED.has(code)) {
      this.advance(draft, 'broker_rejected', {}, 'broker.rejected', plain, { code, message });
    } else if (WARNINGS.has(code) || code >= 2100) {
      const after: Draft = { ...draft, brokerMessage: plain, updatedAt: this.now() };
      this.ledger.save(draft, after, 'broker', 'broker.warning', { code, message });
      this.options.publish();
    }
  }

  private onExecution(session: BrokerSession, contract: Contract, execution: Execution): void {
    const draftId = draftIdFromOrderRef(execution.orderRef);
    if (!draftId || !execution.execId) return;
    const draft = this.ledger.get(draftId);
    if (!draft) return;
    const facts = { clientId: execution.clientId ?? -1, orderId: execution.orderId ?? -1, orderRef: execution.orderRef ?? '', conId: contract.conId ?? 0 };
    if (!orderBelongsTo(draft, facts, this.ledgerOf, session.clientId)) return;
    const known = this.fills.has(execution.execId);
    this.fills.set(execution.execId, { draftId });
    // Every reconnect replays today's executions: each fill is recorded once, by its execId.
    if (known || draft.executions?.[execution.execId]) return;
    this.ledger.audit('broker', 'broker.execution', { execId: execution.execId, orderRef: execution.orderRef, shares: execution.shares, price: execution.price }, this.now());
  }

  private onCommission(execId: string, commission: number | undefined): void {
    const fill = this.fills.get(execId);
    if (!fill || commission === undefined || !Number.isFinite(commission) || Math.abs(commission) > 1e300) return;
    const draft = this.ledger.get(fill.draftId);
    // Replayed on every reconnect, 1101 and restart: applied once per execution.
    if (!draft || draft.executions?.[execId]?.commission !== undefined) return;
    const executions = { ...draft.executions, [execId]: { commission } };
    const total = Object.values(executions).reduce((sum, e) => sum + (e.commission ?? 0), 0);
    const after: Draft = { ...draft, executions, commission: total, updatedAt: this.now() };
    this.ledger.save(draft, after, 'broker', 'broker.commission', { execId, commission });
    this.options.publish();
  }

  /** Moves a draft towards `to`, through 'working' when the lifecycle needs it. */
  private advance(
    draft: Draft,
    to: DraftState,
    extra: { fill?: { filledQty: number; avgFillPrice: number | null } },
    action: string,
    message: string | undefined,
    details: Record<string, unknown> = {},
  ): void {
    if (draft.state === to && extra.fill?.filledQty === draft.filledQty) return;
    let current = draft;
    const now = this.now();
    const path: DraftState[] = [];
    if (current.state === 'submitting' && to !== 'filled' && to !== 'broker_rejected' && to !== 'working') path.push('working');
    if (current.state !== to) path.push(to);
    for (const step of path) {
      if (current.state === 'needs_review' && step === 'working' && to !== 'working') continue;
      const evidence = { now, ...(extra.fill ? { fill: extra.fill } : {}), ...(message && step === to ? { brokerMessage: message } : {}) };
      try {
        const after = this.ledger.move(current, step, evidence);
        this.ledger.save(current, after, 'broker', step === to ? action : 'broker.acknowledged', { ...details, ...(message ? { message } : {}) });
        current = after;
      } catch (error) {
        // A late or repeated answer for a draft that already moved on: nothing to do.
        // Anything else (the database refused the write) is not ours to swallow.
        if (movedOnMeanwhile(error)) return;
        throw error;
      }
    }
    if (current.state === to && extra.fill && current.filledQty !== extra.fill.filledQty) {
      const after: Draft = { ...current, filledQty: extra.fill.filledQty, avgFillPrice: extra.fill.avgFillPrice, updatedAt: now };
      this.ledger.save(current, after, 'broker', action, details);
    }
    this.options.publish();
  }
}
