import type { Draft, DraftState, RiskVerdict } from '../../shared/draft';
import type { DraftReview, OrderSize } from '../../shared/queue';
import type { AuditActor } from '../store/audit-log';
import { DraftConflictError } from '../store/draft-repository';
import type { RiskContext } from '../risk/context';
import { runChecks } from '../risk/run-checks';
import { draftFacts } from './draft-facts';
import { draftFigures } from './draft-figures';
import type { OrderHabits } from './order-habits';
import { TransitionError, type TransitionEvidence } from './lifecycle';

/** What the review needs of the desk: its drafts, a fresh risk context, and its durable moves. */
export interface ReviewDesk {
  waitingDrafts(): Draft[];
  riskContext(now: number, draft: Draft): RiskContext;
  size(ctx: RiskContext, draft: Draft): OrderSize;
  /** The person's typical order in the draft's account and currency. */
  habits(draft: Draft): OrderHabits;
  move(draft: Draft, to: DraftState, evidence: TransitionEvidence): Draft;
  save(before: Draft, after: Draft, actor: AuditActor, action: string, details: Record<string, unknown>): void;
}

/**
 * Every waiting draft, judged again on the inputs of now. A verdict is only
 * true for the inputs it was made on: a limit lowered, a halt, a resume, a
 * session lost or account values moved all change what the card must say.
 * A draft whose outcome changed (blocked <-> pending, or a check's outcome)
 * is saved with an audit row; the current verdicts, the size and the time of
 * the check are what the queue shows.
 */
export class WaitingReview {
  private readonly latest = new Map<string, DraftReview>();

  constructor(private readonly desk: ReviewDesk) {}

  run(now: number): void {
    const seen = new Set<string>();
    for (const draft of this.desk.waitingDrafts()) {
      if (draft.state !== 'pending' && draft.state !== 'blocked') continue;
      seen.add(draft.id);
      const ctx = this.desk.riskContext(now, draft);
      const verdicts = runChecks(ctx, draft).verdicts;
      const figures = draftFigures(ctx, draft);
      const facts = draftFacts(ctx, draft, figures, this.desk.habits(draft));
      this.latest.set(draft.id, { verdicts, size: this.desk.size(ctx, draft), figures, facts, checkedAt: now });
      // While the session or the draft's data is still coming in (a reconnect, a restart), the card
      // shows the fresh verdicts but the draft keeps its state: approval pauses, and re-checks anyway.
      if (!ctx.session.ready || ctx.quote === null || ctx.account === null) continue;
      const to = verdicts.some((v) => v.outcome === 'block') ? 'blocked' : 'pending';
      if (to === draft.state && sameOutcomes(draft.verdicts, verdicts)) continue;
      try {
        this.desk.save(draft, this.desk.move(draft, to, { now, verdicts }), 'system', 'draft.rechecked', { verdicts });
      } catch (error) {
        // Moved meanwhile (approved, edited, expired): its own step checked it.
        if (!(error instanceof DraftConflictError) && !(error instanceof TransitionError)) throw error;
      }
    }
    for (const id of this.latest.keys()) if (!seen.has(id)) this.latest.delete(id);
  }

  of(draftId: string): DraftReview | undefined {
    return this.latest.get(draftId);
  }

  snapshot(): Record<string, DraftReview> {
    return Object.fromEntries(this.latest);
  }
}

function sameOutcomes(before: readonly RiskVerdict[] | undefined, after: readonly RiskVerdict[]): boolean {
  if (!before || before.length !== after.length) return false;
  return before.every((verdict, i) => verdict.check === after[i]?.check && verdict.outcome === after[i]?.outcome);
}
