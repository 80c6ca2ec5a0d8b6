// What a position needs to know about its instrument to be valued, margined
// and settled: its class, currency and multiplier, and for an option the
// series it belongs to. A holding carries these, so the account can be valued
// without going back to the catalogue.

export type TradedClass = 'STK' | 'OPT' | 'FUT' | 'CASH' | 'CRYPTO' | 'BOND';

export interface Terms {
  secType: TradedClass;
  /** The currency prices are quoted and settled in. */
  currency: string;
  /**
   * Money per unit of price per unit of quantity: 100 for an equity option,
   * 50 for ES, 1 for a share, 0.01 for a pence-quoted LSE share, 0.01 for a
   * bond quoted in percent of face.
   */
  factor: number;
  /** Options: the underlying, strike, right and expiry (yyyyMMdd). */
  underlyingConId?: number;
  strike?: number;
  right?: 'C' | 'P';
  expiry?: string;
  /** Futures: initial and maintenance margin per contract, in the currency. */
  futureMargin?: { init: number; maint: number };
}

/** A US stock or ETF, the default of every holding without terms. */
export const US_STOCK: Terms = { secType: 'STK', currency: 'USD', factor: 1 };
