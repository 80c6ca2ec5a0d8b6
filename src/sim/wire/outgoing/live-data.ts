// Live data beyond top-of-book, as TWS writes it: tick-by-tick prints and
// quotes, five-second bars, depth rows (plain and with the market maker or
// venue of SMART depth), and the list of venues that have depth.
import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';
import { V } from '../versions';

/** TICK_BY_TICK type 1 (Last) or 2 (AllLast): time, price, size, attribute mask, exchange, special conditions. */
export function tickByTickLast(reqId: number, type: 1 | 2, time: number, price: number, size: number, exchange: string): string[] {
  return new FieldWriter().int(ToClient.TICK_BY_TICK).int(reqId).int(type).str(String(time))
    .double(price).decimal(size).int(0).str(exchange).str('').fields;
}

/** TICK_BY_TICK type 3 (BidAsk): bid, ask, their sizes and the attribute mask. */
export function tickByTickBidAsk(reqId: number, time: number, bid: number, ask: number, bidSize: number, askSize: number): string[] {
  return new FieldWriter().int(ToClient.TICK_BY_TICK).int(reqId).int(3).str(String(time))
    .double(bid).double(ask).decimal(bidSize).decimal(askSize).int(0).fields;
}

/** TICK_BY_TICK type 4 (MidPoint). */
export function tickByTickMidPoint(reqId: number, time: number, mid: number): string[] {
  return new FieldWriter().int(ToClient.TICK_BY_TICK).int(reqId).int(4).str(String(time)).double(mid).fields;
}

export interface RealTimeBar {
  /** Epoch seconds of the bar's start. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  wap: number;
  count: number;
}

/** REAL_TIME_BARS version 3. */
export function realTimeBar(reqId: number, b: RealTimeBar): string[] {
  return new FieldWriter().int(ToClient.REAL_TIME_BARS).int(3).int(reqId).int(b.time)
    .double(b.open).double(b.high).double(b.low).double(b.close).decimal(b.volume).decimal(b.wap).int(b.count).fields;
}

/** Depth operations: insert, update, delete; sides: 0 ask, 1 bid. */
export type DepthOperation = 0 | 1 | 2;
export type DepthSide = 0 | 1;

/** MARKET_DEPTH version 1: one row of an exchange's book. */
export function marketDepth(reqId: number, position: number, operation: DepthOperation, side: DepthSide, price: number, size: number): string[] {
  return new FieldWriter().int(ToClient.MARKET_DEPTH).int(1).int(reqId).int(position).int(operation).int(side).double(price).decimal(size).fields;
}

/** MARKET_DEPTH_L2 version 1: a row with its market maker (SMART depth: the venue), isSmartDepth from SMART_DEPTH on. */
export function marketDepthL2(v: number, reqId: number, position: number, marketMaker: string, operation: DepthOperation, side: DepthSide, price: number, size: number, isSmartDepth: boolean): string[] {
  const w = new FieldWriter().int(ToClient.MARKET_DEPTH_L2).int(1).int(reqId).int(position).str(marketMaker).int(operation).int(side).double(price).decimal(size);
  if (v >= V.SMART_DEPTH) w.bool(isSmartDepth);
  return w.fields;
}

export interface DepthVenue {
  exchange: string;
  secType: string;
  listingExch: string;
  /** "Deep" (one book) or "Deep2" (by market maker). */
  serviceDataType: 'Deep' | 'Deep2';
  aggGroup: number | undefined;
}

/** MKT_DEPTH_EXCHANGES (no version field): before SERVICE_DATA_TYPE only exchange, secType and an isL2 flag. */
export function mktDepthExchanges(v: number, venues: readonly DepthVenue[]): string[] {
  const w = new FieldWriter().int(ToClient.MKT_DEPTH_EXCHANGES).int(venues.length);
  for (const d of venues) {
    if (v >= V.SERVICE_DATA_TYPE) w.str(d.exchange).str(d.secType).str(d.listingExch).str(d.serviceDataType).int(d.aggGroup);
    else w.str(d.exchange).str(d.secType).bool(d.serviceDataType === 'Deep2');
  }
  return w.fields;
}
