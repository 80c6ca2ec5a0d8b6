import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrokerSession } from '../../../src/main/broker/broker-session';
import { createAccountReader } from '../../../src/main/broker/account-reader';
import { ManualClock } from '../../../src/sim/engine/index';
import { easternToMs } from '../../../src/sim/engine/eastern-time';
import { startSimGateway, type SimGateway } from '../../../src/sim/index';
import { quietLog } from '../broker/session-support';
import { waitFor } from '../../support/wait';

let sim: SimGateway;
let session: BrokerSession;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock(easternToMs(2026, 11, 23, 10, 30));
  sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 11, clock });
  session = new BrokerSession({
    endpoint: { host: sim.host, port: sim.port, clientId: 5 }, gateway: 'demo', liveTradingEnabled: false, log: quietLog,
    heartbeatIntervalMs: 1000, heartbeatTimeoutMs: 5000, syncTimeoutMs: 10_000, backoff: { initialMs: 50, maxMs: 200 }, now: () => clock.now(),
  });
  session.start();
  await waitFor(() => (session.state.phase === 'ready' ? true : undefined), 'session ready', 10_000);
});

afterEach(async () => {
  await session.stop();
  await sim.close();
});

describe('option chain read against the demo gateway', () => {
  it('gives the expirations, the strikes nearest spot and each option\'s bid, ask, delta and IV as IB quotes them', async () => {
    const reader = createAccountReader({ session: () => session, pendingDrafts: () => [], now: () => clock.now() });
    const chain = await reader.optionChain({ symbol: 'AAPL', strikes: 6 });
    expect(chain.expirations.length).toBeGreaterThanOrEqual(12);
    expect(chain.expiry).toBe(chain.expirations[0]);
    expect(chain.rows).toHaveLength(6);
    const spot = chain.spot!;
    for (const row of chain.rows) expect(Math.abs(row.strike - spot)).toBeLessThan(4 * 2.5);
    for (const row of chain.rows) {
      const conId = sim.engine.findContracts({ symbol: 'AAPL', secType: 'OPT' as never, lastTradeDateOrContractMonth: chain.expiry!, strike: row.strike, right: 'C' as never })[0]!.contract.conId!;
      const ib = sim.engine.optionSnapshot(conId)!;
      expect(row.call).toMatchObject({ bid: ib.quote.bid, ask: ib.quote.ask });
      expect(row.call!.delta).toBeCloseTo(ib.model.delta, 6);
      expect(row.call!.impliedVol).toBeCloseTo(ib.model.impliedVol, 6);
      expect(row.put!.delta).toBeLessThan(0);
    }
  });
});
