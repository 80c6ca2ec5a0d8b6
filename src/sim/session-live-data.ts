// Live data beyond the top-of-book line for one session: tick-by-tick
// streams, five-second real-time bars and market depth, each driven by the
// engine's ticks of the instrument (an option's by its underlying's) and
// keeping the instrument's market walking while it is watched.
import type { Quote } from './engine';
import type { DepthLevel } from './engine/depth';
import type { SessionContext } from './session';
import { NO_SECURITY } from './session-market-data';
import type { ClientRequest } from './wire/incoming';
import {
  marketDepth, marketDepthL2, mktDepthExchanges, realTimeBar, tickByTickBidAsk, tickByTickLast, tickByTickMidPoint,
  type DepthOperation, type DepthSide,
} from './wire/outgoing/live-data';
import { SimCode } from './wire/ib-codes';
import { V } from './wire/versions';

type LiveRequest = Extract<ClientRequest, { kind: 'reqTickByTickData' | 'cancelTickByTickData' | 'reqRealTimeBars' | 'cancelRealTimeBars' | 'reqMktDepth' | 'cancelMktDepth' | 'reqMktDepthExchanges' }>;

const BAR_SECONDS = 5;
const TBT_TYPES = new Set(['Last', 'AllLast', 'BidAsk', 'MidPoint']);
const BAR_SOURCES = new Set(['TRADES', 'MIDPOINT', 'BID', 'ASK']);

interface Line {
  reqId: number;
  conId: number;
  drivenBy: number;
  unwatch: () => void;
  onQuote(q: Quote): void;
  stop?(): void;
  /** Sends only the latest state (depth): while the client is behind it waits and catches up once. */
  conflates?: boolean;
}

export class LiveData {
  private readonly lines = new Map<string, Line>();
  private readonly byDriver = new Map<number, Set<Line>>();
  private readonly unsubscribeTicks: () => void;
  private readonly stale = new Set<Line>();

  constructor(private readonly s: SessionContext) {
    this.unsubscribeTicks = s.engine.on('tick', (conId: number) => this.onTick(conId));
  }

  close(): void {
    this.unsubscribeTicks();
    for (const key of [...this.lines.keys()]) this.drop(key);
  }

  handle(req: LiveRequest): void {
    switch (req.kind) {
      case 'reqTickByTickData':
        return this.tickByTick(req);
      case 'cancelTickByTickData':
        return this.drop(`tbt:${req.reqId}`);
      case 'reqRealTimeBars':
        return this.realTimeBars(req);
      case 'cancelRealTimeBars':
        return this.drop(`rtb:${req.reqId}`);
      case 'reqMktDepth':
        return this.depth(req);
      case 'cancelMktDepth':
        return this.drop(`dom:${req.reqId}`);
      case 'reqMktDepthExchanges':
        this.s.send(mktDepthExchanges(this.s.version, this.s.engine.depthVenues().map((d) => ({ ...d }))));
        return;
    }
  }

  /** The conId a contract resolves to and the one whose ticks move it, or undefined after answering 200. */
  private resolve(reqId: number, contract: Parameters<SessionContext['engine']['resolve']>[0]): { conId: number; drivenBy: number; secType: string; venue: string } | undefined {
    const d = this.s.engine.resolve(contract);
    const conId = d?.contract.conId;
    if (!d || conId === undefined) {
      this.s.error(reqId, SimCode.NO_SECURITY_DEFINITION, NO_SECURITY);
      return undefined;
    }
    const venue = d.contract.primaryExch || d.contract.exchange || '';
    return { conId, drivenBy: this.s.engine.optionUnderlying(conId) ?? conId, secType: String(d.contract.secType), venue: venue === 'SMART' ? '' : venue };
  }

  private add(key: string, line: Line): void {
    this.drop(key);
    this.lines.set(key, line);
    let set = this.byDriver.get(line.drivenBy);
    if (!set) this.byDriver.set(line.drivenBy, (set = new Set()));
    set.add(line);
  }

  private drop(key: string): void {
    const line = this.lines.get(key);
    if (!line) return;
    line.unwatch();
    line.stop?.();
    this.lines.delete(key);
    this.stale.delete(line);
    this.byDriver.get(line.drivenBy)?.delete(line);
  }

