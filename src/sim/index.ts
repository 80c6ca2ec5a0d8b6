// The simulated IB Gateway: a BrokerEngine behind a real TWS-protocol socket.
// Demo mode, the test bed for broker features, and `npm run sim`.
import { BrokerEngine, type BrokerState, type MarketHours, type SimClock } from './engine';
import { createFaults, FaultState, type SimFaults } from './faults';
import { SimServer } from './server';
import type { PlaceOrderEvent, RequestEvent } from './session';
import type { PacingOptions } from './session-pacing';

export { SystemClock, BrokerState, type SimClock } from './engine';
export type { SimFaults } from './faults';
export type { PlaceOrderEvent, RequestEvent } from './session';
export type { PacingOptions } from './session-pacing';

export interface SimGatewayOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  seed?: number;
  /**
   * The simulated market's time, always given: the CLI passes the machine's clock (SystemClock), the app's demo
   * gateway the backend's own clock, tests a ManualClock they advance or a real-speed clock placed where they need it.
   */
  clock: SimClock;
  tickIntervalMs?: number;
  heldSymbols?: number;
  extraSymbols?: number;
  /** 'us-equities' (default): real US hours, nothing trades at night or on weekends. 'always-open': a demo that trades any time. */
  marketHours?: MarketHours;
  /** IB's 50 messages/second rule; `false` turns it off (benchmarks). */
  pacing?: PacingOptions | false;
  /**
   * Synthetic symbols (SYN0001...) have no live subscription by default: live requests get 354 and
   * the client must fall back to delayed data. `true` streams them live, for load benchmarks.
   */
  syntheticLive?: boolean;
  log?: (line: string) => void;
  /** What an earlier run left (SimGateway.engine.state()): the accounts and orders carry on from it. */
  saved?: BrokerState;
  /** Mixed into execution and permanent ids (EngineOptions.idSalt). */
  idSalt?: number;
}

export interface SimGateway {
  readonly port: number;
  readonly host: string;
  readonly accounts: string[];
  readonly engine: BrokerEngine;
  readonly faults: SimFaults;
  on(event: 'placeOrder', fn: (e: PlaceOrderEvent) => void): () => void;
  /** Every message a client sent (handled=false while silent): lets tests know a request arrived. */
  on(event: 'request', fn: (e: RequestEvent) => void): () => void;
  /** Client ids with a live API session, for tests and the CLI. */
  connectedClientIds(): number[];
  close(): Promise<void>;
}

export async function startSimGateway(opts: SimGatewayOptions): Promise<SimGateway> {
  const { clock } = opts;
  const engine = new BrokerEngine({
    seed: opts.seed ?? 7,
    clock,
    ...(opts.tickIntervalMs !== undefined ? { tickIntervalMs: opts.tickIntervalMs } : {}),
    ...(opts.heldSymbols !== undefined ? { heldSymbols: opts.heldSymbols } : {}),
    ...(opts.extraSymbols !== undefined ? { extraSymbols: opts.extraSymbols } : {}),
    ...(opts.marketHours !== undefined ? { marketHours: opts.marketHours } : {}),
    ...(opts.saved ? { saved: opts.saved } : {}),
    ...(opts.idSalt !== undefined ? { idSalt: opts.idSalt } : {}),
  });
  const state = new FaultState();
  const server = new SimServer({
    host: opts.host ?? '127.0.0.1', port: opts.port ?? 0, engine, clock, faults: state,
    pacing: opts.pacing ?? {}, syntheticLive: opts.syntheticLive ?? false, ...(opts.log ? { log: opts.log } : {}),
  });
  const { host, port } = await server.listen();
  const faults = createFaults(state, server, engine, clock);
  function on(event: 'placeOrder', fn: (e: PlaceOrderEvent) => void): () => void;
  function on(event: 'request', fn: (e: RequestEvent) => void): () => void;
  function on(event: 'placeOrder' | 'request', fn: ((e: PlaceOrderEvent) => void) | ((e: RequestEvent) => void)): () => void {
    return event === 'placeOrder'
      ? server.onPlaceOrder(fn as (e: PlaceOrderEvent) => void)
      : server.onRequest(fn as (e: RequestEvent) => void);
  }
  let closed = false;
  return {
    host, port, engine, faults,
    accounts: [...engine.accounts],
    on,
    connectedClientIds: () => [...server.sessions()].filter((s) => s.ready).map((s) => s.clientId),
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      engine.close();
    },
  };
}
