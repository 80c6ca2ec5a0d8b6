import { expect } from 'vitest';
import type { AppUnderTest } from './app-under-test';

/**
 * A quantity of a held stock just over the large-order threshold (2% of net
 * liquidation by default) of the account, and under its per-order limit.
 * Sized from the account's own figures, not a number that was large for some
 * earlier demo account: the demo households hold options, futures and foreign
 * cash, and their net liquidation is whatever the walk has made it.
 */
export async function largeOrderQuantity(app: AppUnderTest, symbol: string, account: string, thresholdPct = 2): Promise<number> {
  const figures = async (): Promise<{ price: number; netLiq: number } | null> => {
    const portfolio = app.backend.broker.portfolio();
    const quote = portfolio?.quotes.find((q) => q.symbol === symbol);
    const price = quote?.ask ?? quote?.last ?? null;
    const netLiq = portfolio?.accounts.find((a) => a.account === account)?.netLiquidation ?? null;
    return price && netLiq ? { price, netLiq } : null;
  };
  await expect.poll(figures, { timeout: 15_000, message: `a ${symbol} quote and ${account}'s net liquidation` }).not.toBeNull();
  const { price, netLiq } = (await figures())!;
  // Half a percent of the threshold above it: the price may tick between this and the check.
  const quantity = Math.ceil((netLiq * thresholdPct * 1.005) / 100 / price);
  const limit = (await app.backend.handlers.getRiskLimits(undefined)).maxNotional;
  // Past the limit the order would be blocked, not asked for its quantity: the test would prove nothing.
  expect(quantity * price, `${quantity} ${symbol} at ${price} against a per-order limit of ${limit}`).toBeLessThan(limit * 0.97);
  return quantity;
}
