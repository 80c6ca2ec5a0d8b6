// Market depth derived from an instrument's quote: the touch is the quote
// itself, deeper levels step away one tick each with sizes that refresh with
// the quote, each row attributed to one of the venues that make up SMART
// depth. Deterministic per instrument, level and quote time.
import type { Quote } from './types';

export interface DepthLevel {
  price: number;
  size: number;
  /** The venue (SMART depth's market maker) showing this row. */
  venue: string;
}

export interface DepthBook {
  bids: DepthLevel[];
  asks: DepthLevel[];
}

/** Which venues have depth for what, as reqMktDepthExchanges lists them. */
export const DEPTH_VENUES = [
  { exchange: 'ISLAND', secType: 'STK', listingExch: 'NASDAQ', serviceDataType: 'Deep2', aggGroup: 1 },
  { exchange: 'ARCA', secType: 'STK', listingExch: 'NYSE', serviceDataType: 'Deep', aggGroup: 1 },
  { exchange: 'BATS', secType: 'STK', listingExch: '', serviceDataType: 'Deep', aggGroup: 1 },
  { exchange: 'IEX', secType: 'STK', listingExch: '', serviceDataType: 'Deep', aggGroup: 1 },
  { exchange: 'NYSE', secType: 'STK', listingExch: 'NYSE', serviceDataType: 'Deep', aggGroup: 1 },
  { exchange: 'CME', secType: 'FUT', listingExch: '', serviceDataType: 'Deep', aggGroup: 2 },
  { exchange: 'NYMEX', secType: 'FUT', listingExch: '', serviceDataType: 'Deep', aggGroup: 2 },
  { exchange: 'COMEX', secType: 'FUT', listingExch: '', serviceDataType: 'Deep', aggGroup: 2 },
  { exchange: 'CBOT', secType: 'FUT', listingExch: '', serviceDataType: 'Deep', aggGroup: 2 },
  { exchange: 'IDEALPRO', secType: 'CASH', listingExch: '', serviceDataType: 'Deep', aggGroup: 4 },
  { exchange: 'PAXOS', secType: 'CRYPTO', listingExch: '', serviceDataType: 'Deep', aggGroup: 2147483647 },
  { exchange: 'IBIS', secType: 'STK', listingExch: 'IBIS', serviceDataType: 'Deep', aggGroup: 1 },
  { exchange: 'AEB', secType: 'STK', listingExch: 'AEB', serviceDataType: 'Deep', aggGroup: 1 },
  { exchange: 'LSE', secType: 'STK', listingExch: 'LSE', serviceDataType: 'Deep', aggGroup: 1 },
  { exchange: 'TSEJ', secType: 'STK', listingExch: 'TSEJ', serviceDataType: 'Deep', aggGroup: 1 },
] as const;

/** IB's book is ten rows at most for API clients on most venues. */
export const MAX_DEPTH_ROWS = 10;

function mix(a: number, b: number, c: number): number {
  let h = (a * 0x9e3779b1) ^ (b * 0x85ebca77) ^ (c * 0xc2b2ae3d);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export function depthBook(conId: number, q: Quote, tick: number, lot: number, venues: readonly string[], rows: number, round: (p: number) => number): DepthBook {
  const n = Math.max(1, Math.min(MAX_DEPTH_ROWS, rows));
  const stamp = Math.floor(q.time / 1000);
  const side = (touch: number, touchSize: number, dir: -1 | 1, salt: number): DepthLevel[] => {
    const out: DepthLevel[] = [];
    for (let k = 0; k < n; k++) {
      const h = mix(conId, k * 2 + salt, stamp);
      const price = round(touch + dir * k * tick);
      if (price <= 0) break;
      out.push({ price, size: k === 0 ? touchSize : lot * (1 + (h % 12)), venue: venues[(h >>> 8) % venues.length]! });
    }
    return out;
  };
  return { bids: side(q.bid, q.bidSize, -1, 0), asks: side(q.ask, q.askSize, 1, 1) };
}
