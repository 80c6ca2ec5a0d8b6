import type { FieldReader } from '../fields';

export interface CancelOrder { kind: 'cancelOrder'; orderId: number; manualOrderCancelTime?: string; extOperator?: string; manualOrderIndicator?: number }

/** CANCEL_ORDER at 193: no version (CME_TAGGING_FIELDS), no RFQ fields (UNDO_RFQ_FIELDS). */
export function parseCancelOrder(r: FieldReader): CancelOrder {
  const orderId = r.int('orderId');
  const manualOrderCancelTime = r.optStr('manualOrderCancelTime');
  const extOperator = r.optStr('extOperator');
  const manualOrderIndicator = r.optInt('manualOrderIndicator');
  return { kind: 'cancelOrder', orderId, manualOrderCancelTime, extOperator, manualOrderIndicator };
}

export function parseReqGlobalCancel(r: FieldReader): { kind: 'reqGlobalCancel'; extOperator?: string; manualOrderIndicator?: number } {
  const extOperator = r.optStr('extOperator');
  const manualOrderIndicator = r.optInt('manualOrderIndicator');
  return { kind: 'reqGlobalCancel', extOperator, manualOrderIndicator };
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