  private onTick(conId: number): void {
    if (this.s.faults.connectivityLost) return;
    const set = this.byDriver.get(conId);
    if (!set) return;
    for (const line of set) {
      if (line.conflates && this.s.congested()) {
        if (this.stale.size === 0) this.s.whenDrained(() => this.catchUp());
        this.stale.add(line);
        continue;
      }
      line.onQuote(this.s.engine.quote(line.conId));
    }
  }

  private catchUp(): void {
    const lines = [...this.stale];
    this.stale.clear();
    for (const line of lines) if (this.byDriver.get(line.drivenBy)?.has(line)) line.onQuote(this.s.engine.quote(line.conId));
  }

  private tickByTick(req: Extract<LiveRequest, { kind: 'reqTickByTickData' }>): void {
    const s = this.s;
    if (s.version < V.TICK_BY_TICK) return s.error(req.reqId, SimCode.TICK_BY_TICK_UNSUPPORTED, 'Tick-by-tick data requires a newer API version');
    if (!TBT_TYPES.has(req.tickType)) return s.error(req.reqId, SimCode.REQUEST_INVALID, `Error validating request.-'ut' : cause - Invalid tick type: ${req.tickType}`);
    const r = this.resolve(req.reqId, req.contract);
    if (!r) return;
    const trades = req.tickType === 'Last' || req.tickType === 'AllLast';
    if (trades && r.secType === 'CASH') return s.error(req.reqId, SimCode.TICK_BY_TICK_FAILED, 'Failed to request tick-by-tick data:No trades are reported for forex; ask for BidAsk or MidPoint');
    const exchange = r.venue;
    const type = req.tickType === 'Last' ? 1 : 2;
    if (trades && req.numberOfTicks > 0) {
      // The latest prints first, through the same callback, as TWS does when numberOfTicks is set.
      let past: { time: number; price: number; size: number; exchange: string }[] = [];
      try {
        past = s.engine.historicalTicks(r.conId, { startDateTime: '', endDateTime: '', numberOfTicks: req.numberOfTicks, whatToShow: 'TRADES', useRth: false });
      } catch {
        // No print history (an option): the live stream alone.
      }
      for (const t of past) s.send(tickByTickLast(req.reqId, type, t.time, t.price, t.size, t.exchange));
    }
    const seen: Partial<Quote> = { ...s.engine.quote(r.conId) };
    const secs = (q: Quote): number => Math.floor((q.time || s.clock.now()) / 1000);
    this.add(`tbt:${req.reqId}`, {
      reqId: req.reqId, conId: r.conId, drivenBy: r.drivenBy, unwatch: s.engine.watch(r.drivenBy),
      onQuote: (q) => {
        if (trades) {
          if (q.volume !== seen.volume || (q.time !== seen.time && q.last !== seen.last)) s.send(tickByTickLast(req.reqId, type, secs(q), q.last, q.lastSize, exchange));
        } else if (req.tickType === 'BidAsk') {
          const priceMoved = q.bid !== seen.bid || q.ask !== seen.ask;
          const sizeMoved = q.bidSize !== seen.bidSize || q.askSize !== seen.askSize;
          if (priceMoved || (!req.ignoreSize && sizeMoved)) s.send(tickByTickBidAsk(req.reqId, secs(q), q.bid, q.ask, q.bidSize, q.askSize));
        } else if ((q.bid + q.ask) / 2 !== ((seen.bid ?? 0) + (seen.ask ?? 0)) / 2) {
          s.send(tickByTickMidPoint(req.reqId, secs(q), Math.round(((q.bid + q.ask) / 2) * 1e8) / 1e8));
        }
        Object.assign(seen, q);
      },
    });
  }

