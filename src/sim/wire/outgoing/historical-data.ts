import type { Bar } from '@stoqey/ib';
import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';

/** HISTORICAL_DATA at 193: one message with every bar; no version, no hasGaps. */
export function historicalData(reqId: number, startDate: string, endDate: string, bars: readonly Bar[]): string[] {
  const w = new FieldWriter().int(ToClient.HISTORICAL_DATA).int(reqId).str(startDate).str(endDate).int(bars.length);
  for (const b of bars) {
    w.str(b.time).double(b.open).double(b.high).double(b.low).double(b.close)
      .decimal(b.volume).decimal(b.WAP).int(b.count ?? 0);
  }
  return w.fields;
}
