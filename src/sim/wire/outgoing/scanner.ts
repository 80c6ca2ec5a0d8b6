import type { Contract } from '@stoqey/ib';
import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';

export function scannerParameters(xml: string): string[] {
  return new FieldWriter().int(ToClient.SCANNER_PARAMETERS).int(1).str(xml).fields;
}

export interface ScannerRow { rank: number; contract: Contract; marketName: string }

/** SCANNER_DATA version 3: every row of one scan, then the client emits scannerDataEnd. */
export function scannerData(reqId: number, rows: readonly ScannerRow[]): string[] {
  const w = new FieldWriter().int(ToClient.SCANNER_DATA).int(3).int(reqId).int(rows.length);
  for (const r of rows) {
    const c = r.contract;
    w.int(r.rank).int(c.conId).str(c.symbol).str(c.secType).str(c.lastTradeDateOrContractMonth)
      .double(c.strike ?? 0).str(c.right).str(c.exchange).str(c.currency).str(c.localSymbol)
      .str(r.marketName).str(c.tradingClass).str('').str('').str('').str('');
  }
  return w.fields;
}
