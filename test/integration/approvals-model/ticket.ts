import type { QuoteView } from '../../../src/shared/portfolio';

/** What kind of order the person types: each reaches the broker's book differently. */
export type TicketKind = 'market' | 'limit-marketable' | 'limit-resting' | 'bracket' | 'large';

export interface TicketSpec {
  kind: TicketKind;
  side: 'buy' | 'sell';
  symbol: string;
  quantity: number;
  /** Index into the simulator's accounts: 0 is the margin account, 1 the cash account (IRA). */
  account: 0 | 1;
}

// Cheap enough that a large order stays within the loosened notional limit,
// and it trades in lots the displayed size cannot absorb at once: a partial fill.
export const LARGE_SYMBOL = 'INTC';
export const LARGE_QUANTITY = 2500;

const price = (value: number): string => (Math.round(value * 100) / 100).toFixed(2);

/**
 * The order ticket text for a spec, priced off the current quote: marketable
 * limits at the touch, resting ones 3% away (inside the 5% collar), a
 * bracket's entry 1% away with its exits 3% either side. Without a quote
 * yet, a market order.
 */
export function ticketText(spec: TicketSpec, quote: QuoteView | undefined): string {
  const buying = spec.side === 'buy';
  if (spec.kind === 'large') return `${spec.side} ${LARGE_QUANTITY} ${LARGE_SYMBOL}`;
  const head = `${spec.side} ${spec.quantity} ${spec.symbol}`;
  const bid = quote?.bid ?? null;
  const ask = quote?.ask ?? null;
  if (spec.kind === 'market' || bid === null || ask === null) return head;
  switch (spec.kind) {
    case 'limit-marketable':
      return `${head} lmt ${price(buying ? ask : bid)}`;
    case 'limit-resting':
      return `${head} lmt ${price(buying ? bid * 0.97 : ask * 1.03)}`;
    case 'bracket': {
      const entry = buying ? bid * 0.99 : ask * 1.01;
      const [takeProfit, stopLoss] = buying ? [entry * 1.03, entry * 0.97] : [entry * 0.97, entry * 1.03];
      return `${head} lmt ${price(entry)} tp ${price(takeProfit)} sl ${price(stopLoss)}`;
    }
  }
}

export function describeTicket(spec: TicketSpec): string {
  return spec.kind === 'large' ? `large ${spec.side} ${LARGE_SYMBOL}` : `${spec.kind} ${spec.side} ${spec.quantity} ${spec.symbol} @${spec.account}`;
}
