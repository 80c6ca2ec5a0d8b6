import type { QuoteView } from '../../shared/portfolio';
import type { PortfolioModel } from './portfolio-model';

/**
 * Waits for a quote to become usable: answered at once when it already is,
 * otherwise on the portfolio's quote event, and given up at the deadline.
 * Resolves with the quote, or undefined at the deadline. Never polls: a
 * timer that sleeps and looks again wastes the wait and adds its own delay.
 */
export function waitForQuote(
  portfolio: PortfolioModel,
  conId: number,
  usable: (quote: QuoteView) => boolean,
  timeoutMs: number,
): Promise<QuoteView | undefined> {
  const now = portfolio.quote(conId);
  if (now && usable(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    // Node's timers run on the monotonic clock: a wall-clock step neither stretches nor cuts the wait.
    const deadline = setTimeout(() => {
      unsubscribe();
      resolve(undefined);
    }, timeoutMs);
    const unsubscribe = portfolio.onQuote((ticked) => {
      if (ticked !== conId) return;
      const quote = portfolio.quote(conId);
      if (!quote || !usable(quote)) return;
      clearTimeout(deadline);
      unsubscribe();
      resolve(quote);
    });
  });
}

/** A price to check against: a last trade, or both sides of the market. */
export function hasPrice(quote: QuoteView): boolean {
  return quote.last !== null || (quote.bid !== null && quote.ask !== null);
}
