import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftState, type Draft, type RiskVerdict } from '../../../src/shared/draft';
import { canTransition, transition, TransitionError } from '../../../src/main/approvals/lifecycle';
import { auditRowsForDraft, verifyAuditChain } from '../../../src/main/store/audit-log';
import { DraftConflictError } from '../../../src/main/store/draft-repository';
import { openStore, type Store } from '../../../src/main/store/open-store';
import { sampleDraft, tempDir } from './support';

const pass: RiskVerdict = { check: 'c', label: 'C', outcome: 'pass', explanation: 'fine here' };
const block: RiskVerdict = { check: 'c', label: 'C', outcome: 'block', explanation: 'not here' };

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

describe('draft history in the store (model-based)', () => {
  it('any sequence of moves, allowed or not, leaves a stored state the table allows, one audit row per move, and an intact chain', () => {
    const store = openStore(tempDir());
    stores.push(store);
    // One store serves every run: order ids must be unique across runs, as they are across drafts.
    let nextOrderId = 1000;
    fc.assert(
      fc.property(
        fc.array(fc.record({ to: fc.constantFrom(...DraftState.options), blocked: fc.boolean(), stale: fc.boolean() }), {
          maxLength: 15,
        }),
        (moves) => {
          const start = 1_700_000_000_000;
          let model: Draft = sampleDraft(start);
          store.drafts.insert(model, { actor: 'claude', at: start, action: 'draft.created' });
          let accepted = 0;
          let stale: Draft = model;
          for (const [i, move] of moves.entries()) {
            const at = move.to === 'expired' ? model.expiresAt + i : start + i;
            let next: Draft;
            try {
              next = transition(model, move.to, { now: at, verdicts: [move.blocked ? block : pass], orderId: nextOrderId++ });
            } catch (e) {
              expect(e).toBeInstanceOf(TransitionError);
              continue;
            }
            const before = move.stale && stale !== model ? stale : model;
            try {
              store.drafts.save(before, next, { actor: 'system', at, action: `to.${move.to}` });
            } catch (e) {
              // Saving from an out-of-date copy must fail and change nothing.
              expect(before).not.toBe(model);
              expect(e).toBeInstanceOf(DraftConflictError);
              continue;
            }
            expect(canTransition(model.state, next.state)).toBe(true);
            stale = model;
            model = next;
            accepted += 1;
          }
          expect(store.drafts.get(model.id)).toEqual(model);
          expect(auditRowsForDraft(store.db, model.id)).toHaveLength(accepted + 1);
          if (model.state === 'submitting') expect(model.verdicts?.some((v) => v.outcome === 'block')).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
    expect(verifyAuditChain(store.db).ok).toBe(true);
  });
});
