import type { FieldReader } from '../fields';
import { V } from '../versions';

export interface CancelOrder { kind: 'cancelOrder'; orderId: number; manualOrderCancelTime?: string; extOperator?: string; manualOrderIndicator?: number }

/**
 * CANCEL_ORDER: version 1 until CME_TAGGING_FIELDS replaced it with extOperator and
 * manualOrderIndicator; manualOrderCancelTime from MANUAL_ORDER_TIME; three RFQ fields
 * between RFQ_FIELDS and UNDO_RFQ_FIELDS.
 */
export function parseCancelOrder(r: FieldReader, v: number): CancelOrder {
  if (v < V.CME_TAGGING_FIELDS) r.int('version');
  const orderId = r.int('orderId');
  const out: CancelOrder = { kind: 'cancelOrder', orderId };
  if (v >= V.MANUAL_ORDER_TIME) out.manualOrderCancelTime = r.optStr('manualOrderCancelTime');
  if (v >= V.RFQ_FIELDS && v < V.UNDO_RFQ_FIELDS) {
    r.str('rfq 1');
    r.str('rfq 2');
    r.str('rfq 3');
  }
  if (v >= V.CME_TAGGING_FIELDS) {
    out.extOperator = r.optStr('extOperator');
    out.manualOrderIndicator = r.optInt('manualOrderIndicator');
  }
  return out;
}

export function parseReqGlobalCancel(r: FieldReader, v: number): { kind: 'reqGlobalCancel'; extOperator?: string; manualOrderIndicator?: number } {
  if (v < V.CME_TAGGING_FIELDS) {
    r.int('version');
    return { kind: 'reqGlobalCancel' };
  }
  const extOperator = r.optStr('extOperator');
  const manualOrderIndicator = r.optInt('manualOrderIndicator');
  return { kind: 'reqGlobalCancel', extOperator, manualOrderIndicator };
}

export function parseReqCompletedOrders(r: FieldReader): { kind: 'reqCompletedOrders'; apiOnly: boolean } {
  return { kind: 'reqCompletedOrders', apiOnly: r.bool('apiOnly') };
}

export function parseReqOpenOrders(r: FieldReader): { kind: 'reqOpenOrders' } {
  r.int('version');
  return { kind: 'reqOpenOrders' };
}

export function parseReqAllOpenOrders(r: FieldReader): { kind: 'reqAllOpenOrders' } {
  r.int('version');
  return { kind: 'reqAllOpenOrders' };
}

export function parseReqAutoOpenOrders(r: FieldReader): { kind: 'reqAutoOpenOrders'; autoBind: boolean } {
  r.int('version');
  return { kind: 'reqAutoOpenOrders', autoBind: r.bool('autoBind') };
}

export interface ExecutionQuery {
  clientId?: number; account?: string; time?: string; symbol?: string; secType?: string; exchange?: string; side?: string;
}

export interface ReqExecutions { kind: 'reqExecutions'; reqId: number; filter: ExecutionQuery }

/** REQ_EXECUTIONS version 3; empty filter fields mean "any". */
export function parseReqExecutions(r: FieldReader): ReqExecutions {
  r.int('version');
  const reqId = r.int('reqId');
  const filter: ExecutionQuery = {};
  const clientId = r.optInt('clientId');
  if (clientId !== undefined) filter.clientId = clientId;
  const fields = ['account', 'time', 'symbol', 'secType', 'exchange', 'side'] as const;
  for (const f of fields) {
    const v = r.optStr(f);
    if (v !== undefined) filter[f] = v;
  }
  return { kind: 'reqExecutions', reqId, filter };
}
