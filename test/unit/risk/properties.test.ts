import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Draft } from '../../../src/shared/draft';
import { transition, TransitionError } from '../../../src/main/approvals/lifecycle';
import { positionChange, referencePrice } from '../../../src/main/risk/exposure';
import { runChecks } from '../../../src/main/risk/run-checks';
import { contextArb, draftArb, orderArb, withOtherDrafts } from './arbitraries';
import { draftWithOrder as draft } from './support';

const runs = { numRuns: 500 };

function blockedChecks(report: ReturnType<typeof runChecks>): string[] {
  return report.verdicts.filter((v) => v.outcome === 'block').map((v) => v.check);
}

describe('risk check properties', () => {
  it('raising the quantity never turns a block into a pass (for any single check)', () => {
    fc.assert(
      fc.property(
        contextArb.chain(withOtherDrafts),
        orderArb,
        fc.integer({ min: 1, max: 5_000 }),
        (ctx, order, extra) => {
          const small = draft(order);
          const large = draft({ ...order, quantity: order.quantity + extra });
          const before = blockedChecks(runChecks(ctx, small));
          const after = blockedChecks(runChecks(ctx, large));
          for (const check of before) expect(after, `${check} unblocked at a larger quantity`).toContain(check);
        },
      ),
      runs,
    );
  });

  it('moving a limit price further from the quote never turns a block into a pass (for any single check)', () => {
    fc.assert(
      fc.property(
        contextArb.chain(withOtherDrafts),
        orderArb.filter((o) => o.orderType === 'LMT' || o.orderType === 'STP_LMT'),
        fc.constantFrom(1, -1),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (ctx, order, direction, near, further) => {
          const ref = referencePrice(ctx.quote, order.side);
          fc.pre(ref !== null);
          const distance1 = near;
          const distance2 = near + (0.95 - near) * further; // >= distance1, same side
          const at = (d: number) => Math.max(0.01, Math.round(ref!.price * (1 + direction * d) * 100) / 100);
          const closer = draft({ ...order, limitPrice: at(distance1) });
          const farther = draft({ ...order, limitPrice: at(distance2) });
          const before = blockedChecks(runChecks(ctx, closer));
          const after = blockedChecks(runChecks(ctx, farther));
          for (const check of before) expect(after, `${check} unblocked further from the quote`).toContain(check);
        },
      ),
      runs,
    );
  });

  it('a halted trading state blocks every draft', () => {
    fc.assert(
      fc.property(contextArb, draftArb, (ctx, d) => {
        expect(runChecks({ ...ctx, tradingState: 'halted' }, d).outcome).toBe('block');
      }),
      runs,
    );
  });

  it('reduce-only blocks every draft that opens, adds to or flips a position, and lets reducing drafts past the switch', () => {
    fc.assert(
      fc.property(contextArb, draftArb, (raw, d) => {
        const ctx = { ...raw, tradingState: 'reducing' as const };
        const report = runChecks(ctx, d);
        const switchVerdict = report.verdicts.find((v) => v.check === 'trading-state')!;
        if (positionChange(ctx, d).effect === 'increases') {
          expect(report.outcome).toBe('block');
          expect(switchVerdict.outcome).toBe('block');
        } else {
          expect(switchVerdict.outcome).toBe('pass');
        }
      }),
      runs,
    );
  });

  it('a blocked draft never reaches the submit function', () => {
    fc.assert(
      fc.property(contextArb.chain(withOtherDrafts), draftArb, (ctx, pending) => {
        const submit = vi.fn<(d: Draft) => void>();
        const report = runChecks(ctx, pending);
        try {
          const approved = transition(pending, 'submitting', { now: ctx.now, verdicts: report.verdicts, orderId: 1, expectedVersion: pending.version });
          submit(approved);
        } catch (error) {
          expect(error).toBeInstanceOf(TransitionError);
        }
        if (report.outcome === 'block') expect(submit).not.toHaveBeenCalled();
        else expect(submit).toHaveBeenCalledTimes(1);
      }),
      runs,
    );
  });
});
