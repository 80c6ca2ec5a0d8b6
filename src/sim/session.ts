// One API client connection: handshake, request dispatch, outgoing writes
// (subject to the silent / delayed-ack faults) and the per-connection state
// (client id, subscriptions, market data type). Broker state lives in the
// engine, so nothing a client cares about is lost when its socket goes away.
import type { Socket } from 'node:net';
import type { BrokerEngine, SimClock } from './engine';
import type { FaultState } from './faults';
import { encodeFrame, InboundParser, type Hello } from './wire/frame';
import { parseClientMessage, type ClientRequest } from './wire/incoming';
import { FromClient } from './wire/message-ids';
import { MAX_SERVER_VERSION, negotiateVersion } from './wire/versions';
import { currentTime, errorMessage, managedAccounts, nextValidId, serverHello } from './wire/outgoing/session';
import { twsConnectionTime } from './wire/tws-time';
import { PacingMeter, type PacingOptions } from './session-pacing';
import { MarketDataStreams } from './session-market-data';
import { AccountStreams } from './session-account';
import { OrderFlow } from './session-orders';
import { ReferenceData } from './session-reference';
import { NewsFeed } from './session-news';
import { Scanner } from './session-scanner';
import { LiveData } from './session-live-data';
import { SimCode } from './wire/ib-codes';

export interface PlaceOrderEvent {
  clientId: number;
  orderId: number;
  orderRef: string;
  whatIf: boolean;
  /** performance.now() when the message was parsed: the approval-latency benchmark's end mark. */
  receivedAt: number;
}

/** Every framed message a client sent, and whether the sim acted on it (false while silent). */
export interface RequestEvent {
  clientId: number;
  messageId: number;
  handled: boolean;
}

/** What the server gives each session. */
export interface SessionHost {
  readonly engine: BrokerEngine;
  readonly clock: SimClock;
  readonly faults: FaultState;
  readonly pacing: PacingOptions | false;
  /** Synthetic (SYN...) symbols stream live instead of answering 354 (load benchmarks). */
  readonly syntheticLive: boolean;
  /** false if another live session already has this client id. */
  claimClientId(clientId: number, session: Session): boolean;
  releaseClientId(clientId: number, session: Session): void;
  /** Next valid order id for this client id; remembered across reconnects, like TWS does. */
  nextOrderId(clientId: number): number;
  noteOrderId(clientId: number, orderId: number): void;
  emitPlaceOrder(e: PlaceOrderEvent): void;
  emitRequest(e: RequestEvent): void;
  log?(line: string): void;
}

/** What feature modules (market data, account, orders) use to talk to their client. */
export interface SessionContext {
  readonly host: SessionHost;
  readonly engine: BrokerEngine;
  readonly clock: SimClock;
  readonly faults: FaultState;
  readonly clientId: number;
  /** The server version negotiated in the hello: every message is written at it. */
  readonly version: number;
  send(fields: string[]): void;
  /**
   * True while the client reads slower than the market writes (a backlog of
   * unsent bytes): streams that only report the latest state skip a beat and
   * send that state once the backlog has drained, as TWS conflates.
   */
  congested(): boolean;
  /** Runs `fn` once the backlog has drained (at once if there is none). */
  whenDrained(fn: () => void): void;
  /** Order acknowledgements: held back while the delayed-ack fault is on, always in order. */
  sendAck(messages: string[][]): void;
  error(id: number, code: number, message: string): void;
}

type Phase = 'hello' | 'start' | 'ready' | 'closed';

/** Unsent bytes beyond which conflating streams wait for the client to catch up. */
const CONGESTED_BYTES = 1 << 18;

const FARM_NOTICES: [number, string][] = [
  [SimCode.MARKET_DATA_FARM_OK, 'Market data farm connection is OK:usfarm'],
  [SimCode.HISTORICAL_DATA_FARM_OK, 'HMDS data farm connection is OK:ushmds'],
  [SimCode.SECDEF_FARM_OK, 'Sec-def data farm connection is OK:secdefnj'],
];

