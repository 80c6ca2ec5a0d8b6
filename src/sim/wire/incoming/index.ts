import { FieldReader } from '../fields';
import { FromClient } from '../message-ids';
import * as account from './account';
import * as multi from './account-multi';
import { parseReqContractDetails } from './contract-details';
import { parseCancelHistoricalData, parseReqHistoricalData } from './historical-data';
import { parseCancelMktData, parseReqMarketDataType, parseReqMktData } from './market-data';
import * as live from './live-data';
import * as news from './news';
import * as orders from './orders';
import { parsePlaceOrder, type PlaceOrderRequest } from './place-order';
import * as reference from './reference-data';
import * as scanner from './scanner';
import * as session from './session';

export type { PlaceOrderRequest } from './place-order';
export type { ExecutionQuery } from './orders';

type Parsed<F> = F extends (r: FieldReader, v: number) => infer R ? R : never;

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
  | Parsed<typeof multi.parseReqPositionsMulti>
  | Parsed<typeof multi.parseCancelPositionsMulti>
  | Parsed<typeof multi.parseReqAccountUpdatesMulti>
  | Parsed<typeof multi.parseCancelAccountUpdatesMulti>
  | Parsed<typeof orders.parseCancelOrder>
  | Parsed<typeof orders.parseReqGlobalCancel>
  | Parsed<typeof orders.parseReqOpenOrders>
  | Parsed<typeof orders.parseReqAllOpenOrders>
  | Parsed<typeof orders.parseReqAutoOpenOrders>
  | Parsed<typeof orders.parseReqExecutions>
  | Parsed<typeof orders.parseReqCompletedOrders>
  | Parsed<typeof reference.parseReqMatchingSymbols>
  | Parsed<typeof reference.parseReqMarketRule>
  | Parsed<typeof reference.parseReqSecDefOptParams>
  | Parsed<typeof reference.parseReqHeadTimestamp>
  | Parsed<typeof reference.parseCancelHeadTimestamp>
  | Parsed<typeof reference.parseReqHistogramData>
  | Parsed<typeof reference.parseCancelHistogramData>
  | Parsed<typeof reference.parseReqHistoricalTicks>
  | Parsed<typeof reference.parseReqUserInfo>
  | Parsed<typeof reference.parseReqWshMetaData>
  | Parsed<typeof reference.parseCancelWshMetaData>
  | Parsed<typeof reference.parseReqWshEventData>
  | Parsed<typeof reference.parseCancelWshEventData>
  | ReturnType<typeof news.parseReqNewsProviders>
  | Parsed<typeof news.parseReqNewsArticle>
  | Parsed<typeof news.parseReqHistoricalNews>
  | Parsed<typeof live.parseReqTickByTickData>
  | ReturnType<typeof live.parseCancelTickByTickData>
  | ReturnType<typeof live.parseReqRealTimeBars>
  | ReturnType<typeof live.parseCancelRealTimeBars>
  | Parsed<typeof live.parseReqMktDepth>
  | Parsed<typeof live.parseCancelMktDepth>
  | ReturnType<typeof live.parseReqMktDepthExchanges>
  | Parsed<typeof scanner.parseReqScannerParameters>
  | Parsed<typeof scanner.parseReqScannerSubscription>
  | Parsed<typeof scanner.parseCancelScannerSubscription>
  | Parsed<typeof session.parseStartApi>
  | Parsed<typeof session.parseReqIds>
  | Parsed<typeof session.parseReqManagedAccts>
  | Parsed<typeof session.parseReqCurrentTime>;

