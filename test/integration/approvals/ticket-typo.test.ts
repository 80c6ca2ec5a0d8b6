import { afterEach, describe, expect, it } from 'vitest';
import { openBackend, type BackendUnderTest } from './backend-under-test';

describe('a ticket the person mistyped', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('comes back as the person\'s input to correct (bad_input), not as a malformed message, and nothing waits in the queue', async () => {
    t = await openBackend();
    for (const text of ['buy AAPL 10', 'buy 10 AAPL lmt', 'buy 1 AAPL @DU0000000', 'buy 10 NOSUCHSYMBOLX']) {
      const result = await t.callRaw('draftFromTicket', { text });
      expect(result, text).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    }
    expect((await t.call('getQueue')).drafts).toEqual([]);
  });

  it('a message that fails its schema is still bad_payload: that is never the person\'s typing', async () => {
    t = await openBackend();
    expect(await t.callRaw('draftFromTicket', { text: 42 })).toMatchObject({ ok: false, error: { code: 'bad_payload' } });
  });
});
