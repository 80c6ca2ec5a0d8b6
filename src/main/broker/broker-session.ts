import { EventEmitter } from 'node:events';
import { EventName, MarketDataType, type Contract, type ContractDetails, type Execution, type CommissionReport, type Order, type OrderState, type SecType } from '@stoqey/ib';
import type { GatewayKind, SessionPhase, SessionState } from '../../shared/session';
import type { Log } from '../log';
import { reconnectDelay, type BackoffOptions } from './backoff';
import { tradingModeOf } from './gateway-label';
import { GatewayLink, type GatewayEndpoint } from './gateway-link';
import { MarketDataBook } from './market-data';
import { HeldTermsLookup } from './held-terms';
import { RequestBook, type HistoryBar } from './request-book';
import { OptionChainRequests, type ChainParams, type OptionSnapshot } from './option-chain-requests';
import { PortfolioModel, toNumber } from './portfolio-model';
import { accountsOf, commissionView, executionView, heldContractOf, openOrderView } from './ib-mappers';
import { SessionTimers } from './session-timers';
import { SyncTracker, type SyncPart } from './sync-tracker';
import { describeGatewayError } from './gateway-errors';
import { ErrorCode, IbCode } from './ib-codes';
import { OutgoingMessage } from './outgoing-message';
import { NORTH_AMERICA_RESET, resetWindowEnd, type ResetWindow } from './reset-window';

/**
 * The one session with IB Gateway/TWS. It owns the connection lifecycle
 * (connect, sync, heartbeat, reconnect with backoff), knows which phase it is
 * in, and keeps the portfolio model current. Approvals are only allowed in
 * 'ready', which is reached after a full re-sync on every (re)connect.
 */

export interface BrokerSessionOptions {
  endpoint: GatewayEndpoint;
  gateway: GatewayKind;
  liveTradingEnabled: boolean;
  log: Log;
  heartbeatIntervalMs?: number;
  heartbeatTimeoutMs?: number;
  /** How long connect + sync may take before the attempt counts as failed. */
  syncTimeoutMs?: number;
  backoff?: BackoffOptions;
  resetWindow?: ResetWindow | null;
  /** Wall-clock ms, injected: the reset window, timestamps and countdowns read this, never the machine's clock. */
  now: () => number;
  /** For ages (quotes): a wall-clock step must neither freshen nor age them. */
  monotonic?: () => number;
  /** Pacing budget; IB allows about 50 messages a second. */
  messagesPerSecond?: number;
}

export interface OrderEvents {
  openOrder: [orderId: number, contract: Contract, order: Order, state: OrderState];
  orderStatus: [orderId: number, status: string, filled: number, remaining: number, avgFillPrice: number, permId: number, lastFillPrice: number, clientId: number];
  execution: [contract: Contract, execution: Execution];
  commission: [report: CommissionReport];
  orderError: [orderId: number, code: number, message: string];
  /** An approved order the gate stopped at the last moment (trading was halted while it waited to be sent). */
  orderWithheld: [orderId: number];
  /** A new epoch finished its sync: drafts in flight should be reconciled now. */
  synced: [epoch: number];
}

type SessionEvents = OrderEvents & { state: [SessionState] };

const SUMMARY_TAGS = [
  'AccountType',
  'NetLiquidation',
  'TotalCashValue',
  'BuyingPower',
  'AvailableFunds',
  'ExcessLiquidity',
  'InitMarginReq',
  'MaintMarginReq',
  'GrossPositionValue',
  'EquityWithLoanValue',
  'DayTradesRemaining',
  // Cash, ExchangeRate and net liquidation for every currency the account holds.
  '$LEDGER:ALL',
].join(',');

/** Request ids start here; order ids stay below it (IB's order ids are 32-bit and grow by one per order). */
export const REQUEST_ID_BASE = 1_000_000_000;

