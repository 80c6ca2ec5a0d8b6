// Server versions of the TWS API, named as in the client libraries'
// MIN_SERVER_VER_* constants. Every field whose presence depends on the
// negotiated version is written and read behind one of these, exactly where
// the TWS API's own decoder and encoder test them.

/** The range the simulator speaks: v100 framing up to the last text-protocol version before protobuf. */
export const MIN_SERVER_VERSION = 100;
export const MAX_SERVER_VERSION = 193;

export const V = {
  FRACTIONAL_POSITIONS: 101,
  PEGGED_TO_BENCHMARK: 102,
  MODELS_SUPPORT: 103,
  SEC_DEF_OPT_PARAMS_REQ: 104,
  EXT_OPERATOR: 105,
  SOFT_DOLLAR_TIER: 106,
  REQ_MATCHING_SYMBOLS: 108,
  MD_SIZE_MULTIPLIER: 110,
  CASH_QTY: 111,
  REQ_MKT_DEPTH_EXCHANGES: 112,
  REQ_SMART_COMPONENTS: 114,
  SERVICE_DATA_TYPE: 120,
  AGG_GROUP: 121,
  UNDERLYING_INFO: 122,
  SYNT_REALTIME_BARS: 124,
  MARKET_RULES: 126,
  NEWS_QUERY_ORIGINS: 128,
  UNREALIZED_PNL: 129,
  MARKET_CAP_PRICE: 131,
  REAL_EXPIRATION_DATE: 134,
  REALIZED_PNL: 135,
  LAST_LIQUIDITY: 136,
  TICK_BY_TICK: 137,
  DECISION_MAKER: 138,
  MIFID_EXECUTION: 139,
  TICK_BY_TICK_IGNORE_SIZE: 140,
  AUTO_PRICE_FOR_HEDGE: 141,
  WHAT_IF_EXT_FIELDS: 142,
  SCANNER_GENERIC_OPTS: 143,
  ORDER_CONTAINER: 145,
  SMART_DEPTH: 146,
  D_PEG_ORDERS: 148,
  MKT_DEPTH_PRIM_EXCHANGE: 149,
  REQ_COMPLETED_ORDERS: 150,
  PRICE_MGMT_ALGO: 151,
  STOCK_TYPE: 152,
  ENCODE_MSG_ASCII7: 153,
  PRICE_BASED_VOLATILITY: 156,
  DURATION: 158,
  POST_TO_ATS: 160,
  WSHE_CALENDAR: 161,
  AUTO_CANCEL_PARENT: 162,
  FRACTIONAL_SIZE_SUPPORT: 163,
  SIZE_RULES: 164,
  ADVANCED_ORDER_REJECT: 166,
  USER_INFO: 167,
  MANUAL_ORDER_TIME: 169,
  PEGBEST_PEGMID_OFFSETS: 170,
  WSH_EVENT_DATA_FILTERS: 171,
  WSH_EVENT_DATA_FILTERS_DATE: 173,
  BOND_ISSUERID: 176,
  FA_PROFILE_DESUPPORT: 177,
  PENDING_PRICE_REVISION: 178,
  FUND_DATA_FIELDS: 179,
  LAST_TRADE_DATE: 182,
  CUSTOMER_ACCOUNT: 183,
  PROFESSIONAL_CUSTOMER: 184,
  BOND_ACCRUED_INTEREST: 185,
  INELIGIBILITY_REASONS: 186,
  RFQ_FIELDS: 187,
  BOND_TRADING_HOURS: 188,
  INCLUDE_OVERNIGHT: 189,
  UNDO_RFQ_FIELDS: 190,
  CME_TAGGING_FIELDS: 192,
  CME_TAGGING_FIELDS_IN_OPEN_ORDER: 193,
} as const;

export type Negotiated = { ok: true; version: number } | { ok: false; answer: number };

/**
 * The highest version both sides support. A client whose range misses ours
 * still gets a hello, with the version nearest its range, so it can say
 * "unsupported version" itself instead of seeing a dead socket.
 */
export function negotiateVersion(clientMin: number, clientMax: number): Negotiated {
  const version = Math.min(clientMax, MAX_SERVER_VERSION);
  if (clientMin > clientMax || version < Math.max(clientMin, MIN_SERVER_VERSION)) {
    return { ok: false, answer: clientMin > MAX_SERVER_VERSION ? MAX_SERVER_VERSION : MIN_SERVER_VERSION };
  }
  return { ok: true, version };
}
