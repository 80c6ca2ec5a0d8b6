// Shared plumbing for the simulator's integration tests: a sim on port 0 with
// a ManualClock, the real IBApi client, and event waits with deadlines (no sleeps).
import net from 'node:net';
import type { EventEmitter } from 'node:events';
import { EventName, IBApi } from '@stoqey/ib';
import { ManualClock } from '../../../src/sim/engine';
import { startSimGateway, type SimGateway, type SimGatewayOptions } from '../../../src/sim/index';
import { encodeFrame, encodeHello, FrameSplitter } from '../../../src/sim/wire/frame';

/** Wednesday 2024-01-03 10:00 US/Eastern: regular trading hours. */
export const MARKET_OPEN_MS = Date.UTC(2024, 0, 3, 15, 0, 0);

export interface Harness {
  sim: SimGateway;
  clock: ManualClock;
  clients: IBApi[];
  connect(clientId: number, opts?: { maxReqPerSec?: number }): Promise<IBApi>;
  close(): Promise<void>;
}

export async function startHarness(opts: Omit<SimGatewayOptions, 'clock'> = {}): Promise<Harness> {
  const clock = new ManualClock(MARKET_OPEN_MS);
  const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 7, clock, ...opts });
  const clients: IBApi[] = [];
  return {
    sim, clock, clients,
    async connect(clientId, o = {}) {
      const ib = new IBApi({ host: sim.host, port: sim.port, clientId, ...o });
      ib.on(EventName.error, () => {}); // unhandled 'error' events would throw inside the client
      clients.push(ib);
      const ready = waitEvent(ib, EventName.nextValidId);
      ib.connect();
      await ready;
      return ib;
    },
    async close() {
      for (const ib of clients) if (ib.isConnected) ib.disconnect();
      await sim.close();
    },
  };
}

/** IBApi's typed overloads do not admit a generic listener; it is an EventEmitter underneath. */
function bus(ib: IBApi): EventEmitter {
  return ib as unknown as EventEmitter;
}

/** Resolves with the arguments of the first `event` that satisfies `match`; rejects at the deadline. */
export function waitEvent<A extends unknown[] = unknown[]>(ib: IBApi, event: EventName, match: (...args: A) => boolean = () => true, timeoutMs = 5000): Promise<A> {
  return new Promise((resolve, reject) => {
    const handler = (...args: unknown[]): void => {
      if (!match(...(args as A))) return;
      clearTimeout(timer);
      bus(ib).off(event, handler);
      resolve(args as A);
    };
    const timer = setTimeout(() => {
      bus(ib).off(event, handler);
      reject(new Error(`timed out after ${timeoutMs}ms waiting for ${event}`));
    }, timeoutMs);
    bus(ib).on(event, handler);
  });
}

/** Records every `event` from now on. */
export function record<A extends unknown[] = unknown[]>(ib: IBApi, event: EventName): A[] {
  const seen: A[] = [];
  bus(ib).on(event, (...args: unknown[]) => seen.push(args as A));
  return seen;
}

/** Polls `probe` every event-loop turn until it yields a value; fails at the deadline. */
export async function until<T>(probe: () => T | undefined | false | null, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false && v !== null) return v;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** Advances the sim clock in steps, letting sockets flush between steps, until `probe` holds. */
export async function advanceUntil<T>(clock: ManualClock, stepMs: number, probe: () => T | undefined | false | null, what: string, maxSteps = 2000): Promise<T> {
  for (let i = 0; i < maxSteps; i++) {
    const v = probe();
    if (v !== undefined && v !== false && v !== null) return v;
    clock.advance(stepMs);
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`${what} did not happen within ${maxSteps} steps of ${stepMs}ms sim time`);
}

/** A raw protocol client for what IBApi cannot do (bad hellos, unknown messages). */
export class RawClient {
  readonly messages: string[][] = [];
  closed = false;
  private readonly socket: net.Socket;
  private readonly splitter = new FrameSplitter();

  constructor(port: number) {
    this.socket = net.connect({ host: '127.0.0.1', port });
    this.socket.on('data', (chunk) => this.messages.push(...this.splitter.push(chunk)));
    this.socket.on('close', () => { this.closed = true; });
    this.socket.on('error', () => { this.closed = true; });
  }

  hello(min = 100, max = 193): void {
    this.socket.write(encodeHello(min, max));
  }

  send(fields: string[]): void {
    this.socket.write(encodeFrame(fields));
  }

  destroy(): void {
    this.socket.destroy();
  }
}