export class BrokerSession extends EventEmitter<SessionEvents> {
  readonly portfolio: PortfolioModel;
  private readonly marketData: MarketDataBook;
  private readonly requests = new RequestBook();
  private readonly heldTerms: HeldTermsLookup;
  private readonly chains = new OptionChainRequests();
  private link: GatewayLink | undefined;
  private epoch = 0;
  private attempt = 0;
  private endpoint: GatewayEndpoint;
  private current: SessionState;
  private nextOrderId = 0;
  private lastOfferedOrderId = 0;
  private stopped = true;
  private readonly timers = new SessionTimers();
  /**
   * Request ids live far above any order id (IB's own clients do the same):
   * an error carries only an id, so a request id equal to an order id would
   * send an order's rejection to the market-data book.
   */
  private nextRequestId = REQUEST_ID_BASE;
  private readonly requestIds = (): number => this.nextRequestId++;
  /** Order ids this session has written (orders and what-ifs): errors with these ids are about orders. */
  private readonly orderIdsSent = new Set<number>();
  private orderGate: (() => boolean) | undefined;
  private readonly now: () => number;

  constructor(private readonly options: BrokerSessionOptions) {
    super();
    this.now = options.now;
    this.endpoint = { ...options.endpoint };
    this.portfolio = new PortfolioModel(this.now, options.monotonic);
    this.marketData = new MarketDataBook(this.portfolio);
    this.heldTerms = new HeldTermsLookup(this.portfolio, this.requests);
    this.current = this.stateFor('idle', 'Not connected to a gateway yet.');
  }

  get state(): SessionState {
    return this.current;
  }

  get clientId(): number {
    return this.endpoint.clientId;
  }

  /** The highest order id the gateway has said is free; the approval queue keeps its own ledger on top. */
  get gatewayNextOrderId(): number {
    return this.nextOrderId;
  }

  /** The next valid id the gateway offered on the latest connection (it can go backwards after a Gateway restart). */
  get offeredOrderId(): number {
    return this.lastOfferedOrderId;
  }

  /** The socket is up (not necessarily synced): cancels may go out. */
  get isConnected(): boolean {
    return !!this.link?.connected;
  }

  get isReady(): boolean {
    return this.current.phase === 'ready' && !!this.link?.connected;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.teardown();
    this.setState('idle', 'Disconnected.');
  }

  /** "Take the session back" and manual retries: reconnect at once, resetting the backoff. */
  reconnectNow(): void {
    this.stopped = false;
    this.attempt = 0;
    this.teardown();
    this.connect();
  }

  /** "Stay disconnected": close the socket and do not retry until asked. */
  stayDisconnected(): void {
    this.stopped = true;
    this.teardown();
    this.setState('idle', 'Staying disconnected, as you asked.', 'Reconnect from the status bar when you are ready.');
  }

  /**
   * Sends an order message on the live connection, never into a queue that
   * could deliver it after a reconnect. False if the session is not ready.
   */
  placeOrder(orderId: number, contract: Contract, order: Order): boolean {
    if (!this.isReady || !this.link) return false;
    return this.link.send('order', (api) => {
      // The order may have waited for the pacing budget: ask again at the
      // moment of sending whether it may still go. A halt wins, and so does a
      // session that stopped being ready meanwhile (1100: IB lost its link,
      // and an order sent now would sit at the gateway with no one watching).
      if (!this.isReady || (this.orderGate && !this.orderGate())) {
        this.emit('orderWithheld', orderId);
        return;
      }
      this.orderIdsSent.add(orderId);
      api.placeOrder(orderId, contract, order);
    });
  }

  /** Consulted at the moment each order is written to the socket. */
  setOrderGate(gate: () => boolean): void {
    this.orderGate = gate;
  }

  /** Cancels one of this client's orders; `onWritten` runs once the cancel is on the socket. */
  cancelOrder(orderId: number, onWritten: () => void = () => {}): boolean {
    if (!this.link?.connected) return false;
    return this.link.sendConfirmed('order', OutgoingMessage.CANCEL_ORDER, (api) => api.cancelOrder(orderId), onWritten);
  }

