import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';
import { V } from '../versions';

/** The server's first answer: the negotiated version and the connection time ("yyyymmdd hh:mm:ss TZ"). */
export function serverHello(version: number, connectionTime: string): string[] {
  return [String(version), connectionTime];
}

export function managedAccounts(accounts: readonly string[]): string[] {
  return new FieldWriter().int(ToClient.MANAGED_ACCTS).int(1).str(accounts.join(',')).fields;
}

export function nextValidId(orderId: number): string[] {
  return new FieldWriter().int(ToClient.NEXT_VALID_ID).int(1).int(orderId).fields;
}

export function currentTime(epochSeconds: number): string[] {
  return new FieldWriter().int(ToClient.CURRENT_TIME).int(1).int(epochSeconds).fields;
}

/**
 * Error / notice. id -1 reaches the client's `info` event, any other id its
 * `error` event. From ADVANCED_ORDER_REJECT on, the trailing
 * advancedOrderRejectJson field is mandatory: without it the client reports an underrun (505).
 */
export function errorMessage(v: number, id: number, code: number, message: string, advancedOrderRejectJson = ''): string[] {
  const w = new FieldWriter().int(ToClient.ERR_MSG).int(2).int(id).int(code)
    .str(v >= V.ENCODE_MSG_ASCII7 ? asciiEscape(message) : message);
  if (v >= V.ADVANCED_ORDER_REJECT) w.str(advancedOrderRejectJson);
  return w.fields;
}

/** At ENCODE_MSG_ASCII7 (153+) TWS escapes non-ASCII as \uXXXX and the client unescapes it. */
function asciiEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (code < 128) out += ch;
    else if (code <= 0xffff) out += '\\u' + code.toString(16).padStart(4, '0');
    else {
      for (const unit of String.fromCodePoint(code).split('')) out += '\\u' + (unit.charCodeAt(0)).toString(16).padStart(4, '0');
    }
  }
  return out;
}
