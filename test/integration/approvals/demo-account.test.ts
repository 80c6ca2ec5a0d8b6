import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../../../src/main/backend';
import { DEMO_ACCOUNT_FILE } from '../../../src/main/broker/demo-account-file';
import { startEmbeddedDemoGateway } from '../../../src/main/broker/demo-gateway';
import { dispatchCall } from '../../../src/main/ipc/dispatch';
import type { CallName, CallRequest, CallResponse } from '../../../src/shared/ipc-contract';
import type { Draft } from '../../../src/shared/draft';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';
import { quietLog } from './backend-under-test';

/** The app as it runs: its demo gateway is the embedded simulator, kept in the data directory. */
interface DemoApp {
  backend: Backend;
  call<N extends CallName>(name: N, payload?: CallRequest<N>): Promise<CallResponse<N>>;
  callRaw(name: CallName, payload?: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }>;
}

const clock = new TradingHoursClock();
const opened: Backend[] = [];
const directories: string[] = [];

/** How many embedded demo gateways are running: the app must never leave one running that it no longer uses. */
const running = { gateways: 0 };

async function openDemoApp(dataDirectory: string, waitReady = true, at: TradingHoursClock = clock): Promise<DemoApp> {
  const backend = createBackend({
    dataDirectory,
    host: 'harness',
    version: 'test',
    log: quietLog,
    now: at.read,
    sessionOverrides: { heartbeatIntervalMs: 500, heartbeatTimeoutMs: 1500, backoff: { initialMs: 50, maxMs: 200 } },
    startDemoGateway: async (account) => {
      const gateway = await startEmbeddedDemoGateway({ now: at.read, account, log: quietLog, clock: at, seed: 21 });
      running.gateways += 1;
      let closed = false;
      return {
        ...gateway,
        async close() {
          if (!closed) running.gateways -= 1;
          closed = true;
          await gateway.close();
        },
      };
    },
  });
  opened.push(backend);
  await backend.start();
  if (waitReady) await waitFor(() => backend.broker.state()?.phase === 'ready', 'the session to be ready');
  const callRaw = async (name: CallName, payload?: unknown) => dispatchCall(backend.handlers, name, payload, quietLog);
  return {
    backend,
    callRaw,
    async call(name, payload) {
      const result = await callRaw(name, payload);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as never;
    },
  };
}

async function closeApp(app: DemoApp): Promise<void> {
  await app.backend.stop();
  opened.splice(opened.indexOf(app.backend), 1);
}

function freshDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'countersign-demo-account-'));
  directories.push(directory);
  return directory;
}

const ACCOUNT = 'DU1234567';
const held = (app: DemoApp, symbol: string): number =>
  app.backend.broker.portfolio()?.positions.find((p) => p.account === ACCOUNT && p.symbol === symbol)?.quantity ?? 0;
const cash = (app: DemoApp): number | null | undefined => app.backend.broker.portfolio()?.accounts.find((a) => a.account === ACCOUNT)?.totalCash;

async function buyAndFill(app: DemoApp, text: string): Promise<Draft> {
  const draft = await app.call('draftFromTicket', { text, account: ACCOUNT });
  expect(draft.state).toBe('pending');
  await app.call('approveDraft', { id: draft.id, version: draft.version });
  return waitFor(() => {
    const current = app.backend.store!.drafts.get(draft.id);
    return current?.state === 'filled' ? current : undefined;
  }, 'the draft to fill');
}

