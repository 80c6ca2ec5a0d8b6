import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/shared/settings';
import { startSimGateway, type PlaceOrderEvent, type SimGateway } from '../../../src/sim/index';
import { MARGIN_ACCOUNT } from '../../../src/sim/engine/accounts';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';
import { bundleChild, CrashChild, type ChildScript } from './crash-child';

/**
 * A bracket is sent as three placements and only the last (the stop-loss,
 * transmit=true) releases the family: IB holds the entry untransmitted until
 * then. A crash between the placements leaves an entry that never reaches the
 * market and no stop-loss; after the restart the person must be told, not
 * shown a "working" order.
 */
describe('a backend killed in the middle of sending a bracket', () => {
  let sim: SimGateway | undefined;
  let child: CrashChild | undefined;
  let dataDirectory: string | undefined;
  let script: ChildScript | undefined;
  afterEach(async () => {
    child?.kill();
    if (child) await child.ended().catch(() => undefined);
    child = undefined;
    await sim?.close();
    sim = undefined;
    if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
    dataDirectory = undefined;
    script?.remove();
    script = undefined;
  });

  it('marks the draft for review when the entry is held at IB untransmitted and the stop-loss never arrived', async () => {
    script = await bundleChild();
    const clock = new TradingHoursClock();
    sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 31, clock });
    const gateway = sim;
    const placed: PlaceOrderEvent[] = [];
    gateway.on('placeOrder', (event) => placed.push(event));
    dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-bracket-crash-'));
    const config = { dataDirectory, host: gateway.host, port: gateway.port };

    const victim = new CrashChild(script, { ...config, crash: { step: 'order-sent', occurrence: 1 }, clockAtSpawn: clock.now() });
    child = victim;
    await victim.next('ready');
    const conId = gateway.engine.findContracts({ symbol: 'AAPL' })[0]?.contract.conId ?? 0;
    const { ask } = gateway.engine.quote(conId);
    // Marketable: had it been transmitted, it would have filled at once.
    const text = `buy 5 AAPL lmt ${(ask * 1.003).toFixed(2)} tp ${(ask * 1.03).toFixed(2)} sl ${(ask * 0.97).toFixed(2)}`;
    victim.send({ type: 'submit', text, account: MARGIN_ACCOUNT, rejectFirst: [] });
    const { draft } = await victim.next('drafted');
    expect(await victim.ended()).toEqual({ code: null, signal: 'SIGKILL' });
    await waitFor(() => !gateway.connectedClientIds().includes(defaultSettings.connection.clientId), 'the simulator to drop the killed client');

    // What the broker has: the entry alone, held, unfilled; no take-profit, no stop-loss.
    expect(placed.filter((e) => !e.whatIf).map((e) => e.orderRef)).toEqual([draft.id]);
    const entry = gateway.engine.openOrders('all').find((o) => o.order.orderRef === draft.id);
    expect(entry?.status).toBe('PreSubmitted');
    expect(gateway.engine.executions({}).filter((f) => f.execution.orderRef === draft.id)).toEqual([]);

    const restarted = new CrashChild(script, { ...config, crash: { step: 'none', occurrence: 1 }, clockAtSpawn: clock.now() });
    child = restarted;
    const { view } = await restarted.next('ready');
    const after = view.drafts.find((d) => d.id === draft.id);
    expect(after?.state).toBe('needs_review');
  }, 60_000);
});
