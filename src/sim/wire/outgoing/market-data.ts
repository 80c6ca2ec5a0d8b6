import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';
import { V } from '../versions';

/**
 * TICK_PRICE version 6: price, size and the attribute mask. For bid, ask and
 * last (and their delayed twins) the client derives a size tick from the same
 * message, so no separate TICK_SIZE is sent for those sizes.
 */
export function tickPrice(reqId: number, tickType: number, price: number, size: number | undefined, attrMask = 0): string[] {
  return new FieldWriter().int(ToClient.TICK_PRICE).int(6).int(reqId).int(tickType).double(price).decimal(size ?? 0).int(attrMask).fields;
}

export function tickSize(reqId: number, tickType: number, size: number): string[] {
  return new FieldWriter().int(ToClient.TICK_SIZE).int(6).int(reqId).int(tickType).decimal(size).fields;
}

export function tickString(reqId: number, tickType: number, value: string): string[] {
  return new FieldWriter().int(ToClient.TICK_STRING).int(6).int(reqId).int(tickType).str(value).fields;
}

export function tickSnapshotEnd(reqId: number): string[] {
  return new FieldWriter().int(ToClient.TICK_SNAPSHOT_END).int(1).int(reqId).fields;
}

/** 1 live, 2 frozen, 3 delayed, 4 delayed-frozen. */
export function marketDataType(reqId: number, type: number): string[] {
  return new FieldWriter().int(ToClient.MARKET_DATA_TYPE).int(1).int(reqId).int(type).fields;
}

export interface OptionComputation {
  impliedVol?: number;
  delta?: number;
  optPrice?: number;
  pvDividend?: number;
  gamma?: number;
  vega?: number;
  theta?: number;
  undPrice?: number;
}

/**
 * TICK_OPTION_COMPUTATION: version 6 before PRICE_BASED_VOLATILITY, which
 * dropped it and added the tick attribute (0 return-based, 1 price-based).
 * Unknown values travel as TWS's "not computed" markers: -1 for prices and
 * implied vol, -2 for the greeks.
 */
export function tickOptionComputation(v: number, reqId: number, tickType: number, attrib: number, c: OptionComputation): string[] {
  const w = new FieldWriter().int(ToClient.TICK_OPTION_COMPUTATION);
  if (v < V.PRICE_BASED_VOLATILITY) w.int(6);
  w.int(reqId).int(tickType);
  if (v >= V.PRICE_BASED_VOLATILITY) w.int(attrib);
  const or = (x: number | undefined, missing: number): number => (x === undefined || !Number.isFinite(x) ? missing : x);
  w.double(or(c.impliedVol, -1)).double(or(c.delta, -2)).double(or(c.optPrice, -1)).double(or(c.pvDividend, -1))
    .double(or(c.gamma, -2)).double(or(c.vega, -2)).double(or(c.theta, -2)).double(or(c.undPrice, -1));
  return w.fields;
}