describe('the demo account is kept in the data directory', () => {
  afterEach(async () => {
    for (const backend of opened.splice(0)) await backend.stop();
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('keeps a fill across a reconnect, a switch away and back to demo, and a backend restart', async () => {
    const directory = freshDirectory();
    let app = await openDemoApp(directory);
    const startingAapl = held(app, 'AAPL');
    const filled = await buyAndFill(app, 'buy 10 AAPL');
    await waitFor(() => held(app, 'AAPL') === startingAapl + 10, 'the position to grow by 10');
    const cashAfterFill = cash(app);
    expect(existsSync(path.join(directory, DEMO_ACCOUNT_FILE))).toBe(true);

    await app.call('reconnectSession');
    await waitFor(() => app.backend.broker.state()?.phase === 'ready' && held(app, 'AAPL') === startingAapl + 10, 'the fill after a reconnect');

    // Away to a gateway that is not there, then back: the demo gateway starts again from the file.
    await app.call('updateSettings', { connection: { target: 'manual', host: '127.0.0.1', port: 9 } });
    await waitFor(() => app.backend.broker.state()?.gateway !== 'demo', 'the switch away from demo');
    await app.call('updateSettings', { connection: { target: 'demo' } });
    await waitFor(() => app.backend.broker.state()?.phase === 'ready', 'the demo session again');
    expect(held(app, 'AAPL')).toBe(startingAapl + 10);
    expect(app.backend.broker.portfolio()?.executions.some((e) => e.orderRef === filled.id)).toBe(true);

    await closeApp(app);
    app = await openDemoApp(directory);
    expect(held(app, 'AAPL')).toBe(startingAapl + 10);
    expect(cash(app)).toBeCloseTo(cashAfterFill ?? NaN, 2);
    // The fill is still IB's record: reconciliation finds it, so the draft stays filled and nothing needs review.
    expect(app.backend.broker.portfolio()?.executions.filter((e) => e.orderRef === filled.id).reduce((n, e) => n + e.shares, 0)).toBe(10);
    expect(app.backend.store!.drafts.get(filled.id)?.state).toBe('filled');

    // Order ids carry on: the next order is not given the id of the one before the restart.
    const next = await buyAndFill(app, 'buy 1 MSFT');
    expect(next.orderId).toBeGreaterThan(filled.orderId!);
  });

  it('has a fill on disk without waiting for the app to stop (a crash keeps it)', async () => {
    const directory = freshDirectory();
    const app = await openDemoApp(directory);
    const filled = await buyAndFill(app, 'buy 3 AAPL');
    const onDisk = (): boolean => {
      try {
        const saved = JSON.parse(readFileSync(path.join(directory, DEMO_ACCOUNT_FILE), 'utf8')) as { broker: { book?: { fills: { execution: { orderRef?: string } }[] } } };
        return saved.broker.book?.fills.some((f) => f.execution.orderRef === filled.id) ?? false;
      } catch {
        return false;
      }
    };
    await waitFor(onDisk, 'the fill in the demo account file');
  });

  it('keeps a working order working across a restart', async () => {
    const directory = freshDirectory();
    let app = await openDemoApp(directory);
    const market = await waitFor(() => app.backend.broker.portfolio()?.positions.find((p) => p.account === ACCOUNT && p.symbol === 'MSFT')?.marketPrice, 'the MSFT price');
    // Below the market, inside the price collar: it rests.
    const price = Math.floor(market * 0.98 * 100) / 100;
    const draft = await app.call('draftFromTicket', { text: `buy 2 MSFT lmt ${price}`, account: ACCOUNT });
    await app.call('approveDraft', { id: draft.id, version: draft.version });
    await waitFor(() => app.backend.store!.drafts.get(draft.id)?.state === 'working', 'the order to work');
    await closeApp(app);
    app = await openDemoApp(directory);
    await waitFor(() => app.backend.broker.portfolio()?.openOrders.some((o) => o.orderRef === draft.id), 'the order to be open after the restart');
    expect(app.backend.store!.drafts.get(draft.id)?.state).toBe('working');
  });

  it('does not start over a damaged file, keeps it byte for byte, and resets only when asked', async () => {
    const directory = freshDirectory();
    const file = path.join(directory, DEMO_ACCOUNT_FILE);
    const damaged = '{"format":"countersign-demo-account","savedAt":1,"broker":{"version":1,"seed":21,"coun';
    writeFileSync(file, damaged);
    const app = await openDemoApp(directory, false);
    const state = await waitFor(() => (app.backend.broker.state()?.phase === 'failed' ? app.backend.broker.state() : undefined), 'the demo to refuse the file');
    expect(state?.message).toContain('is damaged');
    expect(state?.nextStep).toContain('Reset demo account');
    expect(readFileSync(file, 'utf8')).toBe(damaged);

    // Retry starts again, over the same file: still refused, still untouched.
    await app.call('reconnectSession');
    expect(app.backend.broker.state()?.phase).toBe('failed');
    expect(readFileSync(file, 'utf8')).toBe(damaged);

    // The reset needs the person's yes.
    expect(await app.callRaw('resetDemoAccount', {})).toMatchObject({ ok: false, error: { code: 'bad_payload' } });
    expect(readFileSync(file, 'utf8')).toBe(damaged);

    const outcome = await app.call('resetDemoAccount', { confirmed: true });
    expect(outcome.keptDamagedAs).toBeDefined();
    expect(readFileSync(outcome.keptDamagedAs!, 'utf8')).toBe(damaged);
    await waitFor(() => app.backend.broker.state()?.phase === 'ready', 'the demo to start after the reset');
    expect(readdirSync(directory).filter((name) => name.startsWith('demo-account.damaged-'))).toHaveLength(1);
  });

  it('a reset opens the starting book again and order ids carry on', async () => {
    const directory = freshDirectory();
    const app = await openDemoApp(directory);
    const startingAapl = held(app, 'AAPL');
    const filled = await buyAndFill(app, 'buy 10 AAPL');
    await waitFor(() => held(app, 'AAPL') === startingAapl + 10, 'the fill');

    await app.call('resetDemoAccount', { confirmed: true });
    await waitFor(() => app.backend.broker.state()?.phase === 'ready' && held(app, 'AAPL') === startingAapl, 'the starting position again');
    expect(app.backend.broker.portfolio()?.executions.some((e) => e.orderRef === filled.id)).toBe(false);
    const next = await buyAndFill(app, 'buy 1 MSFT');
    expect(next.orderId).toBeGreaterThan(filled.orderId!);
  });

  it('two resets asked at once, or a reset while the demo is starting, leave one demo gateway and a reset that holds', async () => {
    const directory = freshDirectory();
    let app = await openDemoApp(directory);
    const startingAapl = held(app, 'AAPL');
    await buyAndFill(app, 'buy 10 AAPL');
    await waitFor(() => held(app, 'AAPL') === startingAapl + 10, 'the fill');

    const outcomes = await Promise.all([app.callRaw('resetDemoAccount', { confirmed: true }), app.callRaw('resetDemoAccount', { confirmed: true })]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    // A readable account was reset: nothing was ever taken for a damaged file.
    expect(outcomes.map((o) => (o as { value?: { keptDamagedAs?: string } }).value?.keptDamagedAs)).toEqual([undefined, undefined]);
    // A reset asked while a restart is starting the demo gateway.
    const [, during] = await Promise.all([app.callRaw('reconnectSession'), app.callRaw('updateSettings', { connection: { target: 'demo', host: '127.0.0.1', port: 4002 } }), app.callRaw('resetDemoAccount', { confirmed: true })]);
    expect(during.ok).toBe(true);
    await waitFor(() => app.backend.broker.state()?.phase === 'ready' && held(app, 'AAPL') === startingAapl, 'the starting position again');
    expect(running.gateways).toBe(1);

    const msft = held(app, 'MSFT');
    await buyAndFill(app, 'buy 1 MSFT');
    await waitFor(() => held(app, 'MSFT') === msft + 1, 'the MSFT fill');
    await closeApp(app);
    expect(running.gateways).toBe(0);
    app = await openDemoApp(directory);
    expect(held(app, 'MSFT')).toBe(msft + 1);
    expect(held(app, 'AAPL')).toBe(startingAapl);
  });

  it('a reset opens a demo account that another simulator saved (its seed differs), which the demo refused', async () => {
    const directory = freshDirectory();
    const file = path.join(directory, DEMO_ACCOUNT_FILE);
    let app = await openDemoApp(directory);
    const filled = await buyAndFill(app, 'buy 10 AAPL');
    await closeApp(app);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { broker: { seed: number } };
    saved.broker.seed = 99;
    writeFileSync(file, JSON.stringify(saved));

    app = await openDemoApp(directory, false);
    const refused = await waitFor(() => (app.backend.broker.state()?.phase === 'failed' ? app.backend.broker.state() : undefined), 'the demo to refuse the file');
    expect(refused?.nextStep).toContain('Reset demo account');

    // The way out the message names works: the demo starts again from its starting book, ids carrying on.
    await app.call('resetDemoAccount', { confirmed: true });
    await waitFor(() => app.backend.broker.state()?.phase === 'ready', 'the demo to start after the reset');
    const next = await buyAndFill(app, 'buy 1 MSFT');
    expect(next.orderId).toBeGreaterThan(filled.orderId!);
  });

  it('opens again after the future it held expired while the app was closed, settled at the last price it knew', async () => {
    const directory = freshDirectory();
    const file = path.join(directory, DEMO_ACCOUNT_FILE);
    let app = await openDemoApp(directory);
    // The household's ES is the December 2026 contract: its last trading day is Friday 18 December.
    await waitFor(() => held(app, 'ESZ6') === 1, 'the ES position');
    const before = cash(app);
    await closeApp(app);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { broker: { marks: Record<string, number>; book: { accounts: { id: string; holdings: { conId: number; qty: number; openPrice?: number }[] }[] } } };
    const es = saved.broker.book.accounts.find((a) => a.id === ACCOUNT)!.holdings.find((h) => h.openPrice !== undefined && h.qty === 1)!;
    const variation = saved.broker.marks[String(es.conId)]! * 50 - es.openPrice!;

    // Opened again on Monday the 21st: the demo does not refuse the book, the future is settled and gone.
    app = await openDemoApp(directory, true, new TradingHoursClock(Date.UTC(2026, 11, 21, 16, 0, 0)));
    expect(app.backend.broker.state()?.phase).toBe('ready');
    expect(held(app, 'ESZ6')).toBe(0);
    // The options that expired with it also moved the cash, so look at the future's own settlement, on disk from the start.
    const reopened = JSON.parse(readFileSync(file, 'utf8')) as { broker: { book: { fills: { execution: { exchange: string; price: number }; contract: { conId: number } }[] } } };
    expect(cash(app)).not.toBeCloseTo(before ?? NaN, 2);
    const settlement = reopened.broker.book.fills.find((f) => f.contract.conId === es.conId && f.execution.exchange === 'FINAL SETTLEMENT');
    expect(settlement?.execution.price).toBeCloseTo((variation + es.openPrice!) / 50, 6);
  });

  it('after a damaged file is set aside, no new fill or order is given the id of one from before', async () => {
    const directory = freshDirectory();
    const file = path.join(directory, DEMO_ACCOUNT_FILE);
    let app = await openDemoApp(directory);
    const filled = await buyAndFill(app, 'buy 10 AAPL');
    const before = app.backend.broker.portfolio()!.executions.filter((e) => e.orderRef === filled.id);
    const beforeOrder = app.backend.broker.portfolio()!.openOrders.length;
    expect(before.length).toBeGreaterThan(0);
    expect(beforeOrder).toBe(0);
    await closeApp(app);
    // The counters went with the damage: the reset cannot know them.
    writeFileSync(file, '{"format":');
    app = await openDemoApp(directory, false);
    await waitFor(() => app.backend.broker.state()?.phase === 'failed', 'the demo to refuse the damaged file');
    await app.call('resetDemoAccount', { confirmed: true });
    await waitFor(() => app.backend.broker.state()?.phase === 'ready', 'the demo to start after the reset');
    const next = await buyAndFill(app, 'buy 1 MSFT');
    const after = app.backend.broker.portfolio()!.executions.filter((e) => e.orderRef === next.id);
    expect(after.length).toBeGreaterThan(0);
    const earlier = new Set(before.map((e) => e.execId));
    expect(after.filter((e) => earlier.has(e.execId))).toEqual([]);
    expect(next.orderId).toBeGreaterThan(filled.orderId!);
  });
});
