// Exchange rates as TWS reports them in account values: one `ExchangeRate`
// row per currency, the value of one unit of that currency in the account's
// base currency. The engine takes them from the IDEALPRO pairs' last prices,
// crossed through USD, and rounds them once to the figure TWS prints; every
// base-currency total the simulator reports is converted with that printed
// rate, so a client multiplying by it lands on the same figure.

/** The rate TWS prints: eight significant figures. */
export function printedRate(x: number): number {
  return Number(x.toPrecision(8));
}
