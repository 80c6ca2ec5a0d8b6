import { randomUUID } from 'node:crypto';
import {
  Draft,
  DraftEdit,
  DraftInput,
  type DraftState,
  type RiskVerdict,
} from '../../shared/draft';
import { worstOutcome } from '../risk/verdict';

/**
 * The draft lifecycle as an explicit state machine. A move not listed here is
 * a bug, and it throws instead of quietly happening.
 *
 * Safety properties the table is built around (and tested exhaustively):
 * - `submitting` is entered only from `pending`, and only with fresh verdicts
 *   that contain no block; a blocked draft must first be edited or re-checked
 *   into `pending`, which itself needs verdicts without a block.
 * - Nothing leaves a final state, and nothing goes back into `submitting`: an
 *   order whose outcome is unknown goes to `needs_review`, never re-sent.
 */
export const allowedTransitions: Readonly<Record<DraftState, readonly DraftState[]>> = {
  drafted: ['pending', 'blocked', 'rejected', 'expired'],
  pending: ['submitting', 'rejected', 'expired', 'pending', 'blocked'],
  blocked: ['pending', 'blocked', 'rejected', 'expired'],
  // The first broker news after a send may already be a fill, a partial fill
  // (found by reconciliation) or a cancel (an IOC that found no liquidity).
  submitting: ['working', 'partially_filled', 'filled', 'cancelled', 'broker_rejected', 'needs_review'],
  // IB can still reject after acknowledging (status Inactive).
  working: ['partially_filled', 'filled', 'cancelled', 'broker_rejected', 'needs_review'],
  // Each further fill is recorded as partially_filled -> partially_filled.
  partially_filled: ['partially_filled', 'filled', 'cancelled', 'needs_review'],
  // A person or the reconciler resolves what actually happened.
  needs_review: ['working', 'partially_filled', 'filled', 'cancelled', 'broker_rejected'],
  filled: [],
  rejected: [],
  expired: [],
  cancelled: [],
  broker_rejected: [],
};

export function canTransition(from: DraftState, to: DraftState): boolean {
  return allowedTransitions[from].includes(to);
}

export function isFinal(state: DraftState): boolean {
  return allowedTransitions[state].length === 0;
}

export type TransitionRefusal =
  | 'not_allowed' // not in the table
  | 'blocked_by_risk' // verdicts contain a block
  | 'missing_verdicts' // entering pending/blocked/submitting without checks
  | 'stale_version' // the person approved a version that has since changed
  | 'expired' // the draft's time ran out
  | 'not_yet_expired' // expiring a draft whose time has not come
  | 'missing_order_id';

export class TransitionError extends Error {
  override readonly name = 'TransitionError';
  constructor(
    readonly reason: TransitionRefusal,
    readonly draftId: string,
    readonly from: DraftState,
    readonly to: DraftState,
    message: string,
  ) {
    super(message);
  }
}

export interface TransitionEvidence {
  now: number;
  /** Required to enter pending, blocked or submitting: the checks just run. */
  verdicts?: readonly RiskVerdict[];
  /** Required to enter submitting. */
  orderId?: number;
  /** The API client id the order goes out with (entering submitting). */
  clientId?: number;
  /** For approvals: the version the person saw. */
  expectedVersion?: number;
  brokerMessage?: string;
  /** Entering rejected: the person's reason, when they gave one. */
  rejectionReason?: string;
  fill?: { filledQty: number; avgFillPrice: number | null; commission?: number | null };
}

/**
 * Move a draft to `to`, returning the new draft (the input is not changed).
 * Throws TransitionError when the move is not allowed or its evidence is
 * missing. Content edits go through `reviseDraft` instead.
 */
