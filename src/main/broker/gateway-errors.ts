import { ErrorCode, IbCode } from './ib-codes';

/**
 * The gateway's answers in plain words: what happened, for a person who has
 * never read the TWS API error table.
 */
const PLAIN: Record<number, string> = {
  [IbCode.MAX_RATE_EXCEEDED]: 'Too many requests were sent to the gateway at once; it asked us to slow down.',
  [IbCode.DUPLICATE_ORDER_ID]: 'The gateway refused a duplicate order id.',
  [IbCode.NO_SECURITY_DEFINITION]: 'IB does not know this contract.',
  [IbCode.ORDER_REJECTED]: 'IB rejected the order.',
  [ErrorCode.ORDER_CANCELLED]: 'The order was cancelled.',
  [IbCode.REQUEST_INVALID]: 'The gateway is in read-only mode, so it refuses orders. This is a setting, not a rejected trade: untick "Read-Only API" in the gateway\'s API settings.',
  [IbCode.CLIENT_ID_IN_USE]: 'Another application is already connected with this client id.',
  [ErrorCode.REQ_MKT_DATA_NOT_AVAIL]: 'This account has no market data subscription for the symbol.',
  [ErrorCode.CONNECT_FAIL]: 'Could not reach the gateway: is IB Gateway or TWS running with the API enabled?',
  [ErrorCode.NOT_CONNECTED]: 'Not connected to the gateway.',
  [ErrorCode.FAIL_CONNECTION_LOST_BETWEEN_SERVER_AND_TWS]: 'IB Gateway lost its connection to IBKR\'s servers.',
  [ErrorCode.CONNECTIVITY_RESTORED_DATA_LOST]: 'IB restored the connection, but market data subscriptions were lost.',
  [ErrorCode.CONNECTIVITY_RESTORED_DATA_MAINTAINED]: 'IB restored the connection; nothing was lost.',
  [ErrorCode.FAIL_CONNECTION_LOST_BETWEEN_TWS_AND_SERVER]: 'TWS lost its connection to IBKR\'s servers.',
  [ErrorCode.DISPLAYING_DELAYED_DATA]: 'Showing delayed market data: the account has no real-time subscription for this symbol.',
  [IbCode.DELAYED_DATA_NOT_ENABLED]: 'No real-time market data subscription for this symbol, and delayed data is not enabled.',
  [IbCode.COMPETING_LIVE_SESSION]: 'Another login took this IB session (TWS, the web portal or the mobile app).',
};

export function describeGatewayError(code: number, message: string): string {
  const plain = PLAIN[code];
  if (!plain) return message ? `The gateway said: ${message} (code ${code}).` : `The gateway reported code ${code}.`;
  if (code === IbCode.ORDER_REJECTED && message) {
    // 201 carries IB's own reason after the prefix; keep it, it is the useful part.
    const reason = message.replace(/^Order rejected - reason:\s*/i, '').trim();
    return reason ? `IB rejected the order: ${reason}` : plain;
  }
  return plain;
}
