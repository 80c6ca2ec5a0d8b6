import type { Log } from '../../../src/main/log';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend, type Backend, type BackendOptions } from '../../../src/main/backend';
import type { CallName, CallRequest, CallResponse } from '../../../src/shared/contract';
import { dispatchCall } from '../../../src/main/contract/dispatch';
import { startSimGateway, type SimGateway } from '../../../src/sim/index';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';

export const quietLog = { info: () => {}, warn: () => {}, error: () => {} };

export interface BackendUnderTest {
  backend: Backend;
  sim: SimGateway;
  dataDirectory: string;
  /** Calls the backend exactly as the renderer would, through the contract. */
  call<N extends CallName>(name: N, payload?: CallRequest<N>): Promise<CallResponse<N>>;
  callRaw(name: CallName, payload?: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }>;
  close(): Promise<void>;
}

/** A backend with its own data directory, connected to its own simulator (in trading hours) on port 0. */
export async function openBackend(
  dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-approvals-')),
  overrides: { log?: Log; backend?: Partial<BackendOptions> } = {},
): Promise<BackendUnderTest> {
  const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 21, clock: new TradingHoursClock() });
  const backend = createBackend({
    dataDirectory,
    host: 'harness',
    version: 'test',
    log: overrides.log ?? quietLog,
    regularHoursOpen: () => true,
    sessionOverrides: { heartbeatIntervalMs: 500, heartbeatTimeoutMs: 1500, backoff: { initialMs: 50, maxMs: 200 }, resetWindow: null },
    startDemoGateway: async () => ({ host: sim.host, port: sim.port, close: async () => {} }),
    ...overrides.backend,
  });
  await backend.start();
  await waitFor(() => backend.broker.state()?.phase === 'ready', 'the session to be ready');
  const callRaw = async (name: CallName, payload?: unknown) => dispatchCall(backend.handlers, name, payload, quietLog);
  return {
    backend,
    sim,
    dataDirectory,
    callRaw,
    async call(name, payload) {
      const result = await callRaw(name, payload);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as never;
    },
    async close() {
      await backend.stop();
      await sim.close();
    },
  };
}