export class Session implements SessionContext {
  private phase: Phase = 'hello';
  private readonly parser = new InboundParser();
  private readonly pacing: PacingMeter | undefined;
  private ackQueue: { due: number; messages: string[][] }[] = [];
  private readonly closeListeners: (() => void)[] = [];
  private _clientId = -1;
  private _version = MAX_SERVER_VERSION;
  private corked = false;
  private drainWaiters: (() => void)[] = [];
  private market: MarketDataStreams | undefined;
  private account: AccountStreams | undefined;
  private orders: OrderFlow | undefined;
  private reference: ReferenceData | undefined;
  private news: NewsFeed | undefined;
  private scanner: Scanner | undefined;
  private live: LiveData | undefined;

  constructor(private readonly socket: Socket, readonly host: SessionHost) {
    this.pacing = host.pacing === false ? undefined : new PacingMeter(host.pacing);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.onClosed());
    socket.on('error', () => this.onClosed());
  }

  get engine(): BrokerEngine { return this.host.engine; }
  get clock(): SimClock { return this.host.clock; }
  get faults(): FaultState { return this.host.faults; }
  get clientId(): number { return this._clientId; }
  get version(): number { return this._version; }
  get ready(): boolean { return this.phase === 'ready'; }

  onClose(fn: () => void): void {
    this.closeListeners.push(fn);
  }

  send(fields: string[]): void {
    if (this.phase === 'closed' || this.faults.silent || !this.socket.writable) return;
    // A market move fans out into many small messages; batch them into one write per turn.
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(encodeFrame(fields));
  }

  congested(): boolean {
    return this.socket.writableLength > CONGESTED_BYTES;
  }

  whenDrained(fn: () => void): void {
    if (!this.congested()) {
      fn();
      return;
    }
    this.drainWaiters.push(fn);
    if (this.drainWaiters.length === 1) {
      this.socket.once('drain', () => {
        const waiting = this.drainWaiters;
        this.drainWaiters = [];
        if (this.phase !== 'closed') for (const w of waiting) w();
      });
    }
  }

  sendAck(messages: string[][]): void {
    const delay = this.faults.ackDelayMs;
    if (delay <= 0 && this.ackQueue.length === 0) {
      for (const m of messages) this.send(m);
      return;
    }
    const due = this.clock.now() + delay;
    this.ackQueue.push({ due, messages });
    if (delay <= 0) this.flushAcks();
    else this.clock.schedule(due, () => this.flushAcks());
  }

  private flushAcks(): void {
    const now = this.clock.now();
    while (this.ackQueue.length > 0 && (this.ackQueue[0] as { due: number }).due <= now) {
      const item = this.ackQueue.shift() as { messages: string[][] };
      for (const m of item.messages) this.send(m);
    }
  }

  error(id: number, code: number, message: string): void {
    this.send(errorMessage(this._version, id, code, message));
  }

  /** A notice with id -1 (1100/1101/1102...): reaches the client's `info` event. */
  notice(code: number, message: string): void {
    if (this.phase === 'ready') this.error(-1, code, message);
  }

  onConnectivityRestored(dataKept: boolean): void {
    if (!dataKept) this.market?.dropAll();
  }

  /** Another login took the brokerage session: market data refused with 10197, then the API session ends. */
  competingSessionTakeover(): void {
    this.market?.refuseAll(10197, 'No market data during competing live session');
    this.hangUp();
  }

  /** Drop the connection at once, as a network failure would. */
  destroy(): void {
    if (this.phase === 'closed') return;
    this.socket.destroy();
    this.onClosed();
  }

  /** Close after what has been written so far reaches the client (326, pacing cut-off). */
  hangUp(): void {
    if (this.phase === 'closed') return;
    this.onClosed();
    this.socket.end(() => this.socket.destroy());
  }

  private onClosed(): void {
    if (this.phase === 'closed') return;
    const wasReady = this.phase === 'ready';
    this.phase = 'closed';
    this.market?.close();
    this.account?.close();
    this.orders?.close();
    this.scanner?.close();
    this.live?.close();
    this.ackQueue = [];
    if (wasReady) this.host.releaseClientId(this._clientId, this);
    for (const fn of this.closeListeners) fn();
  }

  private onData(chunk: Buffer): void {
    for (const item of this.parser.push(chunk)) {
      if (this.phase === 'closed') return;
      if (item.kind === 'invalid') {
        this.host.log?.(`dropping connection: ${item.reason}`);
        this.destroy();
        return;
      }
      if (item.kind === 'hello') {
        // A hung gateway neither answers nor acts: requests sent meanwhile are lost.
        if (!this.faults.silent) this.onHello(item.hello);
        continue;
      }
      const messageId = Number.parseInt(item.fields[0] ?? '', 10);
      this.host.emitRequest({ clientId: this._clientId, messageId, handled: !this.faults.silent });
      if (this.faults.silent) continue;
      if (this.phase === 'ready' && !this.checkPacing()) return;
      const outcome = parseClientMessage(item.fields, this._version);
      if (!outcome.ok) {
        this.host.log?.(`client ${this._clientId}: ${outcome.detail}`);
        const orderId = outcome.messageId === FromClient.PLACE_ORDER ? Number.parseInt(item.fields[1] ?? '', 10) : Number.NaN;
        if (outcome.reason === 'malformed' && Number.isInteger(orderId)) {
          // An order we could not read must be reported against its id: the client has to know it was not placed.
          this.error(orderId, SimCode.ORDER_REJECTED, `Order rejected - reason:the simulator could not read this order (${outcome.detail})`);
        } else {
          this.error(-1, SimCode.UNKNOWN_MESSAGE, outcome.reason === 'unknown-message'
            ? `Unsupported message id ${outcome.messageId}: ignored by the simulator`
            : `Could not decode message id ${outcome.messageId}: ${outcome.detail}`);
        }
        continue;
      }
      try {
        this.dispatch(outcome.request);
      } catch (e) {
        // A simulator bug must not take the app's demo mode (or a test run) down with it.
        this.host.log?.(`client ${this._clientId}: ${outcome.request.kind} failed: ${(e as Error).stack ?? String(e)}`);
        const req = outcome.request;
        if (req.kind === 'placeOrder') this.error(req.orderId, SimCode.ORDER_REJECTED, `Order rejected - reason:internal simulator error: ${(e as Error).message}`);
        else this.error('reqId' in req ? req.reqId : -1, SimCode.REQUEST_INVALID, `Error validating request: internal simulator error: ${(e as Error).message}`);
      }
    }
  }

  private checkPacing(): boolean {
    if (!this.pacing) return true;
    const verdict = this.pacing.record();
    if (verdict.kind === 'ok') return true;
    this.error(-1, SimCode.MAX_RATE_EXCEEDED, `Max rate of messages per second has been exceeded:max=${this.pacingMax()} rec=${verdict.received} (${verdict.violations})`);
    if (verdict.kind === 'disconnect') {
      this.hangUp();
      return false;
    }
    return true;
  }

  private pacingMax(): number {
    return this.host.pacing === false ? 0 : this.host.pacing.maxPerSecond ?? 50;
  }

  private onHello(hello: Hello): void {
    if (this.phase !== 'hello') return;
    const negotiated = negotiateVersion(hello.minVersion, hello.maxVersion);
    if (!negotiated.ok) {
      // As TWS does: answer with the version we have, so the client reports "unsupported version"
      // itself, then close once that answer has reached it.
      this.host.log?.(`client range v${hello.minVersion}..${hello.maxVersion} does not meet ours; answering ${negotiated.answer} and closing`);
      this.socket.write(encodeFrame(serverHello(negotiated.answer, twsConnectionTime(this.clock.now()))));
      this.hangUp();
      return;
    }
    this._version = negotiated.version;
    this.phase = 'start';
    this.socket.write(encodeFrame(serverHello(this._version, twsConnectionTime(this.clock.now()))));
  }

  private dispatch(req: ClientRequest): void {
    if (this.phase === 'start') {
      if (req.kind !== 'startApi') {
        this.host.log?.(`request ${req.kind} before START_API ignored`);
        return;
      }
      this.start(req.clientId);
      return;
    }
    if (this.phase !== 'ready') return;
    switch (req.kind) {
      case 'startApi':
        return;
      case 'reqCurrentTime':
        this.send(currentTime(Math.floor(this.clock.now() / 1000)));
        return;
      case 'reqIds':
        this.send(nextValidId(this.host.nextOrderId(this._clientId)));
        return;
      case 'reqManagedAccts':
        this.send(managedAccounts(this.engine.accounts));
        return;
      case 'reqMktData':
      case 'cancelMktData':
      case 'reqMarketDataType':
      case 'reqContractDetails':
      case 'reqHistoricalData':
      case 'cancelHistoricalData':
        (this.market as MarketDataStreams).handle(req);
        return;
      case 'reqPositions':
      case 'cancelPositions':
      case 'reqAccountSummary':
      case 'cancelAccountSummary':
      case 'reqAccountUpdates':
      case 'reqPnL':
      case 'cancelPnL':
      case 'reqPnLSingle':
      case 'cancelPnLSingle':
      case 'reqPositionsMulti':
      case 'cancelPositionsMulti':
      case 'reqAccountUpdatesMulti':
      case 'cancelAccountUpdatesMulti':
        (this.account as AccountStreams).handle(req);
        return;
      case 'reqMatchingSymbols':
      case 'reqMarketRule':
      case 'reqSecDefOptParams':
      case 'reqHeadTimestamp':
      case 'cancelHeadTimestamp':
      case 'reqHistogramData':
      case 'cancelHistogramData':
      case 'reqHistoricalTicks':
      case 'reqUserInfo':
      case 'reqWshMetaData':
      case 'cancelWshMetaData':
      case 'reqWshEventData':
      case 'cancelWshEventData':
        (this.reference as ReferenceData).handle(req);
        return;
      case 'reqNewsProviders':
      case 'reqNewsArticle':
      case 'reqHistoricalNews':
        (this.news as NewsFeed).handle(req);
        return;
      case 'reqTickByTickData':
      case 'cancelTickByTickData':
      case 'reqRealTimeBars':
      case 'cancelRealTimeBars':
      case 'reqMktDepth':
      case 'cancelMktDepth':
      case 'reqMktDepthExchanges':
        (this.live as LiveData).handle(req);
        return;
      case 'reqScannerParameters':
      case 'reqScannerSubscription':
      case 'cancelScannerSubscription':
        (this.scanner as Scanner).handle(req);
        return;
      case 'placeOrder':
      case 'cancelOrder':
      case 'reqGlobalCancel':
      case 'reqOpenOrders':
      case 'reqAllOpenOrders':
      case 'reqAutoOpenOrders':
      case 'reqExecutions':
      case 'reqCompletedOrders':
        (this.orders as OrderFlow).handle(req);
        return;
      default: {
        // Every parsed request has a handler; the compiler proves none is forgotten.
        const unhandled: never = req;
        return unhandled;
      }
    }
  }

  private start(clientId: number): void {
    if (!this.host.claimClientId(clientId, this)) {
      this.send(errorMessage(this._version, -1, SimCode.CLIENT_ID_IN_USE, 'Unable to connect as the client id is already in use. Retry with a unique client id.'));
      this.hangUp();
      return;
    }
    this._clientId = clientId;
    this.phase = 'ready';
    this.market = new MarketDataStreams(this);
    this.account = new AccountStreams(this);
    this.orders = new OrderFlow(this);
    this.reference = new ReferenceData(this);
    this.news = new NewsFeed(this);
    this.scanner = new Scanner(this);
    this.live = new LiveData(this);
    this.send(managedAccounts(this.engine.accounts));
    // Without NEXT_VALID_ID the client never resumes its request queue.
    this.send(nextValidId(this.host.nextOrderId(clientId)));
    for (const [code, text] of FARM_NOTICES) this.error(-1, code, text);
  }
}