  /**
   * IB's global cancel. `onWritten` runs only once the message has been
   * written to the socket: a cancel still waiting in the send queue when the
   * connection drops is lost with the queue, so it is not yet sent. Returns
   * whether it could be queued at all.
   */
  globalCancel(onWritten: () => void = () => {}): boolean {
    if (!this.link?.connected) return false;
    return this.link.sendConfirmed('order', OutgoingMessage.REQ_GLOBAL_CANCEL, (api) => api.reqGlobalCancel(), onWritten);
  }

  /** Re-requests open orders and executions, e.g. to reconcile after a restart. */
  refreshOrders(): boolean {
    if (!this.link?.connected) return false;
    const reqId = this.nextRequestId++;
    this.link.send('data', (api) => api.reqAllOpenOrders());
    return this.link.send('data', (api) => api.reqExecutions(reqId, {}));
  }

  /** IB's definitions of a contract ([] when IB does not know it). Rejects when the session cannot ask. */
  resolveContract(contract: Contract, timeoutMs = 5000): Promise<ContractDetails[]> {
    const link = this.link;
    if (!link?.connected) return Promise.reject(new Error('Not connected to the gateway.'));
    const reqId = this.nextRequestId++;
    const answer = this.requests.expectDetails(reqId, timeoutMs);
    link.send('data', (api) => api.reqContractDetails(reqId, contract));
    return answer;
  }

  /** Historical bars (IB duration and bar size strings, e.g. '1 M' and '1 day'). */
  history(contract: Contract, duration: string, barSize: string, timeoutMs = 15_000): Promise<HistoryBar[]> {
    const link = this.link;
    if (!link?.connected) return Promise.reject(new Error('Not connected to the gateway.'));
    const reqId = this.nextRequestId++;
    const answer = this.requests.expectHistory(reqId, timeoutMs);
    link.send('data', (api) =>
      api.reqHistoricalData(reqId, contract, '', duration, barSize as never, 'TRADES' as never, 1, 1, false),
    );
    return answer;
  }

  /** reqSecDefOptParams: the option chains (expirations, strikes) of an underlying, one per exchange. */
  optionChainParams(underlying: { symbol: string; secType: string; conId: number }, timeoutMs = 5000): Promise<ChainParams[]> {
    const link = this.link;
    if (!link?.connected) return Promise.reject(new Error('Not connected to the gateway.'));
    const reqId = this.nextRequestId++;
    const answer = this.chains.expectParams(reqId, timeoutMs);
    link.send('data', (api) => api.reqSecDefOptParams(reqId, underlying.symbol, '', underlying.secType as SecType, underlying.conId));
    return answer;
  }

  /** One market data snapshot of an option: bid, ask, last and IB's model greeks. */
  optionSnapshot(contract: Contract, timeoutMs = 5000): Promise<OptionSnapshot> {
    const link = this.link;
    if (!link?.connected) return Promise.reject(new Error('Not connected to the gateway.'));
    const reqId = this.nextRequestId++;
    const answer = this.chains.expectSnapshot(reqId, timeoutMs);
    link.send('data', (api) => api.reqMktData(reqId, contract, '', true, false));
    return answer;
  }

  /** Keeps a live quote for a contract that is not held (a draft's symbol). */
  watch(contract: Contract): void {
    const held = heldContractOf(contract);
    if (held && this.link?.connected) this.marketData.watch(this.link, held, this.requestIds);
  }

  /**
   * Asks IB what an order would do to margin and what it would cost, without
   * placing it. The what-if uses a real order id (IB requires it), which the
   * caller reserves from the order id ledger.
   */
  whatIf(orderId: number, contract: Contract, order: Order, timeoutMs = 5000): Promise<OrderState> {
    const link = this.link;
    if (!this.isReady || !link) return Promise.reject(new Error('The session is not ready.'));
    const answer = this.requests.expectWhatIf(orderId, timeoutMs);
    link.send('order', (api) => api.placeOrder(orderId, contract, { ...order, whatIf: true, transmit: true }));
    return answer;
  }

