// The TCP side of the simulated gateway: listens, refuses connections during
// a reset window, and keeps the registry that makes client ids unique and
// order ids monotonic per client across reconnects.
import net from 'node:net';
import { EventEmitter } from 'node:events';
import type { BrokerEngine, SimClock } from './engine';
import type { FaultState } from './faults';
import type { PacingOptions } from './session-pacing';
import { Session, type PlaceOrderEvent, type RequestEvent, type SessionHost } from './session';

export interface SimServerOptions {
  host: string;
  port: number;
  engine: BrokerEngine;
  clock: SimClock;
  faults: FaultState;
  pacing: PacingOptions | false;
  syntheticLive?: boolean;
  log?: (line: string) => void;
}

export class SimServer implements SessionHost {
  readonly engine: BrokerEngine;
  readonly clock: SimClock;
  readonly faults: FaultState;
  readonly pacing: PacingOptions | false;
  readonly syntheticLive: boolean;
  readonly log: ((line: string) => void) | undefined;
  private readonly server: net.Server;
  private readonly live = new Set<Session>();
  private readonly byClientId = new Map<number, Session>();
  private readonly nextIds = new Map<number, number>();
  private restartedAt: number | undefined;
  private readonly events = new EventEmitter();

  constructor(private readonly opts: SimServerOptions) {
    this.engine = opts.engine;
    this.clock = opts.clock;
    this.faults = opts.faults;
    this.pacing = opts.pacing;
    this.syntheticLive = opts.syntheticLive ?? false;
    this.log = opts.log;
    this.server = net.createServer((socket) => this.onConnection(socket));
  }

  listen(): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => {
        this.server.off('error', reject);
        const addr = this.server.address() as net.AddressInfo;
        resolve({ host: this.opts.host, port: addr.port });
      });
    });
  }

  sessions(): Iterable<Session> {
    return this.live;
  }

  onPlaceOrder(fn: (e: PlaceOrderEvent) => void): () => void {
    this.events.on('placeOrder', fn);
    return () => this.events.off('placeOrder', fn);
  }

  emitPlaceOrder(e: PlaceOrderEvent): void {
    this.events.emit('placeOrder', e);
  }

  onRequest(fn: (e: RequestEvent) => void): () => void {
    this.events.on('request', fn);
    return () => this.events.off('request', fn);
  }

  emitRequest(e: RequestEvent): void {
    if (this.events.listenerCount('request') > 0) this.events.emit('request', e);
  }

  claimClientId(clientId: number, session: Session): boolean {
    const holder = this.byClientId.get(clientId);
    if (holder && holder !== session) return false;
    this.byClientId.set(clientId, session);
    return true;
  }

  releaseClientId(clientId: number, session: Session): void {
    if (this.byClientId.get(clientId) === session) this.byClientId.delete(clientId);
  }

  nextOrderId(clientId: number): number {
    const known = this.nextIds.get(clientId);
    if (known !== undefined) return known;
    if (this.restartedAt !== undefined) {
      this.nextIds.set(clientId, this.restartedAt);
      return this.restartedAt;
    }
    // First contact (or a restarted sim): start above every order id the engine knows for this client,
    // including ids of orders it refused or finished in an earlier run.
    let max = this.engine.highestOrderId(clientId);
    for (const r of this.engine.openOrders(clientId)) max = Math.max(max, r.orderId);
    for (const f of this.engine.executions({ clientId })) max = Math.max(max, f.execution.orderId ?? 0);
    const next = max + 1;
    this.nextIds.set(clientId, next);
    return next;
  }

  /** The order-id counter forgotten, as after a Gateway auto-restart: every client starts again at `next`. */
  restartOrderIds(next: number): void {
    this.nextIds.clear();
    this.restartedAt = next;
  }

  noteOrderId(clientId: number, orderId: number): void {
    if (orderId + 1 > this.nextOrderId(clientId)) this.nextIds.set(clientId, orderId + 1);
  }

  async close(): Promise<void> {
    for (const s of [...this.live]) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.events.removeAllListeners();
  }

  private onConnection(socket: net.Socket): void {
    if (this.clock.now() < this.faults.refuseUntil) {
      // The nightly reset: the port answers but the gateway hangs up at once.
      socket.on('error', () => {});
      socket.destroy();
      return;
    }
    const session = new Session(socket, this);
    this.live.add(session);
    session.onClose(() => this.live.delete(session));
  }
}
