import { EventEmitter } from 'node:events';
import { EventName, type Contract, type ContractDetails, type Execution, type CommissionReport, type Order, type OrderState, type SecType } from '@stoqey/ib';
import type { GatewayKind, SessionPhase, SessionState } from '../../shared/session';
import type { Log } from '../log';
import { reconnectDelay, type BackoffOptions } from './backoff';
import { tradingModeOf } from './gateway-label';
import { GatewayLink, type GatewayEndpoint } from './gateway-link';
import { MarketDataBook } from './market-data';
import { RequestBook, type HistoryBar } from './request-book';
import { OptionChainRequests, type ChainParams, type OptionSnapshot } from './option-chain-requests';
import { PortfolioModel, toNumber } from './portfolio-model';
import { describeGatewayError } from './gateway-errors';
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
  private readonly chains = new OptionChainRequests();
  private link: GatewayLink | undefined;
  private epoch = 0;
  private attempt = 0;
  private endpoint: GatewayEndpoint;
  private current: SessionState;
  private nextOrderId = 0;
  private lastOfferedOrderId = 0;
  private stopped = true;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private heartbeatDeadline: NodeJS.Timeout | undefined;
  /** A heartbeat is queued or awaiting its answer: never more than one. */
  private heartbeatInFlight = false;
  private syncDeadline: NodeJS.Timeout | undefined;
  /**
   * Request ids live far above any order id (IB's own clients do the same):
   * an error carries only an id, so a request id equal to an order id would
   * send an order's rejection to the market-data book.
   */
  private nextRequestId = REQUEST_ID_BASE;
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
    this.clearTimers();
    this.link?.dispose();
    this.link = undefined;
    this.setState('idle', 'Disconnected.');
  }

  /** "Take the session back" and manual retries: reconnect at once, resetting the backoff. */
  reconnectNow(): void {
    this.stopped = false;
    this.attempt = 0;
    this.clearTimers();
    this.link?.dispose();
    this.link = undefined;
    this.connect();
  }

  /** "Stay disconnected": close the socket and do not retry until asked. */
  stayDisconnected(): void {
    this.stopped = true;
    this.clearTimers();
    this.link?.dispose();
    this.link = undefined;
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
    const held = this.marketData.heldContract(contract);
    if (held && this.link?.connected) this.marketData.watch(this.link, held, () => this.nextRequestId++);
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
    this.setState('connecting', `Connecting to ${this.endpoint.host}:${this.endpoint.port} as client ${this.endpoint.clientId}.`);
    this.wire(link);
    this.armSyncDeadline(link);
    link.connect();
  }

  private wire(link: GatewayLink): void {
    const pending = { accounts: false, summary: false, positions: false, orders: false, executions: false };
    let syncing = false;
    const summaryReqId = this.nextRequestId++;
    const executionsReqId = this.nextRequestId++;
    const finishSync = (): void => {
      if (!syncing || !Object.values(pending).every(Boolean) || link !== this.link) return;
      syncing = false;
      this.clearSyncDeadline();
      for (const account of this.portfolio.accountIds()) {
        const reqId = this.nextRequestId++;
        this.marketData.trackPnL(reqId, account);
        link.send('data', (api) => api.reqPnL(reqId, account, ''));
      }
      this.marketData.subscribeHeld(link, () => this.nextRequestId++);
      this.marketData.subscribePositionPnl(link, () => this.nextRequestId++);
      this.attempt = 0;
      this.startHeartbeat(link);
      this.setState('ready', this.readyMessage());
      this.emit('synced', link.epoch);
    };

    link.on(EventName.nextValidId, (orderId: number) => {
      this.nextOrderId = Math.max(this.nextOrderId, orderId);
      this.lastOfferedOrderId = orderId;
      if (syncing || this.current.phase !== 'connecting') return;
      syncing = true;
      this.portfolio.clear();
      this.setState('syncing', 'Connected. Loading accounts, positions and orders.');
      link.send('data', (api) => api.reqMarketDataType(1));
      link.send('data', (api) => api.reqAccountSummary(summaryReqId, 'All', SUMMARY_TAGS));
      link.send('data', (api) => api.reqPositions());
      link.send('data', (api) => api.reqAllOpenOrders());
      link.send('data', (api) => api.reqExecutions(executionsReqId, {}));
    });
    link.on(EventName.managedAccounts, (list: string) => {
      const accounts = list.split(',').map((account) => account.trim()).filter(Boolean);
      this.portfolio.setAccounts(accounts);
      const mode = tradingModeOf(accounts);
      if (mode === 'live' && !this.options.liveTradingEnabled) {
        this.refuseLive(link, accounts);
        return;
      }
      pending.accounts = true;
      this.current = { ...this.current, accounts, mode };
      finishSync();
    });
    link.on(EventName.accountSummary, (_reqId: number, account: string, tag: string, value: string, currency: string) => {
      this.portfolio.applyAccountValue(account, tag, value, currency);
    });
    link.on(EventName.accountSummaryEnd, () => {
      pending.summary = true;
      finishSync();
    });
    link.on(EventName.position, (account: string, contract: Contract, pos: number, avgCost: number) => {
      const held = this.marketData.heldContract(contract);
      if (!held) return;
      this.portfolio.applyPosition(account, held, Number(pos), Number(avgCost));
      if (!syncing && this.current.phase === 'ready') {
        this.marketData.subscribeHeld(link, () => this.nextRequestId++);
        this.marketData.subscribePositionPnl(link, () => this.nextRequestId++);
      }
    });
    link.on(EventName.positionEnd, () => {
      pending.positions = true;
      finishSync();
    });
    link.on(EventName.pnl, (reqId: number, daily: number, unrealized: number, realized: number) => {
      const account = this.marketData.pnlAccount(reqId);
      if (account) this.portfolio.applyAccountPnL(account, toNumber(daily), toNumber(unrealized), toNumber(realized));
    });
    link.on(EventName.pnlSingle, (reqId: number, _pos: number, daily: number, unrealized: number, _realized: number, value: number) => {
      const held = this.marketData.pnlSingleOf(reqId);
      if (held) this.portfolio.applyPositionPnL(held.account, held.conId, { daily: toNumber(daily), unrealized: toNumber(unrealized), value: toNumber(value) });
    });
    link.on(EventName.contractDetails, (reqId: number, details: ContractDetails) => this.requests.onDetails(reqId, details));
    link.on(EventName.contractDetailsEnd, (reqId: number) => this.requests.onDetailsEnd(reqId));
    link.on(EventName.historicalData, (reqId: number, date: string, open: number, high: number, low: number, close: number, volume: number) =>
      this.requests.onHistoryBar(reqId, { date: String(date), open, high, low, close, volume: Number(volume) }),
    );
    link.on(EventName.openOrder, (orderId: number, contract: Contract, order: Order, state: OrderState) => {
      // A what-if answer is not an order: it never enters the book.
      if (order.whatIf) {
        this.requests.onWhatIf(orderId, state);
        return;
      }
      this.portfolio.applyOpenOrder({
        orderId,
        permId: order.permId ?? 0,
        clientId: order.clientId ?? 0,
        conId: contract.conId ?? 0,
        account: order.account ?? '',
        symbol: contract.localSymbol || contract.symbol || '',
        action: String(order.action ?? ''),
        quantity: Number(order.totalQuantity ?? 0),
        orderType: String(order.orderType ?? ''),
        limitPrice: toNumber(order.lmtPrice),
        stopPrice: toNumber(order.auxPrice),
        tif: String(order.tif ?? ''),
        status: String(state.status ?? ''),
        filled: 0,
        remaining: Number(order.totalQuantity ?? 0),
        avgFillPrice: null,
        orderRef: order.orderRef ?? '',
      });
      this.emit('openOrder', orderId, contract, order, state);
    });
    link.on(EventName.openOrderEnd, () => {
      pending.orders = true;
      finishSync();
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
      this.portfolio.applyExecution({
        execId: execution.execId ?? '',
        orderId: execution.orderId ?? 0,
        permId: execution.permId ?? 0,
        clientId: execution.clientId ?? -1,
        conId: contract.conId ?? 0,
        account: execution.acctNumber ?? '',
        symbol: contract.localSymbol || contract.symbol || '',
        side: execution.side ?? '',
        shares: Number(execution.shares ?? 0),
        price: Number(execution.price ?? 0),
        time: execution.time ?? '',
        orderRef: execution.orderRef ?? '',
        commission: null,
        commissionCurrency: null,
        realizedPnL: null,
      });
      this.emit('execution', contract, execution);
    });
    link.on(EventName.execDetailsEnd, (reqId: number) => {
      if (reqId !== executionsReqId) return;
      pending.executions = true;
      finishSync();
    });
    link.on(EventName.commissionReport, (report: CommissionReport) => {
      this.portfolio.applyCommission(report.execId ?? '', toNumber(report.commission), report.currency ?? null, toNumber(report.realizedPNL));
      this.emit('commission', report);
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
    link.on(EventName.tickSnapshotEnd, (reqId: number) => this.chains.onSnapshotEnd(reqId));
    link.on(EventName.securityDefinitionOptionParameter, (reqId: number, exchange: string, _conId: number, tradingClass: string, multiplier: string, expirations: string[], strikes: number[]) =>
      this.chains.onParams(reqId, exchange, tradingClass, multiplier, expirations, strikes));
    link.on(EventName.securityDefinitionOptionParameterEnd, (reqId: number) => this.chains.onParamsEnd(reqId));
    link.on(EventName.currentTime, () => this.heartbeatAnswered());
    link.on(EventName.info, (message: string, code: number) => this.onGatewayNotice(link, code, message));
    link.on(EventName.error, (error: Error, code: number, reqId: number) => this.onGatewayError(link, code, reqId, error?.message ?? ''));
    link.on(EventName.disconnected, () => this.onDropped(link, 'The connection to the gateway closed.'));
  }

  private onGatewayNotice(link: GatewayLink, code: number, message: string): void {
    switch (code) {
      case 1100:
      case 2110:
        this.setState('lost', describeGatewayError(code, message), 'Waiting for IB to restore the connection; nothing needs doing.');
        return;
      case 1101:
        // IB restored connectivity but dropped our subscriptions: re-request them.
        this.setState('restored', 'IB restored the connection; market data is being re-requested.');
        this.marketData.resubscribeAll(link, () => this.nextRequestId++);
        this.refreshOrders();
        this.setState('ready', this.readyMessage());
        return;
      case 1102:
        // Subscriptions survived: nothing to re-request.
        this.setState('ready', this.readyMessage());
        return;
      case 326:
        this.onClientIdInUse(link);
        return;
      default:
        return;
    }
  }

  private onGatewayError(link: GatewayLink, code: number, reqId: number, message: string): void {
    if (code === 326) {
      this.onClientIdInUse(link);
      return;
    }
    if (code === 10197) {
      this.onTaken(link);
      return;
    }
    if (code === 502 || code === 504) {
      if (code === 502) this.onDropped(link, 'Could not reach the gateway.');
      return;
    }
    // An id we placed an order with is an order's, whatever else shares the number.
    if (this.orderIdsSent.has(reqId)) {
      this.emit('orderError', reqId, code, message);
      return;
    }
    if (this.requests.onError(reqId, code, message)) return;
    if (this.chains.onError(reqId, code, message)) return;
    if (this.marketData.onError(link, reqId, code, () => this.nextRequestId++)) return;
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
    this.clearTimers();
    link.dispose();
    this.link = undefined;
    this.setState(
      'client_id_in_use',
      `Client id ${taken} is already used by another application connected to this gateway. Trying client id ${next}.`,
      'If this keeps happening, choose a different fixed client id in Settings.',
    );
    this.reconnectTimer = setTimeout(() => this.connect(), 50);
  }

  private onTaken(link: GatewayLink): void {
    if (link !== this.link) return;
    this.stopped = true;
    this.clearTimers();
    link.dispose();
    this.link = undefined;
    this.setState(
      'taken',
      'Another login took this IB session (TWS, the web portal or the mobile app).',
      'Take the session back, or stay disconnected while you use the other login.',
    );
  }

  private refuseLive(link: GatewayLink, accounts: string[]): void {
    this.stopped = true;
    this.clearTimers();
    link.dispose();
    this.link = undefined;
    this.current = { ...this.current, accounts, mode: 'live' };
    this.setState(
      'failed',
      `This gateway is logged in to a live account (${accounts.join(', ')}). Countersign refuses live accounts unless you allow them.`,
      'Use a paper account, or enable live trading in Settings > Connection.',
    );
  }

  private onDropped(link: GatewayLink, reason: string): void {
    if (link !== this.link) return;
    this.requests.failAll('The connection to the gateway closed.');
    this.chains.failAll('The connection to the gateway closed.');
    this.clearTimers();
    link.dispose();
    this.link = undefined;
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
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private waitForResetEnd(end: number): void {
    this.current = { ...this.current, nextAttemptAt: end };
    this.setState(
      'reset_window',
      'IB is in its nightly restart window; the gateway is expected to be unavailable.',
      'Countersign reconnects by itself when the window ends.',
    );
    // One attempt when the window ends, not a storm of retries inside it.
    this.reconnectTimer = setTimeout(() => {
      this.attempt = 0;
      this.connect();
    }, Math.max(0, end - this.now()) + 1000);
  }

  private startHeartbeat(link: GatewayLink): void {
    const interval = this.options.heartbeatIntervalMs ?? 10_000;
    const timeout = this.options.heartbeatTimeoutMs ?? 5_000;
    this.heartbeatInFlight = false;
    this.heartbeatTimer = setInterval(() => {
      if (this.heartbeatInFlight || link !== this.link) return;
      this.heartbeatInFlight = link.send('data', (api) => {
        api.reqCurrentTime();
        // The clock starts when the request leaves, not while it waits in
        // the pacer behind a burst of quote subscriptions (a large book takes
        // many seconds to subscribe at 45 messages a second).
        // An open socket that stops answering is as dead as a closed one.
        this.heartbeatDeadline = setTimeout(() => {
          this.heartbeatDeadline = undefined;
          this.onDropped(link, `The gateway stopped answering (no reply in ${Math.round(timeout / 1000)} s).`);
        }, timeout);
      });
    }, interval);
  }

  private heartbeatAnswered(): void {
    if (this.heartbeatDeadline) clearTimeout(this.heartbeatDeadline);
    this.heartbeatDeadline = undefined;
    this.heartbeatInFlight = false;
  }

  private armSyncDeadline(link: GatewayLink): void {
    this.syncDeadline = setTimeout(() => {
      this.syncDeadline = undefined;
      this.onDropped(link, 'The gateway did not finish the connection in time.');
    }, this.options.syncTimeoutMs ?? 20_000);
  }

  private clearSyncDeadline(): void {
    if (this.syncDeadline) clearTimeout(this.syncDeadline);
    this.syncDeadline = undefined;
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.reconnectTimer = undefined;
    this.heartbeatTimer = undefined;
    this.heartbeatAnswered();
    this.clearSyncDeadline();
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
