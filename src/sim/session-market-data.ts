// Market data, contract details and history for one session. Ticks come from
// the engine's random walk; each subscription only sends what changed since
// its last message, as TWS does.
import type { ContractDetails } from '@stoqey/ib';
import type { Quote } from './engine';
import type { SessionContext } from './session';
import { HistoryPacing } from './session-history-pacing';
import type { ClientRequest } from './wire/incoming';
import { twsDateTime } from './wire/tws-time';
import { bondContractData, contractData, contractDataEnd } from './wire/outgoing/contract-data';
import { historicalData } from './wire/outgoing/historical-data';
import { marketDataType, tickOptionComputation, tickPrice, tickSize, tickSnapshotEnd, tickString } from './wire/outgoing/market-data';
import { SimCode, TickType } from './wire/ib-codes';

type MarketRequest = Extract<ClientRequest, { kind: 'reqMktData' | 'cancelMktData' | 'reqMarketDataType' | 'reqContractDetails' | 'reqHistoricalData' | 'cancelHistoricalData' }>;

const LIVE = {
  bid: TickType.BID,
  bidSize: TickType.BID_SIZE,
  ask: TickType.ASK,
  last: TickType.LAST,
  high: TickType.HIGH,
  low: TickType.LOW,
  volume: TickType.VOLUME,
  close: TickType.CLOSE,
  open: TickType.OPEN,
  lastTimestamp: TickType.LAST_TIMESTAMP,
} as const;
const DELAYED = {
  bid: TickType.DELAYED_BID,
  bidSize: TickType.DELAYED_BID_SIZE,
  ask: TickType.DELAYED_ASK,
  last: TickType.DELAYED_LAST,
  high: TickType.DELAYED_HIGH,
  low: TickType.DELAYED_LOW,
  volume: TickType.DELAYED_VOLUME,
  close: TickType.DELAYED_CLOSE,
  open: TickType.DELAYED_OPEN,
  lastTimestamp: TickType.DELAYED_LAST_TIMESTAMP,
} as const;
type TickIds = typeof LIVE | typeof DELAYED;

/** Option computation tick types: bid, ask, last, model (live), and their delayed twins. */
const OPTION_TICKS = {
  live: [TickType.BID_OPTION, TickType.ASK_OPTION, TickType.LAST_OPTION, TickType.MODEL_OPTION],
  delayed: [TickType.DELAYED_BID_OPTION, TickType.DELAYED_ASK_OPTION, TickType.DELAYED_LAST_OPTION, TickType.DELAYED_MODEL_OPTION],
} as const;

interface Subscription {
  reqId: number;
  conId: number;
  /** The instrument whose ticks move this line: itself, or an option's underlying. */
  drivenBy: number;
  option: boolean;
  /** Indices print a last price only; forex has no trades to print. */
  sides: 'all' | 'last-only' | 'quotes-only';
  unwatch: () => void;
  ticks: TickIds;
  last: Partial<Quote>;
}

export const NO_SECURITY = 'No security definition has been found for the request';

/**
 * Contracts the demo account has no live subscription for (the synthetic
 * load-test symbols): live requests get 354, delayed requests get delayed ticks.
 */
function liveEntitled(details: ContractDetails, syntheticLive: boolean): boolean {
  const d = details as ContractDetails & { liveData?: boolean };
  if (d.liveData !== undefined) return d.liveData;
  return syntheticLive || !(details.contract.symbol ?? '').startsWith('SYN');
}

export class MarketDataStreams {
  /** 1 live, 2 frozen, 3 delayed, 4 delayed-frozen (reqMarketDataType). */
  private dataType = 1;
  private readonly subs = new Map<number, Subscription>();
  private readonly byConId = new Map<number, Set<Subscription>>();
  private readonly unsubscribeTicks: () => void;
  private readonly historyPacing: HistoryPacing;
  /** Lines that skipped an update while the client was behind. */
  private readonly stale = new Set<Subscription>();

  constructor(private readonly s: SessionContext) {
    this.unsubscribeTicks = s.engine.on('tick', (conId: number, q: Quote) => this.onTick(conId, q));
    this.historyPacing = new HistoryPacing(() => s.clock.now());
  }

