import { afterEach, describe, expect, it } from 'vitest';
import { openBackend, type BackendUnderTest } from './backend-under-test';

describe('a well-typed ticket whose contract lookup fails on the gateway side', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('is answered as unavailable, never as the person\'s typing to correct (bad_input), and nothing waits in the queue', async () => {
    t = await openBackend();
    // A hung gateway: the socket stays open, the contract details never come.
    t.sim.faults.goSilent(true);
    const result = await t.callRaw('draftFromTicket', { text: 'buy 10 AAPL' });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('unavailable');
    t.sim.faults.goSilent(false);
    expect((await t.call('getQueue')).drafts).toEqual([]);
  }, 20_000);
});
