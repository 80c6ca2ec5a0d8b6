import type { CommissionReport, Contract, Execution } from '@stoqey/ib';
import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';
import { V } from '../versions';

/**
 * EXECUTION_DATA: version 10 before LAST_LIQUIDITY, none after; reqId -1 for
 * a live fill, the request's id for a query answer.
 */
export function executionData(v: number, reqId: number, c: Contract, e: Execution): string[] {
  const w = new FieldWriter().int(ToClient.EXECUTION_DATA);
  if (v < V.LAST_LIQUIDITY) w.int(10);
  w.int(reqId).int(e.orderId)
    .int(c.conId).str(c.symbol).str(c.secType).str(c.lastTradeDateOrContractMonth)
    .double(c.strike ?? 0).str(c.right).double(c.multiplier ?? 0).str(c.exchange).str(c.currency)
    .str(c.localSymbol).str(c.tradingClass)
    .str(e.execId).str(e.time).str(e.acctNumber).str(e.exchange).str(e.side).decimal(e.shares)
    .double(e.price).int(e.permId).int(e.clientId).int(e.liquidation ?? 0).decimal(e.cumQty)
    .double(e.avgPrice).str(e.orderRef).str(e.evRule).double(e.evMultiplier ?? 0);
  if (v >= V.MODELS_SUPPORT) w.str(e.modelCode);
  if (v >= V.LAST_LIQUIDITY) w.int(e.lastLiquidity ?? 0);
  if (v >= V.PENDING_PRICE_REVISION) w.bool(e.pendingPriceRevision);
  return w.fields;
}

export function executionDataEnd(reqId: number): string[] {
  return new FieldWriter().int(ToClient.EXECUTION_DATA_END).int(1).int(reqId).fields;
}

/** realizedPNL and yield are Double.MAX_VALUE ("none") on an opening fill, as at IB. */
export function commissionReport(r: CommissionReport): string[] {
  return new FieldWriter()
    .int(ToClient.COMMISSION_REPORT).int(1).str(r.execId).double(r.commission).str(r.currency)
    .double(r.realizedPNL).double(r.yield).int(r.yieldRedemptionDate ?? 0).fields;
}