  handle(req: MarketRequest): void {
    switch (req.kind) {
      case 'reqMarketDataType':
        this.dataType = req.marketDataType >= 1 && req.marketDataType <= 4 ? req.marketDataType : 1;
        return;
      case 'reqMktData':
        return this.subscribe(req.reqId, req.contract, req.snapshot || req.regulatorySnapshot);
      case 'cancelMktData':
        return this.remove(req.reqId);
      case 'reqContractDetails': {
        const found = this.s.engine.findContracts(req.contract);
        if (found.length === 0) return this.s.error(req.reqId, SimCode.NO_SECURITY_DEFINITION, NO_SECURITY);
        // Bonds have their own message, as at TWS.
        for (const d of found) this.s.send(String(d.contract.secType) === 'BOND' ? bondContractData(this.s.version, req.reqId, d) : contractData(this.s.version, req.reqId, d));
        this.s.send(contractDataEnd(req.reqId));
        return;
      }
      case 'reqHistoricalData': {
        const details = this.s.engine.resolve(req.contract);
        if (!details || details.contract.conId === undefined) return this.s.error(req.reqId, SimCode.NO_SECURITY_DEFINITION, NO_SECURITY);
        const violation = this.historyPacing.check(req, details.contract.conId);
        if (violation) return this.s.error(req.reqId, SimCode.HISTORICAL_DATA_SERVICE, `Historical Market Data Service error message:Pacing violation (${violation})`);
        let bars;
        try {
          bars = this.s.engine.bars(details.contract.conId, {
            endDateTime: req.endDateTime, durationStr: req.durationStr, barSizeSetting: req.barSizeSetting,
            whatToShow: req.whatToShow, useRTH: req.useRTH,
          });
        } catch (e) {
          return this.s.error(req.reqId, SimCode.REQUEST_INVALID, `Error validating request.-'bP' : cause - ${(e as Error).message}`);
        }
        const start = bars[0]?.time ?? req.endDateTime;
        const end = req.endDateTime || twsDateTime(this.s.clock.now());
        this.s.send(historicalData(this.s.version, req.reqId, start, end, bars));
        return;
      }
      case 'cancelHistoricalData':
        // History is answered at once, so there is never anything in flight to cancel.
        return;
    }
  }

  /** 1101: the gateway forgot every market data line; the client must resubscribe. */
  dropAll(): void {
    this.stale.clear();
    for (const sub of this.subs.values()) sub.unwatch();
    this.subs.clear();
    this.byConId.clear();
  }

  refuseAll(code: number, message: string): void {
    const lines = [...this.subs.keys()];
    for (const reqId of lines) this.s.error(reqId, code, message);
    // A client whose requests are still in flight would otherwise learn nothing but a closed socket;
    // id 0 keeps it an error (id -1 would make it a mere notice) without naming a request.
    if (lines.length === 0) this.s.error(0, code, message);
    this.dropAll();
  }

  close(): void {
    this.unsubscribeTicks();
    this.dropAll();
  }

  private subscribe(reqId: number, contract: Parameters<SessionContext['engine']['resolve']>[0], snapshot: boolean): void {
    const details = this.s.engine.resolve(contract);
    if (!details || details.contract.conId === undefined) return this.s.error(reqId, SimCode.NO_SECURITY_DEFINITION, NO_SECURITY);
    const entitled = liveEntitled(details, this.s.host.syntheticLive);
    const liveOnly = this.dataType === 1 || this.dataType === 2;
    if (liveOnly && !entitled) {
      return this.s.error(reqId, SimCode.MARKET_DATA_NOT_SUBSCRIBED, 'Requested market data is not subscribed. Delayed market data is available.');
    }
    // Types 3/4 mean "delayed if live is not available": a subscribed symbol still streams live, as at IB.
    const frozen = this.dataType === 2 || this.dataType === 4;
    const ticks = entitled ? LIVE : DELAYED;
    this.s.send(marketDataType(reqId, entitled ? (frozen ? 2 : 1) : (frozen ? 4 : 3)));
    const conId = details.contract.conId;
    const underlying = this.s.engine.optionUnderlying(conId);
    const secType = String(details.contract.secType);
    const sub: Subscription = {
      reqId, conId, drivenBy: underlying ?? conId, option: underlying !== undefined, ticks, last: {}, unwatch: () => {},
      sides: secType === 'IND' ? 'last-only' : secType === 'CASH' ? 'quotes-only' : 'all',
    };
    if (!this.s.faults.connectivityLost) this.sendLine(sub);
    if (snapshot) {
      this.s.send(tickSnapshotEnd(reqId));
      return;
    }
    this.remove(reqId);
    sub.unwatch = this.s.engine.watch(sub.drivenBy);
    this.subs.set(reqId, sub);
    let set = this.byConId.get(sub.drivenBy);
    if (!set) this.byConId.set(sub.drivenBy, (set = new Set()));
    set.add(sub);
  }