  private connect(): void {
    if (this.stopped) return;
    const resetEnd = this.resetWindowEnd();
    if (resetEnd !== undefined && this.attempt > 0) {
      this.waitForResetEnd(resetEnd);
      return;
    }
    this.epoch += 1;
    const link = new GatewayLink(this.endpoint, this.epoch, this.options.messagesPerSecond);
    this.link = link;
    this.marketData.reset();
    this.heldTerms.reset();
    this.setState('connecting', `Connecting to ${this.endpoint.host}:${this.endpoint.port} as client ${this.endpoint.clientId}.`);
    this.wire(link);
    this.timers.armSyncDeadline(this.options.syncTimeoutMs ?? 20_000, () =>
      this.onDropped(link, 'The gateway did not finish the connection in time.'),
    );
    link.connect();
  }

  private wire(link: GatewayLink): void {
    const sync = new SyncTracker();
    const answered = (part: SyncPart): void => {
      if (sync.answer(part) && link === this.link) this.onSynced(link);
    };
    this.wireSync(link, sync, answered);
    this.wirePortfolio(link, sync, answered);
    this.wireOrders(link);
    this.wireRequests(link);
    this.wireConnection(link);
  }

  /** The sync starts once the gateway offers an order id: before that, every request hangs. */
  private wireSync(link: GatewayLink, sync: SyncTracker, answered: (part: SyncPart) => void): void {
    const summaryReqId = this.nextRequestId++;
    const executionsReqId = this.nextRequestId++;
    link.on(EventName.nextValidId, (orderId: number) => {
      this.nextOrderId = Math.max(this.nextOrderId, orderId);
      this.lastOfferedOrderId = orderId;
      if (this.current.phase !== 'connecting' || !sync.begin()) return;
      this.portfolio.clear();
      this.setState('syncing', 'Connected. Loading accounts, positions and orders.');
      link.send('data', (api) => api.reqMarketDataType(MarketDataType.REALTIME));
      link.send('data', (api) => api.reqAccountSummary(summaryReqId, 'All', SUMMARY_TAGS));
      link.send('data', (api) => api.reqPositions());
      link.send('data', (api) => api.reqAllOpenOrders());
      link.send('data', (api) => api.reqExecutions(executionsReqId, {}));
    });
    link.on(EventName.accountSummaryEnd, () => answered('summary'));
    link.on(EventName.positionEnd, () => answered('positions'));
    link.on(EventName.openOrderEnd, () => answered('orders'));
    link.on(EventName.execDetailsEnd, (reqId: number) => {
      if (reqId === executionsReqId) answered('executions');
    });
  }

  private onSynced(link: GatewayLink): void {
    this.timers.syncFinished();
    for (const account of this.portfolio.accountIds()) {
      const reqId = this.nextRequestId++;
      this.marketData.trackPnL(reqId, account);
      link.send('data', (api) => api.reqPnL(reqId, account, ''));
    }
    this.marketData.subscribeHeld(link, this.requestIds);
    this.marketData.subscribePositionPnl(link, this.requestIds);
    this.heldTerms.askMissing(link, this.requestIds);
    this.attempt = 0;
    const timeout = this.options.heartbeatTimeoutMs ?? 5_000;
    this.timers.startHeartbeat(link, this.options.heartbeatIntervalMs ?? 10_000, timeout, () =>
      this.onDropped(link, `The gateway stopped answering (no reply in ${Math.round(timeout / 1000)} s).`),
    );
    this.setState('ready', this.readyMessage());
    this.emit('synced', link.epoch);
  }

