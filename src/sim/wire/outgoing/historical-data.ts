import type { Bar } from '@stoqey/ib';
import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';
import { V } from '../versions';

/**
 * HISTORICAL_DATA: one message with every bar. Before SYNT_REALTIME_BARS it
 * carries version 3 and a (deprecated) hasGaps flag per bar.
 */
export function historicalData(v: number, reqId: number, startDate: string, endDate: string, bars: readonly Bar[]): string[] {
  const old = v < V.SYNT_REALTIME_BARS;
  const w = new FieldWriter().int(ToClient.HISTORICAL_DATA);
  if (old) w.int(3);
  w.int(reqId).str(startDate).str(endDate).int(bars.length);
  for (const b of bars) {
    w.str(b.time).double(b.open).double(b.high).double(b.low).double(b.close).decimal(b.volume).decimal(b.WAP);
    if (old) w.bool(false);
    w.int(b.count ?? 0);
  }
  return w.fields;
}
