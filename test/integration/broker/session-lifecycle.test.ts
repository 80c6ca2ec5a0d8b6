import { afterEach, describe, expect, it } from 'vitest';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';
import { openSession, type SessionUnderTest } from './session-support';

describe('the broker session against the demo gateway', () => {
  let t: SessionUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('connects, syncs the whole portfolio, and only then is ready', async () => {
    t = await openSession();
    const ready = await t.waitForPhase('ready');
    expect(t.phases.slice(0, 3)).toEqual(['connecting', 'syncing', 'ready']);
    expect(ready.mode).toBe('paper');
    expect(ready.accounts).toEqual(t.sim.accounts);
    const snapshot = t.session.portfolio.snapshot();
    expect(snapshot.accounts.map((a) => a.account).sort()).toEqual([...t.sim.accounts].sort());
    expect(snapshot.positions.length).toBeGreaterThan(0);
    expect(snapshot.accounts.every((a) => a.netLiquidation !== null && a.netLiquidation > 0)).toBe(true);
    expect(snapshot.accounts.some((a) => a.kind === 'cash')).toBe(true);
    // Quotes for held symbols stream in after ready.
    await waitFor(() => t?.session.portfolio.snapshot().positions.every((p) => p.marketPrice !== null), 'prices for every position');
  });

  it('detects a socket that stays open but goes silent, within the heartbeat timeout', async () => {
    t = await openSession();
    await t.waitForPhase('ready');
    const silentAt = performance.now();
    t.sim.faults.goSilent(true);
    const lost = await t.waitForPhase('lost', 3000);
    // interval 100 ms + timeout 300 ms: well within a second.
    expect(performance.now() - silentAt).toBeLessThan(1500);
    expect(lost.message).toMatch(/stopped answering/);
    t.sim.faults.goSilent(false);
    await t.waitForPhase('ready');
  });

  it('does not take a long queue of quote subscriptions for a silent gateway', async () => {
    // ~70 held contracts subscribed at 20 messages/s: the heartbeat waits ~3.5 s
    // behind them, far past its 300 ms timeout if the clock started in the queue.
    t = await openSession({ messagesPerSecond: 20 }, { heldSymbols: 60 });
    await t.waitForPhase('ready');
    await waitFor(() => t?.session.portfolio.snapshot().positions.every((p) => p.marketPrice !== null), 'prices for every position', 15_000);
    expect(t.phases).not.toContain('lost');
    expect(t.session.state.phase).toBe('ready');
  });

  it('reconnects after the connection drops, re-syncs, and counts its attempts', async () => {
    t = await openSession();
    await t.waitForPhase('ready');
    t.sim.faults.dropConnections();
    const lost = await t.waitForPhase('lost');
    expect(lost.reconnectAttempt).toBe(1);
    expect(lost.nextAttemptAt).toBeGreaterThan(0);
    await t.waitForPhase('ready');
    const afterDrop = t.phases.slice(t.phases.indexOf('lost'));
    expect(afterDrop).toEqual(['lost', 'connecting', 'syncing', 'ready']);
  });

  it('shows the taken state on a competing login and does not fight it', async () => {
    t = await openSession();
    await t.waitForPhase('ready');
    t.sim.faults.competingSession();
    const taken = await t.waitForPhase('taken');
    expect(taken.message).toBe('Another login took this IB session (TWS, the web portal or the mobile app).');
    const connectingBefore = t.phases.filter((p) => p === 'connecting').length;
    // Taking it back is the person's decision.
    t.session.reconnectNow();
    await t.waitForPhase('ready');
    expect(t.phases.filter((p) => p === 'connecting').length).toBe(connectingBefore + 1);
  });

  it('on client id in use (326) picks another id, says so, and connects', async () => {
    t = await openSession();
    await t.waitForPhase('ready');
    const { BrokerSession } = await import('../../../src/main/broker/broker-session');
    const second = new BrokerSession({
      endpoint: { host: t.sim.host, port: t.sim.port, clientId: 5 },
      gateway: 'demo',
      liveTradingEnabled: false,
      log: { info: () => {}, warn: () => {}, error: () => {} },
      now: new TradingHoursClock().read,
      backoff: { initialMs: 50, maxMs: 200 },
    });
    const seen: string[] = [];
    second.on('state', (state) => seen.push(`${state.phase}:${state.clientId}`));
    second.start();
    try {
      await waitFor(() => second.state.phase === 'ready', 'the second session to be ready');
      expect(seen).toContain('client_id_in_use:6');
      expect(second.clientId).toBe(6);
      expect(t.session.state.phase).toBe('ready');
    } finally {
      await second.stop();
    }
  });

});
