/**
 * The keyboard order ticket: "buy 10 AAPL lmt 190", "sell 5 MSFT stp 400 lmt 398 gtc",
 * "sell 100 TSLA trail 2.5%", "buy 50 SPY lmt 500 tp 520 sl 490 @DU1234567".
 * Parsing only: the result becomes a draft and faces every risk check like
 * any other. Shared so the renderer can show what it understood as you type.
 */
export interface TicketOrder {
  side: 'BUY' | 'SELL';
  quantity: number;
  symbol: string;
  orderType: 'MKT' | 'LMT' | 'STP' | 'STP_LMT' | 'TRAIL';
  limitPrice?: number;
  stopPrice?: number;
  trailingAmount?: number;
  trailingPercent?: number;
  tif: 'DAY' | 'GTC' | 'IOC';
  outsideRth: boolean;
  account?: string;
  bracket?: { takeProfitPrice: number; stopLossPrice: number };
}

export type TicketParse = { ok: true; order: TicketOrder } | { ok: false; problem: string };

const PRICE = /^\d+(\.\d+)?$/;

/** A typed word echoed in a message: a very long one is cut (with its length said) so the message stays readable; the ticket still holds all of it. */
export function quoted(word: string): string {
  const chars = [...word];
  return chars.length <= 24 ? `"${word}"` : `"${chars.slice(0, 20).join('')}…" (${chars.length} characters)`;
}

export function parseOrderTicket(text: string): TicketParse {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length < 3) return { ok: false, problem: 'Type a side, a quantity and a symbol, e.g. "buy 10 AAPL lmt 190".' };
  const [sideWord = '', quantityWord = '', symbolWord = '', ...rest] = words;
  const side = sideWord.toLowerCase();
  if (side !== 'buy' && side !== 'sell') return { ok: false, problem: `Start with "buy" or "sell", not ${quoted(sideWord)}.` };
  const quantity = Number(quantityWord.replace(/,/g, ''));
  if (!Number.isFinite(quantity) || quantity <= 0 || !/^[\d,]+(\.\d+)?$/.test(quantityWord)) {
    return { ok: false, problem: `${quoted(quantityWord)} is not a quantity.` };
  }
  if (!/^[A-Za-z][A-Za-z0-9.]{0,11}$/.test(symbolWord)) return { ok: false, problem: `${quoted(symbolWord)} is not a symbol: a symbol is a letter and up to 11 more letters, digits or dots.` };

  const order: TicketOrder = { side: side === 'buy' ? 'BUY' : 'SELL', quantity, symbol: symbolWord.toUpperCase(), orderType: 'MKT', tif: 'DAY', outsideRth: false };
  let takeProfit: number | undefined;
  let stopLoss: number | undefined;

  for (let i = 0; i < rest.length; i += 1) {
    const word = (rest[i] ?? '').toLowerCase();
    const next = rest[i + 1];
    const price = (): number | undefined => {
      if (next === undefined || !PRICE.test(next)) return undefined;
      i += 1;
      return Number(next);
    };
    switch (word) {
      case 'lmt':
      case 'limit': {
        const value = price();
        if (value === undefined) return { ok: false, problem: 'A limit needs a price, e.g. "lmt 190".' };
        order.limitPrice = value;
        break;
      }
      case 'stp':
      case 'stop': {
        const value = price();
        if (value === undefined) return { ok: false, problem: 'A stop needs a price, e.g. "stp 180".' };
        order.stopPrice = value;
        break;
      }
      case 'trail': {
        if (next === undefined) return { ok: false, problem: 'A trailing stop needs an amount, e.g. "trail 2.5" or "trail 1%".' };
        i += 1;
        const percent = next.endsWith('%');
        const value = Number(next.replace('%', ''));
        if (!Number.isFinite(value) || value <= 0) return { ok: false, problem: `${quoted(next)} is not a trailing amount.` };
        if (percent) order.trailingPercent = value;
        else order.trailingAmount = value;
        break;
      }
      case 'tp': {
        takeProfit = price();
        if (takeProfit === undefined) return { ok: false, problem: 'A take-profit needs a price, e.g. "tp 210".' };
        break;
      }
      case 'sl': {
        stopLoss = price();
        if (stopLoss === undefined) return { ok: false, problem: 'A stop-loss needs a price, e.g. "sl 180".' };
        break;
      }
      case 'day':
      case 'gtc':
      case 'ioc':
        order.tif = word.toUpperCase() as TicketOrder['tif'];
        break;
      case 'outside':
      case 'orth':
      case 'ext':
        order.outsideRth = true;
        break;
      case 'mkt':
      case 'market':
        break;
      default:
        if (word.startsWith('@') && word.length > 1) {
          order.account = (rest[i] ?? '').slice(1).toUpperCase();
          break;
        }
        return { ok: false, problem: `${quoted(rest[i] ?? '')} is not something the ticket understands. Try lmt, stp, trail, tp, sl, gtc, ioc, outside or @ACCOUNT.` };
    }
  }

  const hasTrail = order.trailingAmount !== undefined || order.trailingPercent !== undefined;
  if (hasTrail && (order.limitPrice !== undefined || order.stopPrice !== undefined)) {
    return { ok: false, problem: 'A trailing stop takes no limit or stop price.' };
  }
  if (hasTrail) order.orderType = 'TRAIL';
  else if (order.stopPrice !== undefined && order.limitPrice !== undefined) order.orderType = 'STP_LMT';
  else if (order.stopPrice !== undefined) order.orderType = 'STP';
  else if (order.limitPrice !== undefined) order.orderType = 'LMT';

  if ((takeProfit === undefined) !== (stopLoss === undefined)) {
    return { ok: false, problem: 'A bracket needs both a take-profit (tp) and a stop-loss (sl).' };
  }
  if (takeProfit !== undefined && stopLoss !== undefined) {
    const profitAbove = order.side === 'BUY';
    if (profitAbove ? !(takeProfit > stopLoss) : !(takeProfit < stopLoss)) {
      return { ok: false, problem: `For a ${order.side.toLowerCase()}, the take-profit must be ${profitAbove ? 'above' : 'below'} the stop-loss.` };
    }
    order.bracket = { takeProfitPrice: takeProfit, stopLossPrice: stopLoss };
  }
  return { ok: true, order };
}

/**
 * A draft for an account this session does not have would wait for a
 * portfolio that never comes: refused at once, naming the accounts there are.
 * Main refuses with these words; the ticket shows them as the person types.
 */
export function unknownAccountReason(account: string, accounts: readonly string[]): string | undefined {
  if (accounts.includes(account)) return undefined;
  const named = [...account].length > 24 ? quoted(account) : account;
  if (accounts.length === 0) return `There is no account ${named} in this session: the gateway has not reported any accounts yet.`;
  return `There is no account ${named} in this session. The accounts are: ${accounts.join(', ')}.`;
}

/** Where a ticket goes: the account typed after @, else the one being viewed, else the session's first. */
export function ticketAccount(order: Pick<TicketOrder, 'account'>, viewed: string | undefined, accounts: readonly string[]): { account: string | undefined; why: 'typed' | 'viewed' | 'first' } {
  if (order.account) return { account: order.account, why: 'typed' };
  if (viewed) return { account: viewed, why: 'viewed' };
  return { account: accounts[0], why: 'first' };
}
