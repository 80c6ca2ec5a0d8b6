import { afterEach, describe, expect, it, vi } from 'vitest';
import { PortfolioModel } from '../../../src/main/broker/portfolio-model';
import { hasPrice, waitForQuote } from '../../../src/main/broker/quote-wait';

describe('waiting for a quote', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers on the quote event itself, with no timer of its own besides the deadline', async () => {
    vi.useFakeTimers();
    const portfolio = new PortfolioModel(() => 0, () => 0);
    const waiting = waitForQuote(portfolio, 7, hasPrice, 2000);
    expect(vi.getTimerCount()).toBe(1);
    portfolio.applyQuote(7, 'AAPL', { bid: 189.9 });
    portfolio.applyQuote(8, 'MSFT', { last: 410 });
    portfolio.applyQuote(7, 'AAPL', { ask: 190.1 });
    // No time has passed: the answer came from the tick, not from a later look.
    await expect(waiting).resolves.toMatchObject({ conId: 7, bid: 189.9, ask: 190.1 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives up at the deadline with no quote, and leaves no listener behind', async () => {
    vi.useFakeTimers();
    const portfolio = new PortfolioModel(() => 0, () => 0);
    const waiting = waitForQuote(portfolio, 7, hasPrice, 2000);
    portfolio.applyQuote(7, 'AAPL', { bid: 189.9 });
    await vi.advanceTimersByTimeAsync(1999);
    let settled = false;
    void waiting.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(waiting).resolves.toBeUndefined();
    expect((portfolio as unknown as { quoteListeners: Set<unknown> }).quoteListeners.size).toBe(0);
  });

  it('answers at once when the quote is already usable', async () => {
    const portfolio = new PortfolioModel(() => 0, () => 0);
    portfolio.applyQuote(7, 'AAPL', { last: 190 });
    await expect(waitForQuote(portfolio, 7, hasPrice, 2000)).resolves.toMatchObject({ last: 190 });
  });
});
