import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';

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