  private wirePortfolio(link: GatewayLink, sync: SyncTracker, answered: (part: SyncPart) => void): void {
    link.on(EventName.managedAccounts, (list: string) => {
      const accounts = accountsOf(list);
      this.portfolio.setAccounts(accounts);
      const mode = tradingModeOf(accounts);
      if (mode === 'live' && !this.options.liveTradingEnabled) {
        this.refuseLive(link, accounts);
        return;
      }
      this.current = { ...this.current, accounts, mode };
      answered('accounts');
    });
    link.on(EventName.accountSummary, (_reqId: number, account: string, tag: string, value: string, currency: string) =>
      this.portfolio.applyAccountValue(account, tag, value, currency),
    );
    link.on(EventName.position, (account: string, contract: Contract, pos: number, avgCost: number) => {
      const held = heldContractOf(contract);
      if (!held) return;
      this.portfolio.applyPosition(account, held, Number(pos), Number(avgCost));
      if (!sync.syncing && this.current.phase === 'ready') {
        this.marketData.subscribeHeld(link, this.requestIds);
        this.marketData.subscribePositionPnl(link, this.requestIds);
        this.heldTerms.askMissing(link, this.requestIds);
      }
    });
    link.on(EventName.pnl, (reqId: number, daily: number, unrealized: number, realized: number) => {
      const account = this.marketData.pnlAccount(reqId);
      if (account) this.portfolio.applyAccountPnL(account, toNumber(daily), toNumber(unrealized), toNumber(realized));
    });
    link.on(EventName.pnlSingle, (reqId: number, pos: number, daily: number, unrealized: number, _realized: number, value: number) => {
      const held = this.marketData.pnlSingleOf(reqId);
      if (held) this.portfolio.applyPositionPnL(held.account, held.conId, { position: toNumber(pos), daily: toNumber(daily), unrealized: toNumber(unrealized), value: toNumber(value) });
    });
    link.on(EventName.tickPrice, (reqId: number, tickType: number, price: number) => {
      this.marketData.onTickPrice(reqId, tickType, price);
      this.chains.onTickPrice(reqId, tickType, price);
    });
    link.on(EventName.marketDataType, (reqId: number, type: number) => this.marketData.onMarketDataType(reqId, type));
    link.on(EventName.tickOptionComputation, (...args: unknown[]) => {
      this.marketData.onOptionComputation(args);
      this.chains.onOptionComputation(args);
    });
  }

  private wireOrders(link: GatewayLink): void {
    link.on(EventName.openOrder, (orderId: number, contract: Contract, order: Order, state: OrderState) => {
      // A what-if answer is not an order: it never enters the book.
      if (order.whatIf) {
        this.requests.onWhatIf(orderId, state);
        return;
      }
      this.portfolio.applyOpenOrder(openOrderView(orderId, contract, order, state));
      this.emit('openOrder', orderId, contract, order, state);
    });
    link.on(
      EventName.orderStatus,
      (orderId: number, status: string, filled: number, remaining: number, avgFillPrice: number, permId: number, _parentId: number, lastFillPrice: number, clientId: number) => {
        const client = Number(clientId ?? -1);
        this.portfolio.applyOrderStatus(client, orderId, status, Number(filled), Number(remaining), toNumber(avgFillPrice));
        this.emit('orderStatus', orderId, status, Number(filled), Number(remaining), Number(avgFillPrice), permId, Number(lastFillPrice), client);
      },
    );
    link.on(EventName.execDetails, (_reqId: number, contract: Contract, execution: Execution) => {
      this.portfolio.applyExecution(executionView(contract, execution));
      this.emit('execution', contract, execution);
    });
    link.on(EventName.commissionReport, (report: CommissionReport) => {
      const view = commissionView(report);
      this.portfolio.applyCommission(view.execId, view.commission, view.currency, view.realizedPnL);
      this.emit('commission', report);
    });
  }

  private wireRequests(link: GatewayLink): void {
    link.on(EventName.contractDetails, (reqId: number, details: ContractDetails) => this.requests.onDetails(reqId, details));
    link.on(EventName.contractDetailsEnd, (reqId: number) => this.requests.onDetailsEnd(reqId));
    link.on(EventName.historicalData, (reqId: number, date: string, open: number, high: number, low: number, close: number, volume: number) =>
      this.requests.onHistoryBar(reqId, { date: String(date), open, high, low, close, volume: Number(volume) }),
    );
    link.on(EventName.tickSnapshotEnd, (reqId: number) => this.chains.onSnapshotEnd(reqId));
    link.on(EventName.securityDefinitionOptionParameter, (reqId: number, exchange: string, _conId: number, tradingClass: string, multiplier: string, expirations: string[], strikes: number[]) =>
      this.chains.onParams(reqId, exchange, tradingClass, multiplier, expirations, strikes));
    link.on(EventName.securityDefinitionOptionParameterEnd, (reqId: number) => this.chains.onParamsEnd(reqId));
  }

