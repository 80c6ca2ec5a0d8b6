import { inFlightDraftStates, queueDraftStates, type Draft, type DraftState } from '../../shared/draft';
import type { UnreadableDraft } from '../../shared/queue';
import { appendAudit, type AuditActor } from '../store/audit-log';
import { DraftConflictError } from '../store/draft-repository';
import type { Store } from '../store/open-store';
import { draftIdForOrderId, highestOrderId, reserveOrderId } from '../store/order-id-ledger';
import { transition, TransitionError, type TransitionEvidence } from './lifecycle';

/**
 * The conflicts a broker answer can meet and that leave nothing to record:
 * the stored draft changed since it was read (a live status and the
 * reconciler raced), or the lifecycle refuses the move because the draft is
 * already past it (a late or repeated answer). Anything else (the database
 * refused the write) is a store problem for the caller to surface.
 */
export function movedOnMeanwhile(error: unknown): boolean {
  return error instanceof DraftConflictError || (error instanceof TransitionError && error.reason === 'not_allowed');
}

/** The stored draft's approval: the order ids it reserved and the draft as it was saved. */
export interface RecordedApproval {
  draft: Draft;
  firstOrderId: number;
}

/**
 * The one owner of draft state. Every read of a draft, every move through
 * the lifecycle and every save (with its audit row), and the order ids
 * reserved for drafts, go through here: the approval desk, the order tracker
 * and the reconciler are handed the same ledger and never reach into the
 * store themselves.
 *
 * It throws the store's and the lifecycle's own errors (DraftConflictError:
 * the draft changed meanwhile; TransitionError: the lifecycle refuses the
 * move); callers decide which of them they expect, and the call layer maps
 * them for the renderer.
 */
export class DraftLedger {
  constructor(
    private readonly store: Pick<Store, 'db' | 'drafts'>,
    private readonly now: () => number,
  ) {}

  get(id: string): Draft | null {
    return this.store.drafts.get(id);
  }

  /** The draft an order id was reserved for (a bracket's take-profit and stop-loss lead back to it too). */
  draftIdForOrderId(orderId: number): string | null {
    return draftIdForOrderId(this.store.db, orderId);
  }

  draftForOrderId(orderId: number): Draft | null {
    const id = this.draftIdForOrderId(orderId);
    return id ? this.get(id) : null;
  }

  /** The approval queue: drafted, pending and blocked drafts, oldest first. */
  waiting(): Draft[] {
    return this.store.drafts.listPending();
  }

  /** Drafts whose order may be at the broker. */
  inFlight(): Draft[] {
    return this.store.drafts.listInFlight();
  }

  /** The queue and the orders in flight: what the risk checks count and the queue shows. */
  live(): Draft[] {
    return this.store.drafts.listByStates([...queueDraftStates, ...inFlightDraftStates]);
  }

  recent(states: readonly DraftState[], limit: number): Draft[] {
    return this.store.drafts.listRecentByStates(states, limit);
  }

  /** One account's drafts in these states, newest first, a page at a time. */
  recentIn(states: readonly DraftState[], account: string, limit: number, offset: number): Draft[] {
    return this.store.drafts.listRecentByStatesIn(states, account, limit, offset);
  }

  expiredAt(now: number): Draft[] {
    return this.store.drafts.listExpired(now);
  }

  unreadable(): UnreadableDraft[] {
    return this.store.drafts.unreadable();
  }

  unreadableInFlight(): string[] {
    return this.store.drafts.unreadableInFlight();
  }

  highestOrderId(): number | null {
    return highestOrderId(this.store.db);
  }

  /** An order id for a what-if preview (IB wants a real one). */
  reserveOrderId(brokerNextValidId: number, draftId: string): number {
    return reserveOrderId(this.store.db, brokerNextValidId, this.now(), draftId);
  }

  insert(draft: Draft, actor: AuditActor, action: string, details: Record<string, unknown>): void {
    this.store.drafts.insert(draft, { actor, at: draft.updatedAt, action, details });
  }

  /** The lifecycle's move; throws TransitionError when it is not allowed. */
  move(draft: Draft, to: DraftState, evidence: TransitionEvidence): Draft {
    return transition(draft, to, evidence);
  }

  /** Replaces `before` by `after` with its audit row; throws DraftConflictError when the stored draft is no longer `before`. */
  save(before: Draft, after: Draft, actor: AuditActor, action: string, details: Record<string, unknown>): void {
    this.store.drafts.save(before, after, { actor, at: after.updatedAt, action, details });
  }

  /**
   * The approval's durable intent, in one transaction: the order ids the
   * order needs are reserved and the submitting draft is saved with its audit
   * row, so neither is on disk without the other.
   */
  recordApproval(
    before: Draft,
    order: { brokerNextValidId: number; ids: number; at: number },
    approved: (firstOrderId: number) => { draft: Draft; details: Record<string, unknown> },
  ): RecordedApproval {
    const db = this.store.db;
    return db.transaction((): RecordedApproval => {
      const firstOrderId = reserveOrderId(db, order.brokerNextValidId, order.at, before.id);
      for (let i = 1; i < order.ids; i += 1) reserveOrderId(db, order.brokerNextValidId, order.at, before.id);
      const { draft, details } = approved(firstOrderId);
      this.save(before, draft, 'person', 'draft.approved', details);
      return { draft, firstOrderId };
    })();
  }

  /** Puts an order whose outcome is not established to the person; it is never re-sent. */
  needsReview(draft: Draft, message: string): void {
    const current = this.get(draft.id) ?? draft;
    if (current.state === 'needs_review') return;
    const after = this.move(current, 'needs_review', { now: this.now(), brokerMessage: message });
    this.save(current, after, 'system', 'draft.needs_review', { reason: message });
  }

  /** An audit row about drafts or their orders that is not a draft's own transition (an execution, say). */
  audit(actor: AuditActor, action: string, details: Record<string, unknown>, at = this.now()): void {
    appendAudit(this.store.db, { actor, action, details, at });
  }
}
