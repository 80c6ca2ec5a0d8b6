import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DraftState, type Draft, type RiskVerdict } from '../../../src/shared/draft';
import {
  allowedTransitions,
  applyVerdicts,
  canTransition,
  createDraft,
  isFinal,
  reviseDraft,
  transition,
  TransitionError,
} from '../../../src/main/approvals/lifecycle';
import { buyAapl } from '../store/support';

const now = 1_700_000_000_000;
const pass: RiskVerdict = { check: 'price-collar', label: 'Price collar', outcome: 'pass', explanation: 'Within 5%.' };
const warn: RiskVerdict = { check: 'day-trades', label: 'Day trades', outcome: 'warn', explanation: 'One day trade left.' };
const block: RiskVerdict = { check: 'max-notional', label: 'Order size', outcome: 'block', explanation: 'Too large.' };

// Written out again on purpose, not imported: an independent oracle, so a change to the
// transition table (which decides what can reach the market) must be made twice, deliberately.
const expected: Record<DraftState, DraftState[]> = {
  drafted: ['pending', 'blocked', 'rejected', 'expired'],
  pending: ['submitting', 'rejected', 'expired', 'pending', 'blocked'],
  blocked: ['pending', 'blocked', 'rejected', 'expired'],
  submitting: ['working', 'partially_filled', 'filled', 'cancelled', 'broker_rejected', 'needs_review'],
  working: ['partially_filled', 'filled', 'cancelled', 'broker_rejected', 'needs_review'],
  partially_filled: ['partially_filled', 'filled', 'cancelled', 'needs_review'],
  needs_review: ['working', 'partially_filled', 'filled', 'cancelled', 'broker_rejected'],
  filled: [],
  rejected: [],
  expired: [],
  cancelled: [],
  broker_rejected: [],
};

function inState(state: DraftState): Draft {
  return { ...createDraft(buyAapl, now), state };
}

/** Evidence that satisfies every guard except the table itself. */
function evidenceFor(to: DraftState) {
  const at = to === 'expired' ? now + 24 * 3600_000 : now + 1;
  return { now: at, verdicts: to === 'blocked' ? [pass, block] : [pass, warn], orderId: 7 };
}

function reachable(from: DraftState): Set<DraftState> {
  const seen = new Set<DraftState>();
  const queue = [...allowedTransitions[from]];
  while (queue.length > 0) {
    const s = queue.shift()!;
    if (seen.has(s)) continue;
    seen.add(s);
    queue.push(...allowedTransitions[s]);
  }
  return seen;
}

describe('draft lifecycle table', () => {
  it('allows exactly the listed moves, for every pair of states', () => {
    for (const from of DraftState.options) {
      for (const to of DraftState.options) {
        const allowed = expected[from].includes(to);
        expect(canTransition(from, to), `${from} -> ${to}`).toBe(allowed);
        const attempt = () => transition(inState(from), to, evidenceFor(to));
        if (allowed) expect(attempt().state).toBe(to);
        else expect(attempt).toThrow(expect.objectContaining({ reason: 'not_allowed', from, to }) as unknown as Error);
      }
    }
  });

  it('enters submitting only from pending', () => {
    const into = DraftState.options.filter((s) => canTransition(s, 'submitting'));
    expect(into).toEqual(['pending']);
  });

  it('never leads back into submitting once an order was sent', () => {
    expect(reachable('submitting').has('submitting')).toBe(false);
  });

  it('lets nothing out of a final state', () => {
    for (const s of ['filled', 'rejected', 'expired', 'cancelled', 'broker_rejected'] as const) {
      expect(isFinal(s)).toBe(true);
      expect(reachable(s).size).toBe(0);
    }
  });

  it('refuses to make a draft pending or submitting with a blocking verdict', () => {
    expect(() => transition(inState('drafted'), 'pending', { now, verdicts: [pass, block] })).toThrow(
      expect.objectContaining({ reason: 'blocked_by_risk' }) as unknown as Error,
    );
    expect(() => transition(inState('blocked'), 'pending', { now, verdicts: [block] })).toThrow(TransitionError);
    expect(() => transition(inState('pending'), 'submitting', { now, verdicts: [block], orderId: 1 })).toThrow(
      expect.objectContaining({ reason: 'blocked_by_risk' }) as unknown as Error,
    );
  });

  it('refuses to block without a blocking verdict, and to check without verdicts', () => {
    expect(() => transition(inState('drafted'), 'blocked', { now, verdicts: [pass] })).toThrow(TransitionError);
    expect(() => transition(inState('pending'), 'submitting', { now, orderId: 1 })).toThrow(
      expect.objectContaining({ reason: 'missing_verdicts' }) as unknown as Error,
    );
  });

  it('refuses an approval of a version the person did not see, an expired draft, or one without an order id', () => {
    const pending = transition(inState('drafted'), 'pending', { now, verdicts: [pass] });
    expect(() => transition(pending, 'submitting', { now, verdicts: [pass], orderId: 1, expectedVersion: 2 })).toThrow(
      expect.objectContaining({ reason: 'stale_version' }) as unknown as Error,
    );
    expect(() => transition(pending, 'submitting', { now: pending.expiresAt, verdicts: [pass], orderId: 1 })).toThrow(
      expect.objectContaining({ reason: 'expired' }) as unknown as Error,
    );
    expect(() => transition(pending, 'submitting', { now, verdicts: [pass] })).toThrow(
      expect.objectContaining({ reason: 'missing_order_id' }) as unknown as Error,
    );
  });

  it('expires a draft only once its time has come', () => {
    const pending = transition(inState('drafted'), 'pending', { now, verdicts: [pass] });
    expect(() => transition(pending, 'expired', { now: pending.expiresAt - 1 })).toThrow(
      expect.objectContaining({ reason: 'not_yet_expired' }) as unknown as Error,
    );
    expect(transition(pending, 'expired', { now: pending.expiresAt }).state).toBe('expired');
  });

  it('records fills cumulatively and ignores an older, smaller fill that arrives late', () => {
    const working = inState('working');
    const partial = transition(working, 'partially_filled', { now, fill: { filledQty: 6, avgFillPrice: 189.5, commission: 1 } });
    const late = transition(partial, 'partially_filled', { now, fill: { filledQty: 4, avgFillPrice: 189.4 } });
    expect(late).toMatchObject({ filledQty: 6, avgFillPrice: 189.5, commission: 1 });
    const filled = transition(late, 'filled', { now, fill: { filledQty: 10, avgFillPrice: 189.7, commission: 1.5 } });
    expect(filled).toMatchObject({ state: 'filled', filledQty: 10, avgFillPrice: 189.7, commission: 1.5 });
  });

  it('approval records the order id, the draft id as orderRef and the fresh verdicts', () => {
    const pending = transition(inState('drafted'), 'pending', { now, verdicts: [pass] });
    const submitting = transition(pending, 'submitting', { now: now + 5, verdicts: [pass, warn], orderId: 42, expectedVersion: 1 });
    expect(submitting).toMatchObject({ state: 'submitting', orderId: 42, orderRef: pending.id, updatedAt: now + 5 });
    expect(submitting.verdicts).toEqual([pass, warn]);
    expect(pending.state).toBe('pending');
  });

  it('property: no sequence of moves gets a draft whose checks always block to submitting', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DraftState.options), { maxLength: 12 }), (path) => {
        let draft = inState('drafted');
        for (const to of path) {
          try {
            draft = transition(draft, to, { now, verdicts: [pass, block], orderId: 1 });
          } catch (e) {
            expect(e).toBeInstanceOf(TransitionError);
          }
          expect(draft.state).not.toBe('submitting');
          expect(draft.state).not.toBe('pending');
        }
      }),
    );
  });
});

