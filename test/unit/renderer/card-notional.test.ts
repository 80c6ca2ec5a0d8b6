import { describe, expect, it } from 'vitest';
import { createDraft } from '../../../src/main/approvals/lifecycle';
import type { Draft, DraftInput } from '../../../src/shared/draft';
import type { AccountView, QuoteView } from '../../../src/shared/portfolio';
import type { OrderSize } from '../../../src/shared/queue';
import { notionalLine, reviewFigures } from '../../../src/renderer/src/queue/review-figures';

const now = Date.UTC(2026, 11, 2, 1, 0);
const account = (rates: { currency: string; rate: number | null }[]): AccountView => ({
  account: 'DU1', currency: 'USD', kind: 'margin', accountType: 'INDIVIDUAL', netLiquidation: 5_000_000, totalCash: 100_000, buyingPower: 10_000_000,
  availableFunds: 4_000_000, excessLiquidity: null, initMarginReq: null, maintMarginReq: null, grossPositionValue: null, equityWithLoan: null,
  dayTradesRemaining: -1, dailyPnL: 0, unrealizedPnL: 0, realizedPnL: 0,
  cashByCurrency: rates.map((r) => ({ currency: r.currency, cash: 0, rate: r.rate, netLiquidation: null })),
});
const toyotaQuote: QuoteView = { symbol: '7203', conId: 13905, bid: 2784, ask: 2785, last: 2785, close: 2780, delayed: false, at: now };
const toyota = (quantity: number): Draft => ({
  ...createDraft({ account: 'DU1', author: 'claude', contract: { symbol: '7203', secType: 'STK', conId: 13905, exchange: 'SMART', currency: 'JPY', priceMagnifier: 1 }, order: { side: 'BUY', quantity, orderType: 'LMT', limitPrice: 2785 } } as DraftInput, now),
  state: 'filled',
});

describe('the card’s own figures, where main has not judged the draft', () => {
  it('keep the amount in the contract currency and take a share of base net liquidation only at IB’s rate', () => {
    const withRate = reviewFigures(toyota(10_000), account([{ currency: 'USD', rate: 1 }, { currency: 'JPY', rate: 0.0067 }]), [], [toyotaQuote]);
    expect(withRate).toMatchObject({ notional: 27_850_000, currency: 'JPY' });
    // 27.85M yen at 0.0067 is 186,595 dollars of 5M: 3.7%, not 557% (yen over dollars).
    expect(withRate.pctNetLiq).toBeCloseTo(3.73, 2);
    expect(notionalLine(undefined, withRate)).toBe('27,850,000.00 JPY (3.7% of net liq)');
  });

  it('say the share is not known without a rate, never a ratio of two currencies', () => {
    const noRate = reviewFigures(toyota(10_000), account([{ currency: 'USD', rate: 1 }, { currency: 'JPY', rate: null }]), [], [toyotaQuote]);
    expect(noRate).toMatchObject({ notional: 27_850_000, pctNetLiq: null, weightBefore: null, weightAfter: null });
    expect(notionalLine(undefined, noRate)).toBe('27,850,000.00 JPY (share of net liq not known: no JPY rate or net liquidation from IB)');
  });

  it('do not value a derivative without IB’s multiplier', () => {
    const option = { ...toyota(1), contract: { ...toyota(1).contract, secType: 'OPT' as const, currency: 'USD' } };
    expect(reviewFigures(option, account([{ currency: 'USD', rate: 1 }]), [], [toyotaQuote])).toMatchObject({ notional: null, pctNetLiq: null });
  });
});

describe('the card’s Notional line with main’s size', () => {
  it('names the base currency of main’s figure and gives the contract-currency amount before it', () => {
    const figures = reviewFigures(toyota(10_000), account([{ currency: 'USD', rate: 1 }, { currency: 'JPY', rate: 0.0067 }]), [], [toyotaQuote]);
    const size: OrderSize = { notional: 186_595, currency: 'USD', pctNetLiq: 3.7319, thresholdPct: 2, large: true };
    expect(notionalLine(size, figures)).toBe('27,850,000.00 JPY ≈ 186,595.00 USD (3.7% of net liq)');
    expect(notionalLine({ ...size, notional: 1900, pctNetLiq: 0.038 }, { ...figures, currency: 'USD', notional: 1900 })).toBe('1,900.00 USD (0.0% of net liq)');
  });
});