/** Each parser reads the fields after the message id, at the negotiated server version. */
const parsers: Record<number, (r: FieldReader, v: number) => ClientRequest> = {
  [FromClient.PLACE_ORDER]: (r, v) => ({ kind: 'placeOrder', ...parsePlaceOrder(r, v) }),
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
  [FromClient.REQ_POSITIONS_MULTI]: multi.parseReqPositionsMulti,
  [FromClient.CANCEL_POSITIONS_MULTI]: multi.parseCancelPositionsMulti,
  [FromClient.REQ_ACCOUNT_UPDATES_MULTI]: multi.parseReqAccountUpdatesMulti,
  [FromClient.CANCEL_ACCOUNT_UPDATES_MULTI]: multi.parseCancelAccountUpdatesMulti,
  [FromClient.CANCEL_ORDER]: orders.parseCancelOrder,
  [FromClient.REQ_GLOBAL_CANCEL]: orders.parseReqGlobalCancel,
  [FromClient.REQ_OPEN_ORDERS]: orders.parseReqOpenOrders,
  [FromClient.REQ_ALL_OPEN_ORDERS]: orders.parseReqAllOpenOrders,
  [FromClient.REQ_AUTO_OPEN_ORDERS]: orders.parseReqAutoOpenOrders,
  [FromClient.REQ_EXECUTIONS]: orders.parseReqExecutions,
  [FromClient.REQ_COMPLETED_ORDERS]: orders.parseReqCompletedOrders,
  [FromClient.REQ_MATCHING_SYMBOLS]: reference.parseReqMatchingSymbols,
  [FromClient.REQ_MARKET_RULE]: reference.parseReqMarketRule,
  [FromClient.REQ_SEC_DEF_OPT_PARAMS]: reference.parseReqSecDefOptParams,
  [FromClient.REQ_HEAD_TIMESTAMP]: reference.parseReqHeadTimestamp,
  [FromClient.CANCEL_HEAD_TIMESTAMP]: reference.parseCancelHeadTimestamp,
  [FromClient.REQ_HISTOGRAM_DATA]: reference.parseReqHistogramData,
  [FromClient.CANCEL_HISTOGRAM_DATA]: reference.parseCancelHistogramData,
  [FromClient.REQ_HISTORICAL_TICKS]: reference.parseReqHistoricalTicks,
  [FromClient.REQ_USER_INFO]: reference.parseReqUserInfo,
  [FromClient.REQ_WSH_META_DATA]: reference.parseReqWshMetaData,
  [FromClient.CANCEL_WSH_META_DATA]: reference.parseCancelWshMetaData,
  [FromClient.REQ_WSH_EVENT_DATA]: reference.parseReqWshEventData,
  [FromClient.CANCEL_WSH_EVENT_DATA]: reference.parseCancelWshEventData,
  [FromClient.REQ_NEWS_PROVIDERS]: news.parseReqNewsProviders,
  [FromClient.REQ_NEWS_ARTICLE]: news.parseReqNewsArticle,
  [FromClient.REQ_HISTORICAL_NEWS]: news.parseReqHistoricalNews,
  [FromClient.REQ_TICK_BY_TICK_DATA]: live.parseReqTickByTickData,
  [FromClient.CANCEL_TICK_BY_TICK_DATA]: live.parseCancelTickByTickData,
  [FromClient.REQ_REAL_TIME_BARS]: live.parseReqRealTimeBars,
  [FromClient.CANCEL_REAL_TIME_BARS]: live.parseCancelRealTimeBars,
  [FromClient.REQ_MKT_DEPTH]: live.parseReqMktDepth,
  [FromClient.CANCEL_MKT_DEPTH]: live.parseCancelMktDepth,
  [FromClient.REQ_MKT_DEPTH_EXCHANGES]: live.parseReqMktDepthExchanges,
  [FromClient.REQ_SCANNER_PARAMETERS]: scanner.parseReqScannerParameters,
  [FromClient.REQ_SCANNER_SUBSCRIPTION]: scanner.parseReqScannerSubscription,
  [FromClient.CANCEL_SCANNER_SUBSCRIPTION]: scanner.parseCancelScannerSubscription,
  [FromClient.START_API]: session.parseStartApi,
  [FromClient.REQ_IDS]: session.parseReqIds,
  [FromClient.REQ_MANAGED_ACCTS]: session.parseReqManagedAccts,
  [FromClient.REQ_CURRENT_TIME]: session.parseReqCurrentTime,
};

export type ParseOutcome =
  | { ok: true; request: ClientRequest }
  | { ok: false; messageId: number; reason: 'unknown-message' | 'malformed'; detail: string };

/**
 * Parses one client message (its fields, message id first) at the negotiated
 * server version. Every field must be consumed: a leftover or missing field
 * means we and the client disagree on the layout, which for an order is not
 * something to guess about.
 */
export function parseClientMessage(fields: readonly string[], serverVersion: number): ParseOutcome {
  const messageId = Number.parseInt(fields[0] ?? '', 10);
  const parse = Number.isNaN(messageId) ? undefined : parsers[messageId];
  if (!parse) return { ok: false, messageId: Number.isNaN(messageId) ? -1 : messageId, reason: 'unknown-message', detail: `unsupported message id ${fields[0] ?? '(none)'}` };
  const r = new FieldReader(fields, 1);
  try {
    const request = parse(r, serverVersion);
    r.end();
    return { ok: true, request };
  } catch (e) {
    return { ok: false, messageId, reason: 'malformed', detail: (e as Error).message };
  }
}
