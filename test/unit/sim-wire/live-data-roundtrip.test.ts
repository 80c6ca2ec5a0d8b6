// Tick-by-tick, real-time bars and market depth: what the simulator writes
// decodes cleanly in the library's own Decoder at each negotiated version,
// and what the library's Encoder writes is parsed consuming exactly all fields.
import { describe, expect, it } from 'vitest';
import { EventName, SecType, TickByTickDataType, type Contract } from '@stoqey/ib';
import { parseClientMessage, type ClientRequest } from '../../../src/sim/wire/incoming';
import {
  marketDepth, marketDepthL2, mktDepthExchanges, realTimeBar, tickByTickBidAsk, tickByTickLast, tickByTickMidPoint,
} from '../../../src/sim/wire/outgoing/live-data';
import { V } from '../../../src/sim/wire/versions';
import { decodeCleanAt, encodeWithLibrary, TEST_VERSIONS } from './library-codec';

const aapl: Contract = { conId: 265598, symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const es: Contract = { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', currency: 'USD', lastTradeDateOrContractMonth: '202612', multiplier: 50, localSymbol: 'ESZ6', tradingClass: 'ES' };

function parseAll(v: number, drive: Parameters<typeof encodeWithLibrary>[0]): ClientRequest[] {
  return encodeWithLibrary(drive, v).map((fields) => {
    const out = parseClientMessage(fields, v);
    if (!out.ok) throw new Error(`v${v} message ${fields[0]}: ${out.detail}`);
    return out.request;
  });
}

const VERSIONS = [...new Set([...TEST_VERSIONS, 137, 140, 146, 149])].sort((a, b) => a - b);

describe.each(VERSIONS)('at server version %i', (v) => {
  it('tick-by-tick prints, quotes and midpoints decode with their values', () => {
    const events = decodeCleanAt(v,
      tickByTickLast(7, 1, 1_704_294_000, 187.25, 300, 'NASDAQ'),
      tickByTickLast(7, 2, 1_704_294_001, 187.26, 0.5, 'ARCA'),
      tickByTickBidAsk(8, 1_704_294_002, 187.24, 187.26, 400, 700),
      tickByTickMidPoint(9, 1_704_294_003, 187.25),
    );
    expect(events.map((e) => e.name)).toEqual([EventName.tickByTickAllLast, EventName.tickByTickAllLast, EventName.tickByTickBidAsk, EventName.tickByTickMidPoint]);
    expect(events[0]!.args).toEqual([7, 1, '1704294000', 187.25, 300, { pastLimit: false, unreported: false }, 'NASDAQ', '']);
    expect(events[1]!.args[4]).toBe(0.5);
    expect(events[2]!.args).toEqual([8, '1704294002', 187.24, 187.26, 400, 700, { bidPastLow: false, askPastHigh: false }]);
    expect(events[3]!.args).toEqual([9, '1704294003', 187.25]);
  });

  it('a real-time bar decodes with its time, prices, volume, WAP and count', () => {
    const [e] = decodeCleanAt(v, realTimeBar(3, { time: 1_704_294_000, open: 10, high: 11, low: 9.5, close: 10.5, volume: 1200, wap: 10.25, count: 4 }));
    expect(e!.name).toBe(EventName.realtimeBar);
    expect(e!.args).toEqual([3, 1_704_294_000, 10, 11, 9.5, 10.5, 1200, 10.25, 4]);
  });

  it('depth rows decode: plain, and by market maker with the SMART flag where the client reads it', () => {
    const events = decodeCleanAt(v, marketDepth(4, 0, 0, 1, 187.24, 500), marketDepthL2(v, 5, 2, 'ARCA', 1, 0, 187.3, 200, true));
    expect(events[0]).toMatchObject({ name: EventName.updateMktDepth, args: [4, 0, 0, 1, 187.24, 500] });
    expect(events[1]!.name).toBe(EventName.updateMktDepthL2);
    expect(events[1]!.args.slice(0, 7)).toEqual([5, 2, 'ARCA', 1, 0, 187.3, 200]);
    expect(events[1]!.args[7]).toBe(v >= V.SMART_DEPTH ? true : undefined);
  });

  it('the depth venues decode, with listing exchange and service type where the version carries them', () => {
    const [e] = decodeCleanAt(v, mktDepthExchanges(v, [
      { exchange: 'ISLAND', secType: 'STK', listingExch: 'NASDAQ', serviceDataType: 'Deep2', aggGroup: 1 },
      { exchange: 'CME', secType: 'FUT', listingExch: '', serviceDataType: 'Deep', aggGroup: 2 },
    ]));
    const venues = e!.args[0] as { exchange: string; serviceDataType: string; listingExch: string }[];
    expect(venues.map((d) => [d.exchange, d.serviceDataType])).toEqual([['ISLAND', 'Deep2'], ['CME', 'Deep']]);
    if (v >= V.SERVICE_DATA_TYPE) expect(venues[0]!.listingExch).toBe('NASDAQ');
  });

  it('the library\'s live-data requests parse consuming every field', () => {
    const reqs = parseAll(v, (e) => {
      e.reqRealTimeBars(11, es, 5, 'TRADES', true, []);
      e.cancelRealTimeBars(11);
      e.reqMktDepth(12, v >= V.MKT_DEPTH_PRIM_EXCHANGE ? { ...aapl, primaryExch: 'NASDAQ' } : aapl, 5, v >= V.SMART_DEPTH, []);
      e.cancelMktDepth(12, v >= V.SMART_DEPTH);
      if (v >= V.REQ_MKT_DEPTH_EXCHANGES) e.reqMktDepthExchanges();
      if (v >= V.TICK_BY_TICK) {
        const ignore = v >= V.TICK_BY_TICK_IGNORE_SIZE;
        e.reqTickByTickData(13, aapl, TickByTickDataType.BidAsk, ignore ? 20 : 0, ignore);
        e.cancelTickByTickData(13);
      }
    });
    expect(reqs[0]).toMatchObject({ kind: 'reqRealTimeBars', reqId: 11, barSize: 5, whatToShow: 'TRADES', useRTH: true, contract: { symbol: 'ES', localSymbol: 'ESZ6', multiplier: 50 } });
    expect(reqs[1]).toEqual({ kind: 'cancelRealTimeBars', reqId: 11 });
    expect(reqs[2]).toMatchObject({ kind: 'reqMktDepth', reqId: 12, numRows: 5, isSmartDepth: v >= V.SMART_DEPTH, contract: { conId: 265598, symbol: 'AAPL', exchange: 'SMART' } });
    if (v >= V.MKT_DEPTH_PRIM_EXCHANGE) expect(reqs[2]).toMatchObject({ contract: { primaryExch: 'NASDAQ' } });
    expect(reqs[3]).toEqual({ kind: 'cancelMktDepth', reqId: 12, isSmartDepth: v >= V.SMART_DEPTH });
    let i = 4;
    if (v >= V.REQ_MKT_DEPTH_EXCHANGES) expect(reqs[i++]).toEqual({ kind: 'reqMktDepthExchanges' });
    if (v >= V.TICK_BY_TICK) {
      const ignore = v >= V.TICK_BY_TICK_IGNORE_SIZE;
      expect(reqs[i++]).toMatchObject({ kind: 'reqTickByTickData', reqId: 13, tickType: 'BidAsk', numberOfTicks: ignore ? 20 : 0, ignoreSize: ignore, contract: { conId: 265598 } });
      expect(reqs[i++]).toEqual({ kind: 'cancelTickByTickData', reqId: 13 });
    }
    expect(reqs).toHaveLength(i);
  });
});
