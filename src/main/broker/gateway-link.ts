import { Socket } from 'node:net';
import { IBApi, EventName } from '@stoqey/ib';
import { PacingLimiter, type PacingLane } from './pacing';

export interface GatewayEndpoint {
  host: string;
  port: number;
  clientId: number;
}

/**
 * One connection attempt to the gateway, from connect to close. Every
 * (re)connect gets a fresh IBApi: the library queues requests made while it
 * is disconnected and sends them after the next connect, so an order issued
 * into a dead connection could reach the market minutes later. A disposed
 * link drops its listeners and its queue, so nothing from an old epoch is
 * ever sent or believed.
 */
export class GatewayLink {
  readonly api: IBApi;
  private disposed = false;
  private readonly pacer: PacingLimiter;
  /** Callbacks waiting for a message of a given id to be written to the socket, oldest first. */
  private readonly written = new Map<number, (() => void)[]>();

  constructor(
    readonly endpoint: GatewayEndpoint,
    readonly epoch: number,
    messagesPerSecond = 45,
  ) {
    // Our own limiter paces and prioritises; the library's must not add delay.
    this.api = new IBApi({ host: endpoint.host, port: endpoint.port, maxReqPerSec: 1000 });
    this.pacer = new PacingLimiter({ perSecond: messagesPerSecond });
    // The library emits `sent` after it has handed a message's bytes to the
    // socket; a request may sit before that in its command buffer or its own
    // rate limiter, where a dropped connection loses it.
    this.api.on(EventName.sent, (tokens: unknown[]) => {
      if (this.disposed) return;
      const id = Number(Array.isArray(tokens) ? tokens[0] : NaN);
      const waiting = this.written.get(id);
      const next = waiting?.shift();
      if (waiting && waiting.length === 0) this.written.delete(id);
      next?.();
    });
  }

  get alive(): boolean {
    return !this.disposed;
  }

  get connected(): boolean {
    return !this.disposed && this.api.isConnected;
  }

  // Listener arguments differ per event; the session narrows them where it subscribes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: EventName, listener: (...args: any[]) => void): void {
    // IBApi's typed overloads cannot take an event name held in a variable.
    (this.api as unknown as { on(event: string, fn: (...args: unknown[]) => void): void }).on(event, (...args) => {
      if (!this.disposed) listener(...args);
    });
  }

  connect(): void {
    this.api.connect(this.endpoint.clientId);
    // Orders are small writes that must leave at once. With Nagle's algorithm
    // on, an order written while an earlier message awaits its (delayed) ACK
    // sat in the kernel for ~40 ms; the library never turns it off.
    tcpSocketOf(this.api)?.setNoDelay(true);
  }

  /**
   * Sends through the pacer, and only while this link is connected: a
   * request that would otherwise sit in the library's offline queue is
   * dropped. Returns false when it could not even be queued.
   */
  send(lane: PacingLane, request: (api: IBApi) => void): boolean {
    if (!this.connected) return false;
    this.pacer.submit(lane, () => {
      if (this.connected) request(this.api);
    });
    return true;
  }

  /**
   * Like send, but `onWritten` runs only when the library has written the
   * message (`messageId`, its first field) to the socket. If the link dies
   * first, `onWritten` never runs.
   */
  sendConfirmed(lane: PacingLane, messageId: number, request: (api: IBApi) => void, onWritten: () => void): boolean {
    return this.send(lane, (api) => {
      const waiting = this.written.get(messageId) ?? [];
      waiting.push(onWritten);
      this.written.set(messageId, waiting);
      try {
        request(api);
      } catch (error) {
        // Never written: a later message of this kind must not confirm it.
        waiting.splice(waiting.indexOf(onWritten), 1);
        throw error;
      }
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.written.clear();
    this.pacer.clear();
    this.api.removeAllListeners();
    // Swallow the library's own "not connected" complaints after dispose.
    this.api.on(EventName.error, () => {});
    try {
      this.api.disconnect();
    } catch {
      // Already closed.
    }
  }
}

/**
 * The TCP socket inside IBApi (1.6.10: api.controller.socket.client). The
 * library exposes no handle, so this reaches in; a test pins the path, so an
 * upgrade that moves it fails loudly instead of silently bringing back the delay.
 */
export function tcpSocketOf(api: IBApi): Socket | undefined {
  const inner = api as unknown as { controller?: { socket?: { client?: unknown } } };
  const client = inner.controller?.socket?.client;
  return client instanceof Socket ? client : undefined;
}
