import type { Log } from '../../../src/main/log';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend, type Backend, type BackendOptions } from '../../../src/main/backend';
import type { CallName, CallRequest, CallResponse } from '../../../src/shared/ipc-contract';
import { dispatchCall } from '../../../src/main/ipc/dispatch';
import { startSimGateway, type SimGateway } from '../../../src/sim/index';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';

export const quietLog = { info: () => {}, warn: () => {}, error: () => {} };

export interface BackendUnderTest {
  backend: Backend;
  sim: SimGateway;
  /** The simulated market's clock (the backend's too, unless the test stepped it). */
  clock: TradingHoursClock;
  dataDirectory: string;
  /** Calls the backend exactly as the renderer would, through the contract. */
  call<N extends CallName>(name: N, payload?: CallRequest<N>): Promise<CallResponse<N>>;
  callRaw(name: CallName, payload?: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }>;
  close(): Promise<void>;
}

/** A backend with its own data directory, connected to its own simulator on port 0, both on one clock (by default in trading hours). */
export async function openBackend(
  dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-approvals-')),
  overrides: {
    log?: Log;
    clock?: TradingHoursClock;
    initialSettings?: BackendOptions['initialSettings'];
    /** The backend's wall clock, when a test steps it away from the simulator's. */
    now?: () => number;
    monotonic?: () => number;
    sim?: SimGateway;
    backend?: Partial<BackendOptions>;
  } = {},
): Promise<BackendUnderTest> {
  // One clock for the simulated market and the backend: they agree on the time, and the time is the test's, not the machine's.
  const clock = overrides.clock ?? new TradingHoursClock();
  // A restart test hands in the gateway the first backend used (it then outlives this backend).
  const sim = overrides.sim ?? (await startSimGateway({ host: '127.0.0.1', port: 0, seed: 21, clock }));
  const backend = createBackend({
    dataDirectory,
    host: 'harness',
    version: 'test',
    log: overrides.log ?? quietLog,
    ...(overrides.initialSettings ? { initialSettings: overrides.initialSettings } : {}),
    now: overrides.now ?? clock.read,
    ...(overrides.monotonic ? { monotonic: overrides.monotonic } : {}),
    sessionOverrides: { heartbeatIntervalMs: 500, heartbeatTimeoutMs: 1500, backoff: { initialMs: 50, maxMs: 200 } },
    startDemoGateway: async () => ({ host: sim.host, port: sim.port, close: async () => {} }),
    ...overrides.backend,
  });
  await backend.start();
  await waitFor(() => backend.broker.state()?.phase === 'ready', 'the session to be ready');
  const callRaw = async (name: CallName, payload?: unknown) => dispatchCall(backend.handlers, name, payload, quietLog);
  return {
    backend,
    sim,
    clock,
    dataDirectory,
    callRaw,
    async call(name, payload) {
      const result = await callRaw(name, payload);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as never;
    },
    async close() {
      await backend.stop();
      if (!overrides.sim) await sim.close();
    },
  };
}
