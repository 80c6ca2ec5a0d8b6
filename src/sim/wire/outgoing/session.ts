import { FieldWriter } from '../fields';
import { SERVER_VERSION, ToClient } from '../message-ids';

/** The server's first answer: version and connection time ("yyyymmdd hh:mm:ss TZ"). */
export function serverHello(connectionTime: string): string[] {
  return [String(SERVER_VERSION), connectionTime];
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
 * `error` event. The trailing advancedOrderRejectJson field is mandatory at
 * 193: without it the client reports an underrun (505).
 */
export function errorMessage(id: number, code: number, message: string, advancedOrderRejectJson = ''): string[] {
  return new FieldWriter().int(ToClient.ERR_MSG).int(2).int(id).int(code).str(asciiEscape(message)).str(advancedOrderRejectJson).fields;
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
