import { afterEach, describe, expect, it } from 'vitest';
import { openBackend, type BackendUnderTest } from './backend-under-test';

describe('a draft for an account the session does not have', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('is refused at once, naming the accounts there are, and nothing waits in the queue', async () => {
    t = await openBackend();
    const result = await t.callRaw('draftFromTicket', { text: 'buy 1 AAPL @DU0000000' });
    expect(result.ok).toBe(false);
    expect(result.error?.message).toContain('There is no account DU0000000');
    for (const account of t.sim.accounts) expect(result.error?.message).toContain(account);
    expect((await t.call('getQueue')).drafts).toEqual([]);
  });
});
