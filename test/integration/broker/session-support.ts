import { BrokerSession, type BrokerSessionOptions } from '../../../src/main/broker/broker-session';
import type { SessionPhase, SessionState } from '../../../src/shared/session';
import { startSimGateway, type SimGateway } from '../../../src/sim/index';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';

export const quietLog = { info: () => {}, warn: () => {}, error: () => {} };

export interface SessionUnderTest {
  sim: SimGateway;
  session: BrokerSession;
  phases: SessionPhase[];
  states: SessionState[];
  waitForPhase(phase: SessionPhase, timeoutMs?: number): Promise<SessionState>;
  close(): Promise<void>;
}

/**
 * A fresh simulator on port 0 and a session to it, with short timers so faults show quickly. Both run on one
 * clock in trading hours, away from IB's nightly reset window, whatever the machine's clock says.
 */
export async function openSession(overrides: Partial<BrokerSessionOptions> = {}, simOptions: Omit<Parameters<typeof startSimGateway>[0], 'clock'> = {}): Promise<SessionUnderTest> {
  const clock = new TradingHoursClock();
  const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 11, clock, ...simOptions });
  const session = new BrokerSession({
    endpoint: { host: sim.host, port: sim.port, clientId: 5 },
    gateway: 'demo',
    liveTradingEnabled: false,
    log: quietLog,
    heartbeatIntervalMs: 100,
    heartbeatTimeoutMs: 300,
    syncTimeoutMs: 5000,
    backoff: { initialMs: 50, maxMs: 200 },
    now: clock.read,
    ...overrides,
  });
  const phases: SessionPhase[] = [];
  const states: SessionState[] = [];
  session.on('state', (state) => {
    phases.push(state.phase);
    states.push(state);
  });
  session.start();
  return {
    sim,
    session,
    phases,
    states,
    waitForPhase: (phase, timeoutMs = 10_000) =>
      waitFor(() => (session.state.phase === phase ? session.state : undefined), `session phase ${phase} (now ${session.state.phase})`, timeoutMs),
    async close() {
      await session.stop();
      await sim.close();
    },
  };
}
