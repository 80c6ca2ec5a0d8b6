import type { Contract, Execution } from '@stoqey/ib';
import type { Draft, DraftState } from '../../shared/draft';
import type { BrokerSession } from '../broker/broker-session';
import { describeGatewayError } from '../broker/gateway-errors';
import { draftIdFromOrderRef } from '../broker/ib-order';
import type { ApprovalDesk } from './approval-desk';

const WORKING_STATUSES = new Set(['PendingSubmit', 'ApiPending', 'PreSubmitted', 'Submitted', 'PendingCancel']);
const CANCELLED_STATUSES = new Set(['Cancelled', 'ApiCancelled']);
// Codes that mean IB refused the order outright.
const REFUSED = new Set([103, 110, 200, 201, 203, 321, 382, 383, 387, 388, 10148]);
// Codes that are warnings about an order IB still accepted (precautionary settings and the like).
const WARNINGS = new Set([399, 2109]);

/**
 * Follows the broker's answers for approved drafts until a final state:
 * acknowledgement, partial and full fills, commissions, cancels and
 * rejections, each in plain words and each an audit row.
 */
export class OrderTracker {
  private readonly fills = new Map<string, { draftId: string; shares: number; price: number }>();

  constructor(
    private readonly desk: ApprovalDesk,
    private readonly now: () => number,
  ) {}

  attach(session: BrokerSession): () => void {
    const onStatus = (orderId: number, status: string, filled: number, remaining: number, avgFillPrice: number): void =>
      this.onStatus(orderId, status, filled, remaining, avgFillPrice);
    const onError = (orderId: number, code: number, message: string): void => this.onError(orderId, code, message);
    const onExecution = (_contract: Contract, execution: Execution): void => this.onExecution(execution);
    const onCommission = (report: { execId?: string; commission?: number }): void => this.onCommission(report.execId ?? '', report.commission);
    session.on('orderStatus', onStatus);
    session.on('orderError', onError);
    session.on('execution', onExecution);
    session.on('commission', onCommission);
    return () => {
      session.off('orderStatus', onStatus);
      session.off('orderError', onError);
      session.off('execution', onExecution);
      session.off('commission', onCommission);
    };
  }

  private parentDraft(orderId: number): Draft | undefined {
    return this.desk.store.drafts.findByOrderId(orderId) ?? undefined;
  }

  private onStatus(orderId: number, status: string, filled: number, remaining: number, avgFillPrice: number): void {
    const draft = this.parentDraft(orderId);
    if (!draft) return;
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

  private onError(orderId: number, code: number, message: string): void {
    const draft = this.parentDraft(orderId);
    if (!draft) return;
    const plain = describeGatewayError(code, message);
    if (REFUSED.has(code)) {
      this.advance(draft, 'broker_rejected', {}, 'broker.rejected', plain, { code, message });
    } else if (WARNINGS.has(code) || code >= 2100) {
      const after: Draft = { ...draft, brokerMessage: plain, updatedAt: this.now() };
      this.desk.save(draft, after, 'broker', 'broker.warning', { code, message });
      this.desk.publish();
    }
  }

  private onExecution(execution: Execution): void {
    const draftId = draftIdFromOrderRef(execution.orderRef);
    if (!draftId || !execution.execId) return;
    this.fills.set(execution.execId, { draftId, shares: Number(execution.shares ?? 0), price: Number(execution.price ?? 0) });
    this.desk.audit('broker', 'broker.execution', { execId: execution.execId, orderRef: execution.orderRef, shares: execution.shares, price: execution.price }, this.now());
  }

  private onCommission(execId: string, commission: number | undefined): void {
    const fill = this.fills.get(execId);
    if (!fill || commission === undefined || !Number.isFinite(commission) || Math.abs(commission) > 1e300) return;
    const draft = this.desk.store.drafts.get(fill.draftId);
    if (!draft) return;
    const after: Draft = { ...draft, commission: (draft.commission ?? 0) + commission, updatedAt: this.now() };
    this.desk.save(draft, after, 'broker', 'broker.commission', { execId, commission });
    this.desk.publish();
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
        const after = this.desk.move(current, step, evidence);
        this.desk.save(current, after, 'broker', step === to ? action : 'broker.acknowledged', { ...details, ...(message ? { message } : {}) });
        current = after;
      } catch {
        // A late or repeated answer for a draft that already moved on: nothing to do.
        return;
      }
    }
    if (current.state === to && extra.fill && current.filledQty !== extra.fill.filledQty) {
      const after: Draft = { ...current, filledQty: extra.fill.filledQty, avgFillPrice: extra.fill.avgFillPrice, updatedAt: now };
      this.desk.save(current, after, 'broker', action, details);
    }
    this.desk.publish();
  }
}
