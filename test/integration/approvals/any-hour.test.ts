import { afterEach, describe, expect, it, vi } from 'vitest';
import { TradingHoursClock, WEDNESDAY_11_EASTERN } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from './backend-under-test';

// Instants of the machine's own clock that used to decide what the backend did.
const machineTimes = {
  'inside IB’s nightly reset window (23:50 US/Eastern, Wednesday night)': Date.UTC(2026, 11, 3, 4, 50, 0),
  'at 00:30 US/Eastern, late in the reset window': Date.UTC(2026, 11, 3, 5, 30, 0),
  'on a Saturday morning, the market closed': Date.UTC(2026, 11, 5, 15, 0, 0),
};

const RESET_WINDOW_REASON = 'IB’s nightly restart is under way; orders can be approved again when it ends.';

describe('the time the backend decides by is its own clock, never the machine’s', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    vi.useRealTimers();
  });

  for (const [when, machineTime] of Object.entries(machineTimes)) {
    it(`with the machine's clock ${when}, a backend whose clock is in trading hours drafts, approves and fills`, async () => {
      // Only Date is faked: timers, sockets and the monotonic clock run as they always do.
      vi.useFakeTimers({ toFake: ['Date'], now: machineTime });
      t = await openBackend();
      const account = t.sim.accounts[0]!;
      const draft = await t.call('draftFromTicket', { text: 'buy 3 AAPL', account });
      expect(draft.verdicts?.filter((v) => v.outcome === 'block').map((v) => v.explanation)).toEqual([]);
      expect(draft.state).toBe('pending');
      await t.call('approveDraft', { id: draft.id, version: draft.version });
      const filled = await waitFor(() => {
        const current = t!.backend.store!.drafts.get(draft.id);
        return current?.state === 'filled' ? current : undefined;
      }, 'the draft to fill');
      expect(filled.filledQty).toBe(3);
      // Stamped by the backend's clock: Wednesday 2026-11-18, not the machine's December night or weekend.
      expect(Math.abs(filled.createdAt - WEDNESDAY_11_EASTERN)).toBeLessThan(10 * 60_000);
    });
  }

  it('with its own clock inside the reset window, a backend blocks the draft and says why, though the machine says 11:00', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: WEDNESDAY_11_EASTERN });
    // 23:50 US/Eastern on Tuesday 2026-11-17.
    t = await openBackend(undefined, { clock: new TradingHoursClock(Date.UTC(2026, 10, 18, 4, 50, 0)) });
    const draft = await t.call('draftFromTicket', { text: 'buy 3 AAPL', account: t.sim.accounts[0]! });
    expect(draft.state).toBe('blocked');
    expect(draft.verdicts?.find((v) => v.outcome === 'block' && v.explanation === RESET_WINDOW_REASON)).toBeDefined();
    const refused = await t.callRaw('approveDraft', { id: draft.id, version: draft.version });
    expect(refused.ok).toBe(false);
    expect(t.backend.store!.drafts.get(draft.id)?.state).toBe('blocked');
  });
});
