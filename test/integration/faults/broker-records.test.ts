import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from '../approvals/backend-under-test';

// Issue 10, items 9 and 10: replayed executions are applied once, and a
// broker message that cannot be recorded never takes the backend down.
describe('what the broker says, recorded once and never lost', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    t?.backend.store?.db.pragma('query_only = OFF');
    await t?.close();
    t = undefined;
  });

  const filled = async (b: BackendUnderTest, text: string) => {
    const draft = await b.call('draftFromTicket', { text, account: b.sim.accounts[0]! });
    await b.call('approveDraft', { id: draft.id, version: draft.version });
    return waitFor(() => {
      const d = b.backend.store!.drafts.get(draft.id);
      return d?.state === 'filled' && (d.commission ?? 0) > 0 ? d : undefined;
    }, 'the fill and its commission');
  };

  const resynced = async (b: BackendUnderTest, cause: () => void) => {
    let synced = false;
    const session = b.backend.broker.current!;
    session.once('synced', () => (synced = true));
    cause();
    await waitFor(() => synced || (b.backend.broker.current !== session && b.backend.broker.state()?.phase === 'ready'), 'the session to re-sync');
  };

  it('keeps the commission of a fill after reconnects, a 1101 and a restart replay its execution', async () => {
    t = await openBackend();
    const draft = await filled(t, 'buy 3 AAPL');
    const commission = draft.commission;
    const session = t.backend.broker.current!;
    for (let i = 0; i < 2; i += 1) {
      let synced = false;
      session.once('synced', () => (synced = true));
      t.sim.faults.dropConnections();
      await waitFor(() => synced && t!.backend.broker.state()?.phase === 'ready', 'the session to re-sync');
    }
    // 1101: data lost, the session asks for executions again.
    t.sim.faults.connectivityLost();
    await waitFor(() => t!.backend.broker.state()?.phase === 'lost', '1100');
    t.sim.faults.connectivityRestored(false);
    await waitFor(() => t!.backend.broker.portfolio()?.executions.some((e) => e.orderRef === draft.id) && t!.backend.broker.state()?.phase === 'ready', 'the refresh');
    // Every replayed report has been handled once the next sync is done.
    await resynced(t, () => t!.sim.faults.dropConnections());
    expect(t.backend.store!.drafts.get(draft.id)!.commission).toBeCloseTo(commission!, 6);

    // A restart replays today's executions once more.
    const first = t;
    t = undefined;
    await first.backend.stop();
    const restarted = await openBackend(first.dataDirectory, { sim: first.sim, clock: first.clock });
    try {
      await waitFor(() => restarted.backend.broker.portfolio()?.executions.some((e) => e.orderRef === draft.id), 'the replayed execution after the restart');
      await resynced(restarted, () => first.sim.faults.dropConnections());
      expect(restarted.backend.store!.drafts.get(draft.id)!.commission).toBeCloseTo(commission!, 6);
    } finally {
      await restarted.close();
      await first.sim.close();
    }
  });

  it('a fill that arrives while the database refuses writes is kept, shown as a store problem, and recorded when the disk is back', async () => {
    t = await openBackend();
    const errors: unknown[] = [];
    const onUncaught = (error: unknown): void => {
      errors.push(error);
    };
    process.on('uncaughtException', onUncaught);
    try {
      t.sim.faults.delayAcks(300);
      const draft = await t.call('draftFromTicket', { text: 'buy 2 MSFT', account: t.sim.accounts[0]! });
      const approved = await t.call('approveDraft', { id: draft.id, version: draft.version });
      expect(approved.state).toBe('submitting');
      const db = t.backend.store!.db;
      db.pragma('query_only = ON');
      await waitFor(() => t!.sim.engine.executions({}).some((fill) => fill.execution.orderRef === draft.id), 'the fill at the broker');
      await waitFor(() => t!.backend.desk!.view().storeProblems?.length, 'the store problem to show');
      // Still serving: the queue and the session answer.
      expect((await t.callRaw('getQueue')).ok).toBe(true);
      expect(t.backend.broker.state()?.phase).toBe('ready');
      expect(errors).toEqual([]);
      db.pragma('query_only = OFF');
      await waitFor(() => t!.backend.store!.drafts.get(draft.id)?.state === 'filled', 'the fill to be recorded', 15_000);
      await waitFor(() => t!.backend.desk!.view().storeProblems === undefined, 'the problem to clear', 15_000);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
