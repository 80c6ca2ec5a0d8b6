import { ErrorCode } from '@stoqey/ib';

/**
 * IB's message codes by name. `ErrorCode` from @stoqey/ib is the source;
 * these name the codes it lacks (1.6.10), with IB's own wording for each.
 */
export const IbCode = {
  /** "Max rate of messages per second has been exceeded." */
  MAX_RATE_EXCEEDED: 100,
  /** "Duplicate order ID." */
  DUPLICATE_ORDER_ID: 103,
  /** "The price does not conform to the minimum price variation for this contract." */
  PRICE_OFF_TICK: 110,
  /** "No security definition has been found for the request." */
  NO_SECURITY_DEFINITION: 200,
  /** "Order rejected - reason: ..." */
  ORDER_REJECTED: 201,
  /** "The security is not available or allowed for this account." */
  SECURITY_NOT_ALLOWED: 203,
  /**
   * "Error validating request": the library calls 321 MISSING_ORDER_EXCHANGE
   * after one of its causes; a read-only API gateway answers orders with it too.
   */
  REQUEST_INVALID: ErrorCode.MISSING_ORDER_EXCHANGE,
  /** "Unable to connect as the client id is already in use." */
  CLIENT_ID_IN_USE: 326,
  /** A precautionary setting refused the order: its value is over the limit. */
  ORDER_VALUE_OVER_LIMIT: 382,
  /** A precautionary setting refused the order: its size is over the limit. */
  ORDER_SIZE_OVER_LIMIT: 383,
  /** "Unsupported order type for this exchange and security type." */
  UNSUPPORTED_ORDER_TYPE: 387,
  /** "Order size is smaller than the minimum required size." */
  ORDER_SIZE_BELOW_MINIMUM: 388,
  /** "Order Event Warning: Attribute 'Outside Regular Trading Hours' is ignored ..." */
  OUTSIDE_RTH_IGNORED: 2109,
  /** "Requested market data requires additional subscription for API." */
  ADDITIONAL_SUBSCRIPTION_REQUIRED: 10089,
  /** "OrderId that needs to be cancelled can not be cancelled." */
  ORDER_NOT_CANCELLABLE: 10148,
  /** "Requested market data is not subscribed. Delayed market data is not enabled." */
  DELAYED_DATA_NOT_ENABLED: 10168,
  /** Another login (TWS, the portal, the mobile app) took the session. */
  COMPETING_LIVE_SESSION: 10197,
} as const;

export { ErrorCode };