  private realTimeBars(req: Extract<LiveRequest, { kind: 'reqRealTimeBars' }>): void {
    const s = this.s;
    const what = req.whatToShow.toUpperCase();
    if (!BAR_SOURCES.has(what)) return s.error(req.reqId, SimCode.REQUEST_INVALID, `Error validating request.-'bQ' : cause - Invalid whatToShow: ${req.whatToShow}`);
    const r = this.resolve(req.reqId, req.contract);
    if (!r) return;
    if (what === 'TRADES' && r.secType === 'CASH') return s.error(req.reqId, SimCode.REALTIME_QUERY_INVALID, 'Invalid Real-time Query:No trades for forex; use MIDPOINT, BID or ASK');
    const value = (q: Quote): number => (what === 'BID' ? q.bid : what === 'ASK' ? q.ask : what === 'MIDPOINT' ? (q.bid + q.ask) / 2 : q.last);
    const first = s.engine.quote(r.conId);
    let lastVolume = first.volume;
    let close = value(first);
    let bar = { open: Number.NaN, high: -Infinity, low: Infinity, volume: 0, notional: 0, count: 0 };
    const take = (price: number, size: number): void => {
      if (Number.isNaN(bar.open)) bar.open = price;
      bar.high = Math.max(bar.high, price);
      bar.low = Math.min(bar.low, price);
      close = price;
      if (size > 0) {
        bar.volume += size;
        bar.notional += size * price;
        bar.count += 1;
      }
    };
    // Bars close on the sim clock's five-second boundaries, stamped with their start.
    const period = BAR_SECONDS * 1000;
    let start = Math.floor(s.clock.now() / period) * period;
    let cancelTimer: (() => void) | undefined;
    const flush = (): void => {
      const empty = Number.isNaN(bar.open);
      s.send(realTimeBar(req.reqId, {
        time: start / 1000, open: empty ? close : bar.open, high: empty ? close : bar.high, low: empty ? close : bar.low, close,
        volume: bar.volume, wap: bar.volume > 0 ? Math.round((bar.notional / bar.volume) * 1e6) / 1e6 : close, count: bar.count,
      }));
      bar = { open: Number.NaN, high: -Infinity, low: Infinity, volume: 0, notional: 0, count: 0 };
      start += period;
      cancelTimer = s.clock.schedule(start + period, flush);
    };
    cancelTimer = s.clock.schedule(start + period, flush);
    this.add(`rtb:${req.reqId}`, {
      reqId: req.reqId, conId: r.conId, drivenBy: r.drivenBy, unwatch: s.engine.watch(r.drivenBy),
      onQuote: (q) => {
        if (what === 'TRADES') {
          if (q.volume > lastVolume) take(q.last, q.volume - lastVolume);
          lastVolume = q.volume;
        } else {
          take(value(q), 0);
        }
      },
      stop: () => cancelTimer?.(),
    });
  }

  private depth(req: Extract<LiveRequest, { kind: 'reqMktDepth' }>): void {
    const s = this.s;
    const r = this.resolve(req.reqId, req.contract);
    if (!r) return;
    const book = () => s.engine.depth(r.conId, req.numRows);
    const initial = book();
    if ('unsupported' in initial) return s.error(req.reqId, SimCode.DEPTH_NOT_SUPPORTED, 'Deep market data is not supported for this combination of security type/exchange');
    // SMART depth (and NASDAQ's own book) names the venue or market maker of each row.
    const byVenue = req.isSmartDepth || String(req.contract.exchange ?? '').toUpperCase() === 'ISLAND';
    const row = (position: number, operation: DepthOperation, side: DepthSide, level: DepthLevel): string[] =>
      byVenue ? marketDepthL2(s.version, req.reqId, position, level.venue, operation, side, level.price, level.size, req.isSmartDepth)
        : marketDepth(req.reqId, position, operation, side, level.price, level.size);
    let shown = { bids: [] as DepthLevel[], asks: [] as DepthLevel[] };
    const publish = (next: { bids: DepthLevel[]; asks: DepthLevel[] }): void => {
      for (const [side, key] of [[1, 'bids'], [0, 'asks']] as const) {
        const before = shown[key];
        const after = next[key];
        after.forEach((level, i) => {
          const old = before[i];
          if (!old) s.send(row(i, 0, side, level));
          else if (old.price !== level.price || old.size !== level.size || old.venue !== level.venue) s.send(row(i, 1, side, level));
        });
        for (let i = before.length - 1; i >= after.length; i--) s.send(row(i, 2, side, before[i]!));
      }
      shown = next;
    };
    publish(initial);
    this.add(`dom:${req.reqId}`, {
      reqId: req.reqId, conId: r.conId, drivenBy: r.drivenBy, unwatch: s.engine.watch(r.drivenBy), conflates: true,
      onQuote: () => {
        const next = book();
        if (!('unsupported' in next)) publish(next);
      },
    });
  }
}
