// Exchange rates as TWS reports them in account values: one `ExchangeRate`
// row per currency, the value of one unit of that currency in the account's
// base currency. They come from the IDEALPRO pairs' last prices, crossed
// through USD, and are rounded once to the figure TWS prints; every
// base-currency total the simulator reports is converted with that printed
// rate, so a client multiplying by it lands on the same figure.

/** The pairs the catalogue quotes, and whether USD is their quote (EUR.USD) or their base (USD.JPY). */
const PAIRS: Record<string, { conId: number; usdIsQuote: boolean }> = {
  EUR: { conId: 12087792, usdIsQuote: true },
  GBP: { conId: 12087797, usdIsQuote: true },
  JPY: { conId: 15016059, usdIsQuote: false },
  CHF: { conId: 12087820, usdIsQuote: false },
  AUD: { conId: 14433401, usdIsQuote: true },
};

export const CURRENCIES = ['USD', ...Object.keys(PAIRS)];

/** USD per unit of `currency` from a pair's last price; undefined for a currency with no pair. */
export function usdPerUnit(currency: string, last: (conId: number) => number): number | undefined {
  if (currency === 'USD') return 1;
  const pair = PAIRS[currency];
  if (!pair) return undefined;
  const px = last(pair.conId);
  if (!(px > 0)) return undefined;
  return pair.usdIsQuote ? px : 1 / px;
}

/** The rate TWS prints: eight significant figures. */
export function printedRate(x: number): number {
  return Number(x.toPrecision(8));
}

/** Units of `base` per unit of `currency`, as printed; 1 for the base itself. */
export function exchangeRate(currency: string, base: string, last: (conId: number) => number): number {
  if (currency === base) return 1;
  const c = usdPerUnit(currency, last);
  const b = usdPerUnit(base, last);
  if (c === undefined || b === undefined) throw new Error(`No exchange rate for ${currency} in ${base}`);
  return printedRate(c / b);
}
