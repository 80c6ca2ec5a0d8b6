// Tick-by-tick, real-time bars and market depth through the real client over
// TCP, at the top version and as an older client (v157, v176, v178) would ask:
// each stream follows the simulated market and decodes without an error.
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventName, SecType, TickByTickDataType, WhatToShow, type Contract, type DepthMktDataDescription } from '@stoqey/ib';
import { advanceUntil, record, startHarness, until, type Harness } from './support';

const api = createRequire(import.meta.url)('@stoqey/ib/dist/api/api') as { MAX_SUPPORTED_SERVER_VERSION: number };
const ceiling = api.MAX_SUPPORTED_SERVER_VERSION;
const aapl: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const eur: Contract = { symbol: 'EUR', secType: SecType.CASH, exchange: 'IDEALPRO', currency: 'USD' };

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => {
  api.MAX_SUPPORTED_SERVER_VERSION = ceiling;
  await h.close();
});

describe.each([193, 178, 176, 157])('live data at v%i', (version) => {
  it('tick-by-tick prints and quotes follow the market', async () => {
    api.MAX_SUPPORTED_SERVER_VERSION = version;
    const ib = await h.connect(31);
    const errors = record<[Error, number, number]>(ib, EventName.error);
    const prints = record<[number, number, string, number, number]>(ib, EventName.tickByTickAllLast);
    const quotes = record<[number, string, number, number, number, number]>(ib, EventName.tickByTickBidAsk);
    const mids = record<[number, string, number]>(ib, EventName.tickByTickMidPoint);
    ib.reqTickByTickData(1, aapl, TickByTickDataType.AllLast, 5, false);
    ib.reqTickByTickData(2, aapl, TickByTickDataType.BidAsk, 0, true);
    ib.reqTickByTickData(3, eur, TickByTickDataType.MidPoint, 0, false);
    // The five latest prints come first, then the live ones.
    await until(() => prints.filter(([id]) => id === 1).length >= 5, 'the recent prints');
    const n = prints.length;
    await advanceUntil(h.clock, 250, () => prints.length > n + 2 && quotes.length > 2 && mids.length > 2, 'live prints, quotes and midpoints');
    const aaplQuote = h.sim.engine.quote(265598);
    const [, type, , price, size] = prints.at(-1)!;
    expect(type).toBe(2);
    expect(price).toBeGreaterThan(aaplQuote.last * 0.9);
    expect(size).toBeGreaterThan(0);
    const [, , bid, ask] = quotes.at(-1)!;
    expect(ask).toBeGreaterThan(bid);
    expect(mids.at(-1)![2]).toBeGreaterThan(0.9);
    // Cancelled lines go quiet.
    let cancels = 0;
    h.sim.on('request', (e) => { if (e.messageId === 98) cancels++; });
    ib.cancelTickByTickData(1);
    ib.cancelTickByTickData(2);
    ib.cancelTickByTickData(3);
    await until(() => cancels === 3, 'the sim to read the cancels');
    const total = prints.length + quotes.length + mids.length;
    await advanceUntil(h.clock, 250, () => h.sim.engine.quote(265598).time > aaplQuote.time + 2000, 'the market to move on');
    expect(prints.length + quotes.length + mids.length).toBe(total);
    expect(errors.filter(([, code]) => code === 505 || code === 321)).toEqual([]);
  });

  it('five-second real-time bars: one per period, stamped with its start, within the market\'s range', async () => {
    api.MAX_SUPPORTED_SERVER_VERSION = version;
    const ib = await h.connect(32);
    const errors = record<[Error, number, number]>(ib, EventName.error);
    const bars = record<[number, number, number, number, number, number, number, number, number]>(ib, EventName.realtimeBar);
    ib.reqRealTimeBars(5, aapl, 5, WhatToShow.TRADES, true);
    ib.reqRealTimeBars(6, eur, 5, WhatToShow.MIDPOINT, false);
    await advanceUntil(h.clock, 500, () => bars.filter(([id]) => id === 5).length >= 3 && bars.some(([id]) => id === 6), 'three bars');
    const mine = bars.filter(([id]) => id === 5);
    for (const [, time, open, high, low, close, volume, , count] of mine) {
      expect(time % 5).toBe(0);
      expect(high).toBeGreaterThanOrEqual(Math.max(open, close));
      expect(low).toBeLessThanOrEqual(Math.min(open, close));
      expect(volume).toBeGreaterThanOrEqual(0);
      expect(count).toBeGreaterThanOrEqual(0);
    }
    expect(mine[1]![1] - mine[0]![1]).toBe(5);
    expect(mine.some(([, , , , , , volume]) => volume > 0)).toBe(true);
    ib.cancelRealTimeBars(5);
    ib.cancelRealTimeBars(6);
    expect(errors.filter(([, code]) => code === 505 || code === 321)).toEqual([]);
  });

  it('market depth: SMART depth rows by venue, a future\'s book, and the venues that have depth', async () => {
    api.MAX_SUPPORTED_SERVER_VERSION = version;
    const ib = await h.connect(33);
    const errors = record<[Error, number, number]>(ib, EventName.error);
    const l2 = record<[number, number, string, number, number, number, number, boolean | undefined]>(ib, EventName.updateMktDepthL2);
    const l1 = record<[number, number, number, number, number, number]>(ib, EventName.updateMktDepth);
    const venues = record<[DepthMktDataDescription[]]>(ib, EventName.mktDepthExchanges);
    ib.reqMktDepthExchanges();
    await until(() => venues.length === 1, 'the depth venues');
    expect(venues[0]![0].map((d) => d.exchange)).toEqual(expect.arrayContaining(['ISLAND', 'CME', 'IDEALPRO']));

    ib.reqMktDepth(7, aapl, 5, true);
    await until(() => l2.filter(([id, , , op]) => id === 7 && op === 0).length === 10, 'five rows a side');
    const q = h.sim.engine.quote(265598);
    const bids = l2.filter(([id, , , op, side]) => id === 7 && op === 0 && side === 1).sort((a, b) => a[1] - b[1]);
    const asks = l2.filter(([id, , , op, side]) => id === 7 && op === 0 && side === 0).sort((a, b) => a[1] - b[1]);
    expect(bids[0]![5]).toBe(q.bid);
    expect(asks[0]![5]).toBe(q.ask);
    expect(bids.every((b, i) => i === 0 || b[5] < bids[i - 1]![5])).toBe(true);
    expect(bids.every(([, , mm]) => mm.length > 0)).toBe(true);
    expect(bids[0]![7]).toBe(version >= 146 ? true : undefined);

    const es = h.sim.engine.resolve({ symbol: 'ES', secType: 'CONTFUT' as SecType, exchange: 'CME' })!.contract;
    ib.reqMktDepth(8, { conId: es.conId, exchange: 'CME' }, 3, false);
    await until(() => l1.filter(([id, , op]) => id === 8 && op === 0).length === 6, 'the ES book');
    const n = l1.length + l2.length;
    await advanceUntil(h.clock, 250, () => l1.length + l2.length > n && l2.some(([id, , , op]) => id === 7 && op === 1), 'updates as the market moves');
    ib.cancelMktDepth(7, true);
    ib.cancelMktDepth(8, false);

    // Indices have no book.
    const refused = record<[Error, number, number]>(ib, EventName.error);
    ib.reqMktDepth(9, { symbol: 'SPX', secType: SecType.IND, exchange: 'CBOE', currency: 'USD' }, 5, false);
    await until(() => refused.some(([, code, id]) => id === 9 && code === 10092), 'the index refused');
    expect(errors.filter(([, code]) => code === 505)).toEqual([]);
  });
});
