/**
 * The gateway's answers in plain words: what happened, for a person who has
 * never read the TWS API error table.
 */
const PLAIN: Record<number, string> = {
  100: 'Too many requests were sent to the gateway at once; it asked us to slow down.',
  103: 'The gateway refused a duplicate order id.',
  200: 'IB does not know this contract.',
  201: 'IB rejected the order.',
  202: 'The order was cancelled.',
  321: 'The gateway is in read-only mode, so it refuses orders. This is a setting, not a rejected trade: untick "Read-Only API" in the gateway\'s API settings.',
  326: 'Another application is already connected with this client id.',
  354: 'This account has no market data subscription for the symbol.',
  502: 'Could not reach the gateway: is IB Gateway or TWS running with the API enabled?',
  504: 'Not connected to the gateway.',
  1100: 'IB Gateway lost its connection to IBKR\'s servers.',
  1101: 'IB restored the connection, but market data subscriptions were lost.',
  1102: 'IB restored the connection; nothing was lost.',
  2110: 'TWS lost its connection to IBKR\'s servers.',
  10167: 'Showing delayed market data: the account has no real-time subscription for this symbol.',
  10168: 'No real-time market data subscription for this symbol, and delayed data is not enabled.',
  10197: 'Another login took this IB session (TWS, the web portal or the mobile app).',
};

export function describeGatewayError(code: number, message: string): string {
  const plain = PLAIN[code];
  if (!plain) return message ? `The gateway said: ${message} (code ${code}).` : `The gateway reported code ${code}.`;
  if (code === 201 && message) {
    // 201 carries IB's own reason after the prefix; keep it, it is the useful part.
    const reason = message.replace(/^Order rejected - reason:\s*/i, '').trim();
    return reason ? `IB rejected the order: ${reason}` : plain;
  }
  return plain;
}