describe('drafting and editing', () => {
  it('creates a drafted version 1 with a default expiry', () => {
    const d = createDraft(buyAapl, now);
    expect(d).toMatchObject({ state: 'drafted', version: 1, filledQty: 0, createdAt: now, expiresAt: now + 30 * 60_000 });
    expect(applyVerdicts(d, [pass], now).state).toBe('pending');
    expect(applyVerdicts(d, [pass, block], now).state).toBe('blocked');
  });

  it('rejects invalid drafts: a limit order without a price, a bracket on the wrong side, a fractional quantity', () => {
    expect(() => createDraft({ ...buyAapl, order: { side: 'BUY', quantity: 1, orderType: 'LMT' } }, now)).toThrow(/limit price/);
    expect(() =>
      createDraft(
        { ...buyAapl, order: { side: 'BUY', quantity: 1, orderType: 'LMT', limitPrice: 100, bracket: { takeProfitPrice: 110, stopLossPrice: 95 } } },
        now,
      ),
    ).not.toThrow();
    expect(() =>
      createDraft(
        { ...buyAapl, order: { side: 'BUY', quantity: 1, orderType: 'LMT', limitPrice: 100, bracket: { takeProfitPrice: 95, stopLossPrice: 90 } } },
        now,
      ),
    ).toThrow(/take-profit must be above the entry/);
    expect(() => createDraft({ ...buyAapl, order: { side: 'BUY', quantity: 1.5, orderType: 'MKT' } }, now)).toThrow(/whole number/);
    expect(() => createDraft({ ...buyAapl, contract: { symbol: 'AAPL', secType: 'OPT' } }, now)).toThrow(/expiry/);
  });

  it('an edit makes the next version, drops stale verdicts and re-checks', () => {
    const pending = applyVerdicts(createDraft(buyAapl, now), [pass], now);
    const edited = reviseDraft(pending, { order: { ...pending.order, quantity: 20 } }, () => [pass, warn], now + 10);
    expect(edited).toMatchObject({ version: 2, state: 'pending', updatedAt: now + 10 });
    expect(edited.order.quantity).toBe(20);
    expect(edited.verdicts).toEqual([pass, warn]);

    const blocked = reviseDraft(edited, { order: { ...edited.order, quantity: 10_000 } }, () => [block], now + 20);
    expect(blocked).toMatchObject({ version: 3, state: 'blocked' });
    const fixed = reviseDraft(blocked, { order: { ...blocked.order, quantity: 5 } }, () => [pass], now + 30);
    expect(fixed).toMatchObject({ version: 4, state: 'pending' });
  });

  it('an order already sent cannot be edited', () => {
    const submitting = inState('submitting');
    expect(() => reviseDraft(submitting, { rationale: 'x' }, () => [pass], now)).toThrow(TransitionError);
  });
});
