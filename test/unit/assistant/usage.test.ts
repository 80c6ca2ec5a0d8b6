import { describe, expect, it } from 'vitest';
import { costOf, InMemorySpendLedger, monthOf, priceOf, spendLimitMessage, usageFromApi } from '../../../src/main/assistant/usage';

describe('cost', () => {
  it('prices input, output, cache writes (1.25x) and cache reads (0.1x) per million tokens', () => {
    const { usd, estimated } = costOf('claude-sonnet-4-6', { input: 1_000_000, output: 100_000, cacheWrite: 200_000, cacheRead: 1_000_000 });
    // 3 + 1.5 + 0.75 + 0.3
    expect(usd).toBeCloseTo(5.55, 10);
    expect(estimated).toBe(false);
  });

  it('estimates a model it does not know by family, and an unknown family on the high side', () => {
    expect(priceOf('claude-sonnet-5-5')).toEqual({ price: { input: 3, output: 15 }, estimated: true });
    expect(priceOf('some-proxy-model').price.input).toBeGreaterThanOrEqual(15);
  });

  it('reads the API usage with absent cache fields as zero', () => {
    expect(usageFromApi({ input_tokens: 5, output_tokens: 7, cache_read_input_tokens: null })).toEqual({ input: 5, output: 7, cacheRead: 0, cacheWrite: 0 });
  });
});

describe('spend limit', () => {
  const at = new Date(2026, 10, 23, 12).getTime();
  it('stops new turns once the month reaches the limit, and the next month starts afresh', () => {
    const ledger = new InMemorySpendLedger();
    ledger.record({ at, model: 'm', usage: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, usd: 4.99, estimated: false });
    expect(spendLimitMessage(ledger, 5, at)).toBeNull();
    ledger.record({ at, model: 'm', usage: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, usd: 0.01, estimated: false });
    expect(spendLimitMessage(ledger, 5, at)).toBe(
      "This month's Claude spend ($5.00) has reached your limit of $5.00. Raise the limit in Settings > Claude, or wait for next month.",
    );
    expect(spendLimitMessage(ledger, null, at)).toBeNull();
    const nextMonth = new Date(2026, 11, 1, 0, 1).getTime();
    expect(monthOf(nextMonth)).toBe('2026-12');
    expect(spendLimitMessage(ledger, 5, nextMonth)).toBeNull();
    expect(ledger.month('2026-11')).toMatchObject({ requests: 2, usage: { input: 2, output: 2 } });
  });
});
