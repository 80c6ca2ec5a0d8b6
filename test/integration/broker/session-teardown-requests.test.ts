import { afterEach, describe, expect, it } from 'vitest';
import { openSession, type SessionUnderTest } from './session-support';

// A request waiting on a connection the session ends itself (stop, "stay
// disconnected", another login taking the session) can never be answered:
// the link's listeners are gone. It must fail at once with the reason, not sit
// until its own timeout while a ticket or a chart waits on it.
describe('a request in flight when the session ends its connection', () => {
  let t: SessionUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  for (const [how, end] of [
    ['stop', (s: SessionUnderTest) => void s.session.stop()],
    ['stay disconnected', (s: SessionUnderTest) => s.session.stayDisconnected()],
    ['reconnect now', (s: SessionUnderTest) => s.session.reconnectNow()],
  ] as const) {
    it(`fails at once on ${how}, long before its own timeout`, async () => {
      t = await openSession();
      await t.waitForPhase('ready');
      // The gateway holds its answer: only the session's own teardown can end the wait.
      t.sim.faults.goSilent(true);
      const startedAt = performance.now();
      const lookup = t.session.resolveContract({ symbol: 'AAPL', secType: 'STK' as never, exchange: 'SMART', currency: 'USD' }, 60_000);
      const settled = lookup.then(
        () => 'answered',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      end(t);
      expect(await settled).toMatch(/connection to the gateway closed/);
      expect(performance.now() - startedAt).toBeLessThan(5000);
      t.sim.faults.goSilent(false);
    }, 15_000);
  }
});