export function transition(draft: Draft, to: DraftState, evidence: TransitionEvidence): Draft {
  const refuse = (reason: TransitionRefusal, message: string): never => {
    throw new TransitionError(reason, draft.id, draft.state, to, message);
  };
  if (!canTransition(draft.state, to)) {
    refuse('not_allowed', `A ${draft.state.replace('_', ' ')} draft cannot become ${to.replace('_', ' ')}.`);
  }
  const next: Draft = { ...draft, state: to, updatedAt: evidence.now };

  if (to === 'pending' || to === 'blocked' || to === 'submitting') {
    const verdicts = evidence.verdicts;
    if (verdicts === undefined || verdicts.length === 0) {
      return refuse('missing_verdicts', 'The risk checks have not been run on this draft.');
    }
    const worst = worstOutcome(verdicts);
    if (to === 'blocked' && worst !== 'block') {
      refuse('not_allowed', 'A draft is blocked only when a risk check blocks it.');
    }
    if (to !== 'blocked' && worst === 'block') {
      const blocking = verdicts.filter((v) => v.outcome === 'block').map((v) => v.explanation);
      refuse('blocked_by_risk', `Blocked by the risk checks: ${blocking.join(' ')}`);
    }
    next.verdicts = [...verdicts];
  }

  if (to === 'submitting') {
    if (evidence.expectedVersion !== undefined && evidence.expectedVersion !== draft.version) {
      refuse(
        'stale_version',
        `This draft changed (now version ${draft.version}, you approved version ${evidence.expectedVersion}); review it again.`,
      );
    }
    if (evidence.now >= draft.expiresAt) {
      refuse('expired', 'This draft has expired; ask for a new one.');
    }
    if (evidence.orderId === undefined) {
      refuse('missing_order_id', 'No order id was reserved for this approval.');
    }
    next.orderId = evidence.orderId;
    if (evidence.clientId !== undefined) next.clientId = evidence.clientId;
    // orderRef is what finds the order again after a restart: the draft id.
    next.orderRef = draft.id;
  }

  if (to === 'expired' && evidence.now < draft.expiresAt) {
    refuse('not_yet_expired', 'This draft has not reached its expiry time; reject it instead.');
  }

  if (evidence.brokerMessage !== undefined) next.brokerMessage = evidence.brokerMessage;
  if (to === 'rejected' && evidence.rejectionReason?.trim()) next.rejectionReason = evidence.rejectionReason.trim();
  // Order status messages can arrive out of order (and again after a
  // reconnect): a smaller cumulative fill is older news, never a reversal.
  if (evidence.fill !== undefined && evidence.fill.filledQty >= draft.filledQty) {
    next.filledQty = evidence.fill.filledQty;
    next.avgFillPrice = evidence.fill.avgFillPrice;
    if (evidence.fill.commission !== undefined) next.commission = evidence.fill.commission;
  }
  return next;
}

/** The default lifetime of a draft nobody acts on. */
export const defaultDraftLifetimeMs = 30 * 60 * 1000;

/** A new draft in state `drafted`; throws a ZodError when the input is invalid. */
export function createDraft(input: DraftInput, now: number, id: string = randomUUID()): Draft {
  const parsed = DraftInput.parse(input);
  return Draft.parse({
    id,
    version: 1,
    state: 'drafted',
    account: parsed.account,
    contract: parsed.contract,
    order: parsed.order,
    author: parsed.author,
    rationale: parsed.rationale,
    risks: parsed.risks,
    createdAt: now,
    updatedAt: now,
    expiresAt: parsed.expiresAt ?? now + defaultDraftLifetimeMs,
    filledQty: 0,
    avgFillPrice: null,
    commission: null,
  });
}

/**
 * An edit makes a new version and runs the checks on it: the result is
 * pending or blocked. Verdicts and the what-if of the old version never carry
 * over, because they describe a different order.
 */
export function reviseDraft(
  draft: Draft,
  edit: DraftEdit,
  check: (candidate: Draft) => readonly RiskVerdict[],
  now: number,
): Draft {
  if (draft.state !== 'pending' && draft.state !== 'blocked') {
    throw new TransitionError(
      'not_allowed',
      draft.id,
      draft.state,
      draft.state,
      `A ${draft.state.replace('_', ' ')} draft can no longer be edited.`,
    );
  }
  const changes = DraftEdit.parse(edit);
  const merged = DraftInput.parse({
    account: draft.account,
    author: draft.author,
    contract: changes.contract ?? draft.contract,
    order: changes.order ?? draft.order,
    rationale: changes.rationale ?? draft.rationale,
    risks: changes.risks ?? draft.risks,
    expiresAt: changes.expiresAt ?? draft.expiresAt,
  });
  const candidate: Draft = {
    ...draft,
    contract: merged.contract,
    order: merged.order,
    rationale: merged.rationale,
    risks: merged.risks,
    expiresAt: merged.expiresAt ?? draft.expiresAt,
    version: draft.version + 1,
    updatedAt: now,
  };
  delete candidate.verdicts;
  delete candidate.whatIf;
  const verdicts = check(candidate);
  const to: DraftState = worstOutcome(verdicts) === 'block' ? 'blocked' : 'pending';
  return transition(candidate, to, { now, verdicts });
}

/** After checks ran on a drafted (or re-checked) draft: pending, or blocked. */
export function applyVerdicts(draft: Draft, verdicts: readonly RiskVerdict[], now: number): Draft {
  const to: DraftState = worstOutcome(verdicts) === 'block' ? 'blocked' : 'pending';
  return transition(draft, to, { now, verdicts });
}
