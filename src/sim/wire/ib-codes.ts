import { ErrorCode, IBApiTickType as TickType } from '@stoqey/ib';

/**
 * The codes the simulated gateway answers with, by name. `ErrorCode` and
 * `TickType` from @stoqey/ib are the source; the codes @stoqey/ib 1.6.10 has
 * no name for are named here with IB's own wording.
 */
export const SimCode = {
  /** "Max rate of messages per second has been exceeded." */
  MAX_RATE_EXCEEDED: 100,
  /** "Duplicate order ID." */
  DUPLICATE_ORDER_ID: 103,
  /** "Historical Market Data Service error message: ..." (pacing, scanners, ticks). */
  HISTORICAL_DATA_SERVICE: 162,
  /** "No security definition has been found for the request." */
  NO_SECURITY_DEFINITION: 200,
  /** "Order rejected - reason: ..." */
  ORDER_REJECTED: 201,
  ORDER_CANCELLED: ErrorCode.ORDER_CANCELLED,
  /** "Error validating request": the library calls 321 MISSING_ORDER_EXCHANGE after one of its causes. */
  REQUEST_INVALID: ErrorCode.MISSING_ORDER_EXCHANGE,
  /** "Invalid Real-time Query: ..." (real-time bars). */
  REALTIME_QUERY_INVALID: 420,
  /** "Unable to connect as the client id is already in use." */
  CLIENT_ID_IN_USE: 326,
  MARKET_DATA_NOT_SUBSCRIBED: ErrorCode.REQ_MKT_DATA_NOT_AVAIL,
  UNKNOWN_MESSAGE: ErrorCode.UNKNOWN_ID,
  CONNECTIVITY_LOST: ErrorCode.FAIL_CONNECTION_LOST_BETWEEN_SERVER_AND_TWS,
  RESTORED_DATA_LOST: ErrorCode.CONNECTIVITY_RESTORED_DATA_LOST,
  RESTORED_DATA_KEPT: ErrorCode.CONNECTIVITY_RESTORED_DATA_MAINTAINED,
  /** "Market data farm connection is OK." */
  MARKET_DATA_FARM_OK: 2104,
  /** "HMDS data farm connection is OK." */
  HISTORICAL_DATA_FARM_OK: 2106,
  /** "Sec-def data farm connection is OK." */
  SECDEF_FARM_OK: 2158,
  /** "Deep market data is not supported for this combination of security type/exchange." */
  DEPTH_NOT_SUPPORTED: 10092,
  /** "OrderId ... that needs to be cancelled is not found." */
  CANCEL_TARGET_NOT_FOUND: 10147,
  /** "Failed to request news article." */
  NEWS_ARTICLE_FAILED: 10172,
  NEWS_FEED_NOT_ALLOWED: ErrorCode.NEWS_FEED_NOT_ALLOWED,
  /** "Failed to request tick-by-tick data: ..." */
  TICK_BY_TICK_FAILED: 10189,
  /** Tick-by-tick asked of a server version that does not have it. */
  TICK_BY_TICK_UNSUPPORTED: 10190,
} as const;

export { TickType };