  private wireConnection(link: GatewayLink): void {
    link.on(EventName.currentTime, () => this.timers.heartbeatAnswered());
    link.on(EventName.info, (message: string, code: number) => this.onGatewayNotice(link, code, message));
    link.on(EventName.error, (error: Error, code: number, reqId: number) => this.onGatewayError(link, code, reqId, error?.message ?? ''));
    link.on(EventName.disconnected, () => this.onDropped(link, 'The connection to the gateway closed.'));
  }

  private onGatewayNotice(link: GatewayLink, code: number, message: string): void {
    switch (code) {
      case ErrorCode.FAIL_CONNECTION_LOST_BETWEEN_SERVER_AND_TWS:
      case ErrorCode.FAIL_CONNECTION_LOST_BETWEEN_TWS_AND_SERVER:
        this.setState('lost', describeGatewayError(code, message), 'Waiting for IB to restore the connection; nothing needs doing.');
        return;
      case ErrorCode.CONNECTIVITY_RESTORED_DATA_LOST:
        // IB restored connectivity but dropped our subscriptions: re-request them.
        this.setState('restored', 'IB restored the connection; market data is being re-requested.');
        this.marketData.resubscribeAll(link, this.requestIds);
        this.refreshOrders();
        this.setState('ready', this.readyMessage());
        return;
      case ErrorCode.CONNECTIVITY_RESTORED_DATA_MAINTAINED:
        // Subscriptions survived: nothing to re-request.
        this.setState('ready', this.readyMessage());
        return;
      case IbCode.CLIENT_ID_IN_USE:
        this.onClientIdInUse(link);
        return;
      default:
        return;
    }
  }

  private onGatewayError(link: GatewayLink, code: number, reqId: number, message: string): void {
    if (code === IbCode.CLIENT_ID_IN_USE) {
      this.onClientIdInUse(link);
      return;
    }
    if (code === IbCode.COMPETING_LIVE_SESSION) {
      this.onTaken(link);
      return;
    }
    if (code === ErrorCode.CONNECT_FAIL || code === ErrorCode.NOT_CONNECTED) {
      if (code === ErrorCode.CONNECT_FAIL) this.onDropped(link, 'Could not reach the gateway.');
      return;
    }
    // An id we placed an order with is an order's, whatever else shares the number.
    if (this.orderIdsSent.has(reqId)) {
      this.emit('orderError', reqId, code, message);
      return;
    }
    if (this.requests.onError(reqId, code, message)) return;
    if (this.chains.onError(reqId, code, message)) return;
    if (this.marketData.onError(link, reqId, code, this.requestIds)) return;
    if (reqId > 0 && reqId < REQUEST_ID_BASE) {
      this.emit('orderError', reqId, code, message);
      return;
    }
    this.options.log.warn(`Gateway said ${code}`, message);
  }

  private onClientIdInUse(link: GatewayLink): void {
    if (link !== this.link) return;
    const taken = this.endpoint.clientId;
    // Client id 0 is special (it sees orders placed in TWS); any other free id
    // will do for a second attempt, and the person is told which one.
    const next = taken >= 2_147_483_000 ? 1 : taken + 1;
    this.endpoint = { ...this.endpoint, clientId: next };
    this.teardown();
    this.setState(
      'client_id_in_use',
      `Client id ${taken} is already used by another application connected to this gateway. Trying client id ${next}.`,
      'If this keeps happening, choose a different fixed client id in Settings.',
    );
    this.timers.reconnectAfter(50, () => this.connect());
  }

  private onTaken(link: GatewayLink): void {
    if (link !== this.link) return;
    this.stopped = true;
    this.teardown();
    this.setState(
      'taken',
      'Another login took this IB session (TWS, the web portal or the mobile app).',
      'Take the session back, or stay disconnected while you use the other login.',
    );
  }

