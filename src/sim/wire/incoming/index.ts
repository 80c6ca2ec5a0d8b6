import { FieldReader } from '../fields';
import { FromClient } from '../message-ids';
import * as account from './account';
import { parseReqContractDetails } from './contract-details';
import { parseCancelHistoricalData, parseReqHistoricalData } from './historical-data';
import { parseCancelMktData, parseReqMarketDataType, parseReqMktData } from './market-data';
import * as orders from './orders';
import { parsePlaceOrder, type PlaceOrderRequest } from './place-order';
import * as session from './session';

export type { PlaceOrderRequest } from './place-order';
export type { ExecutionQuery } from './orders';

type Parsed<F> = F extends (r: FieldReader) => infer R ? R : never;

export type ClientRequest =
  | ({ kind: 'placeOrder' } & PlaceOrderRequest)
  | Parsed<typeof parseReqMktData>
  | Parsed<typeof parseCancelMktData>
  | Parsed<typeof parseReqMarketDataType>
  | Parsed<typeof parseReqContractDetails>
  | Parsed<typeof parseReqHistoricalData>
  | Parsed<typeof parseCancelHistoricalData>
  | Parsed<typeof account.parseReqPositions>
  | Parsed<typeof account.parseCancelPositions>
  | Parsed<typeof account.parseReqAccountSummary>
  | Parsed<typeof account.parseCancelAccountSummary>
  | Parsed<typeof account.parseReqAccountUpdates>
  | Parsed<typeof account.parseReqPnL>
  | Parsed<typeof account.parseCancelPnL>
  | Parsed<typeof account.parseReqPnLSingle>
  | Parsed<typeof account.parseCancelPnLSingle>
  | Parsed<typeof orders.parseCancelOrder>
  | Parsed<typeof orders.parseReqGlobalCancel>
  | Parsed<typeof orders.parseReqOpenOrders>
  | Parsed<typeof orders.parseReqAllOpenOrders>
  | Parsed<typeof orders.parseReqAutoOpenOrders>
  | Parsed<typeof orders.parseReqExecutions>
  | Parsed<typeof session.parseStartApi>
  | Parsed<typeof session.parseReqIds>
  | Parsed<typeof session.parseReqManagedAccts>
  | Parsed<typeof session.parseReqCurrentTime>;

const parsers: Record<number, (r: FieldReader) => ClientRequest> = {
  [FromClient.PLACE_ORDER]: (r) => ({ kind: 'placeOrder', ...parsePlaceOrder(r) }),
  [FromClient.REQ_MKT_DATA]: parseReqMktData,
  [FromClient.CANCEL_MKT_DATA]: parseCancelMktData,
  [FromClient.REQ_MARKET_DATA_TYPE]: parseReqMarketDataType,
  [FromClient.REQ_CONTRACT_DATA]: parseReqContractDetails,
  [FromClient.REQ_HISTORICAL_DATA]: parseReqHistoricalData,
  [FromClient.CANCEL_HISTORICAL_DATA]: parseCancelHistoricalData,
  [FromClient.REQ_POSITIONS]: account.parseReqPositions,
  [FromClient.CANCEL_POSITIONS]: account.parseCancelPositions,
  [FromClient.REQ_ACCOUNT_SUMMARY]: account.parseReqAccountSummary,
  [FromClient.CANCEL_ACCOUNT_SUMMARY]: account.parseCancelAccountSummary,
  [FromClient.REQ_ACCOUNT_DATA]: account.parseReqAccountUpdates,
  [FromClient.REQ_PNL]: account.parseReqPnL,
  [FromClient.CANCEL_PNL]: account.parseCancelPnL,
  [FromClient.REQ_PNL_SINGLE]: account.parseReqPnLSingle,
  [FromClient.CANCEL_PNL_SINGLE]: account.parseCancelPnLSingle,
  [FromClient.CANCEL_ORDER]: orders.parseCancelOrder,
  [FromClient.REQ_GLOBAL_CANCEL]: orders.parseReqGlobalCancel,
  [FromClient.REQ_OPEN_ORDERS]: orders.parseReqOpenOrders,
  [FromClient.REQ_ALL_OPEN_ORDERS]: orders.parseReqAllOpenOrders,
  [FromClient.REQ_AUTO_OPEN_ORDERS]: orders.parseReqAutoOpenOrders,
  [FromClient.REQ_EXECUTIONS]: orders.parseReqExecutions,
  [FromClient.START_API]: session.parseStartApi,
  [FromClient.REQ_IDS]: session.parseReqIds,
  [FromClient.REQ_MANAGED_ACCTS]: session.parseReqManagedAccts,
  [FromClient.REQ_CURRENT_TIME]: session.parseReqCurrentTime,
};

export type ParseOutcome =
  | { ok: true; request: ClientRequest }
  | { ok: false; messageId: number; reason: 'unknown-message' | 'malformed'; detail: string };

/**
 * Parses one client message (its fields, message id first). Every field must
 * be consumed: a leftover or missing field means we and the client disagree
 * on the layout, which for an order is not something to guess about.
 */
export function parseClientMessage(fields: readonly string[]): ParseOutcome {
  const messageId = Number.parseInt(fields[0] ?? '', 10);
  const parse = Number.isNaN(messageId) ? undefined : parsers[messageId];
  if (!parse) return { ok: false, messageId: Number.isNaN(messageId) ? -1 : messageId, reason: 'unknown-message', detail: `unsupported message id ${fields[0] ?? '(none)'}` };
  const r = new FieldReader(fields, 1);
  try {
    const request = parse(r);
    r.end();
    return { ok: true, request };
  } catch (e) {
    return { ok: false, messageId, reason: 'malformed', detail: (e as Error).message };
  }
}
