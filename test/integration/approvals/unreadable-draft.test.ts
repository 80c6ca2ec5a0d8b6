import { afterEach, describe, expect, it } from 'vitest';
import { damageStoredDraft, storedBody } from '../../support/damage-draft';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from './backend-under-test';

describe('an unreadable draft row at start-up', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('is shown for review with its id and problem, while the session, the queue and halt start normally and the reconciler leaves it alone', async () => {
    t = await openBackend();
    const account = t.sim.accounts[0]!;
    const kept = await t.call('draftFromTicket', { text: 'buy 5 MSFT', account });
    const sent = await t.call('draftFromTicket', { text: 'buy 3 AAPL', account });
    await t.call('approveDraft', { id: sent.id, version: sent.version });
    await waitFor(() => t!.backend.desk!.store.drafts.get(sent.id)?.state === 'filled', 'the approved draft to fill');
    // An in-flight row is what the reconciler acts on after a restart: make the damaged one in flight.
    const inFlight = await t.call('draftFromTicket', { text: 'buy 2 NVDA', account });
    t.sim.faults.delayAcks(60_000);
    await t.call('approveDraft', { id: inFlight.id, version: inFlight.version });
    const dataDirectory = t.dataDirectory;
    await t.close();
    t = undefined;

    const damaged = damageStoredDraft(dataDirectory, inFlight.id, `"id":"${inFlight.id}"`, `"id":"${inFlight.id.slice(0, -1)}!"`);

    // A fresh gateway that knows nothing of the order: the reconciler would
    // send any in-flight draft it can read to needs review.
    t = await openBackend(dataDirectory);
    const queue = await t.call('getQueue');
    expect(queue.unreadable).toEqual([{ id: inFlight.id, storedState: 'submitting', problem: expect.stringMatching(/uuid/i) as string }]);
    expect(queue.drafts.map((d) => d.id)).toContain(kept.id);
    expect(queue.drafts.map((d) => d.id)).toContain(sent.id);
    expect(queue.drafts.map((d) => d.id)).not.toContain(inFlight.id);
    expect(t.backend.broker.state()?.phase).toBe('ready');

    // Trading still works beside it, and so does halt.
    const more = await t.call('draftFromTicket', { text: 'buy 1 SPY', account });
    expect(more.state).toBe('pending');
    expect(await t.call('haltTrading')).toBe('halted');
    expect((await t.call('getQueue')).unreadable?.map((u) => u.id)).toEqual([inFlight.id]);
    await t.close();
    t = undefined;
    expect(storedBody(dataDirectory, inFlight.id)).toBe(damaged);
  });
});