  private remove(reqId: number): void {
    const sub = this.subs.get(reqId);
    if (!sub) return;
    sub.unwatch();
    this.subs.delete(reqId);
    this.byConId.get(sub.drivenBy)?.delete(sub);
  }

  private onTick(conId: number, q: Quote): void {
    // Frozen types (2, 4) differ from 1 and 3 only once the market closes, when the walk stops anyway.
    if (this.s.faults.connectivityLost) return;
    const set = this.byConId.get(conId);
    if (!set) return;
    for (const sub of set) {
      if (this.s.congested()) {
        this.defer(sub);
        continue;
      }
      if (sub.option) this.sendLine(sub);
      else this.sendQuote(sub, q);
    }
  }

  /**
   * A slow reader: the line is brought up to date once the client has caught
   * up. Each line only ever sends what changed since it last wrote, so the
   * client misses intermediate quotes, never the latest one.
   */
  private defer(sub: Subscription): void {
    if (this.stale.size === 0) this.s.whenDrained(() => this.catchUp());
    this.stale.add(sub);
  }

  private catchUp(): void {
    const lines = [...this.stale];
    this.stale.clear();
    for (const sub of lines) {
      if (this.subs.get(sub.reqId) !== sub) continue;
      if (this.s.congested()) this.defer(sub);
      else this.sendLine(sub);
    }
  }

  private sendLine(sub: Subscription): void {
    if (!sub.option) return this.sendQuote(sub, this.s.engine.quote(sub.conId));
    const snap = this.s.engine.optionSnapshot(sub.conId);
    if (!snap) return;
    this.sendQuote(sub, snap.quote);
    const m = snap.model;
    const types = sub.ticks === LIVE ? OPTION_TICKS.live : OPTION_TICKS.delayed;
    // As TWS writes them: bid/ask/last computations carry that price and the underlying's matching price; the model one the theoretical value.
    const prices: [number, number][] = [[snap.quote.bid, m.undBid], [snap.quote.ask, m.undAsk], [snap.quote.last, m.undLast], [m.optPrice, m.undPrice]];
    types.forEach((tickType, k) => {
      const [optPrice, undPrice] = prices[k]!;
      this.s.send(tickOptionComputation(this.s.version, sub.reqId, tickType, 1, {
        impliedVol: m.impliedVol, delta: m.delta, optPrice, pvDividend: 0, gamma: m.gamma, vega: m.vega, theta: m.theta, undPrice,
      }));
    });
  }

  private sendQuote(sub: Subscription, q: Quote): void {
    const t = sub.ticks;
    const last = sub.last;
    const id = sub.reqId;
    if (sub.sides === 'last-only') {
      if (q.last !== last.last) this.s.send(tickPrice(id, t.last, q.last, 0));
      if (q.high !== last.high) this.s.send(tickPrice(id, t.high, q.high, 0));
      if (q.low !== last.low) this.s.send(tickPrice(id, t.low, q.low, 0));
      if (q.open !== last.open) this.s.send(tickPrice(id, t.open, q.open, 0));
      if (q.close !== last.close) this.s.send(tickPrice(id, t.close, q.close, 0));
      sub.last = { ...q };
      return;
    }
    if (sub.sides === 'quotes-only') {
      // Forex trades are not reported: quotes, the day's range and the close only.
      Object.assign(last, { last: q.last, lastSize: q.lastSize, volume: q.volume });
    }
    if (q.bid !== last.bid || q.bidSize !== last.bidSize) {
      this.s.send(tickPrice(id, t.bid, q.bid, q.bidSize));
      // The client never derives a size from a live bid (BID_SIZE is tick 0 and it tests `if (sizeTickType)`).
      if (t === LIVE) this.s.send(tickSize(id, t.bidSize, q.bidSize));
    }
    if (q.ask !== last.ask || q.askSize !== last.askSize) this.s.send(tickPrice(id, t.ask, q.ask, q.askSize));
    if (q.last !== last.last || q.lastSize !== last.lastSize) {
      this.s.send(tickPrice(id, t.last, q.last, q.lastSize));
      this.s.send(tickString(id, t.lastTimestamp, String(Math.floor(q.time / 1000))));
    }
    if (q.volume !== last.volume) this.s.send(tickSize(id, t.volume, q.volume));
    if (q.high !== last.high) this.s.send(tickPrice(id, t.high, q.high, 0));
    if (q.low !== last.low) this.s.send(tickPrice(id, t.low, q.low, 0));
    if (q.open !== last.open) this.s.send(tickPrice(id, t.open, q.open, 0));
    if (q.close !== last.close) this.s.send(tickPrice(id, t.close, q.close, 0));
    sub.last = { ...q };
  }
}