  private refuseLive(link: GatewayLink, accounts: string[]): void {
    this.stopped = true;
    this.teardown();
    this.current = { ...this.current, accounts, mode: 'live' };
    this.setState(
      'failed',
      `This gateway is logged in to a live account (${accounts.join(', ')}). Countersign refuses live accounts unless you allow them.`,
      'Use a paper account, or enable live trading in Settings > Connection.',
    );
  }

  private onDropped(link: GatewayLink, reason: string): void {
    if (link !== this.link) return;
    this.teardown();
    if (this.stopped) return;
    const resetEnd = this.resetWindowEnd();
    if (resetEnd !== undefined) {
      this.attempt += 1;
      this.waitForResetEnd(resetEnd);
      return;
    }
    this.attempt += 1;
    const delay = reconnectDelay(this.attempt, this.options.backoff ?? { initialMs: 1000, maxMs: 30_000 });
    this.current = { ...this.current, reconnectAttempt: this.attempt, nextAttemptAt: this.now() + delay };
    this.setState('lost', `${reason} Reconnecting (attempt ${this.attempt}).`, 'Drafts stay pending until the session is back.');
    this.timers.reconnectAfter(delay, () => this.connect());
  }

  private waitForResetEnd(end: number): void {
    this.current = { ...this.current, nextAttemptAt: end };
    this.setState(
      'reset_window',
      'IB is in its nightly restart window; the gateway is expected to be unavailable.',
      'Countersign reconnects by itself when the window ends.',
    );
    // One attempt when the window ends, not a storm of retries inside it.
    this.timers.reconnectAfter(Math.max(0, end - this.now()) + 1000, () => {
      this.attempt = 0;
      this.connect();
    });
  }

  /**
   * Ends the current connection: its timers, its listeners, its queue, and
   * every request waiting on it (no answer can arrive once the listeners are
   * gone, so each fails now rather than at its own timeout).
   */
  private teardown(): void {
    this.requests.failAll('The connection to the gateway closed.');
    this.chains.failAll('The connection to the gateway closed.');
    this.timers.clear();
    this.link?.dispose();
    this.link = undefined;
  }

  /** Whether IB's nightly restart window is on now, by this session's own window and clock. */
  inResetWindow(): boolean {
    return this.resetWindowEnd() !== undefined;
  }

  private resetWindowEnd(): number | undefined {
    const window = this.options.resetWindow === undefined ? NORTH_AMERICA_RESET : this.options.resetWindow;
    return window ? resetWindowEnd(this.now(), window) : undefined;
  }

  private readyMessage(): string {
    const where = this.options.gateway === 'demo' ? 'the demo gateway' : `${this.endpoint.host}:${this.endpoint.port}`;
    return `Connected to ${where} as client ${this.endpoint.clientId}.`;
  }

  private stateFor(phase: SessionPhase, message: string, nextStep?: string): SessionState {
    const base: SessionState = {
      phase,
      message,
      gateway: this.options.gateway,
      mode: this.current?.mode ?? 'unknown',
      host: this.endpoint.host,
      port: this.endpoint.port,
      clientId: this.endpoint.clientId,
      accounts: this.current?.accounts ?? [],
      since: this.now(),
    };
    if (nextStep) base.nextStep = nextStep;
    if (phase === 'lost' || phase === 'reset_window') {
      if (this.current?.reconnectAttempt !== undefined) base.reconnectAttempt = this.current.reconnectAttempt;
      if (this.current?.nextAttemptAt !== undefined) base.nextAttemptAt = this.current.nextAttemptAt;
    }
    return base;
  }

  private setState(phase: SessionPhase, message: string, nextStep?: string): void {
    this.current = this.stateFor(phase, message, nextStep);
    if (phase !== 'lost' && phase !== 'reset_window') {
      delete this.current.reconnectAttempt;
      delete this.current.nextAttemptAt;
    }
    this.emit('state', this.current);
  }
}
