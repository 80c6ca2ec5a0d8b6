import { describe, expect, it } from 'vitest';
import { bracketPrices } from '../../../src/main/risk/bracket-prices';
import { runChecks } from '../../../src/main/risk/run-checks';
import { context, draft } from './support';

// The support quote is AAPL 189.90 / 190.00.
describe('take-profit and stop-loss against the market and the entry', () => {
  it('passes an order without a bracket', () => {
    expect(bracketPrices(context(), draft()).outcome).toBe('pass');
  });

  it('blocks a market buy whose stop-loss is above the ask: it would sell back at once', () => {
    const verdict = bracketPrices(context(), draft({ orderType: 'MKT', limitPrice: undefined, bracket: { takeProfitPrice: 230, stopLossPrice: 210 } }));
    expect(verdict).toMatchObject({ outcome: 'block', explanation: expect.stringContaining('The stop-loss 210.00 is above a market entry at the ask 190.00') });
  });

  it('blocks a market buy whose take-profit is below the ask', () => {
    const verdict = bracketPrices(context(), draft({ orderType: 'MKT', limitPrice: undefined, bracket: { takeProfitPrice: 185, stopLossPrice: 180 } }));
    expect(verdict).toMatchObject({ outcome: 'block', explanation: expect.stringContaining('The take-profit 185.00 is below a market entry at the ask 190.00') });
  });

  it('judges a marketable buy limit by the ask it fills at, not by its limit', () => {
    // Limit 200 is above the ask: the entry fills near 190, so a stop-loss at 195 triggers at once.
    const verdict = bracketPrices(context(), draft({ limitPrice: 200, bracket: { takeProfitPrice: 220, stopLossPrice: 195 } }));
    expect(verdict.outcome).toBe('block');
    expect(verdict.explanation).toContain('marketable entry limit');
  });

  it('passes a buy limit below the market with its children on either side of the limit', () => {
    expect(bracketPrices(context(), draft({ limitPrice: 185, bracket: { takeProfitPrice: 188, stopLossPrice: 180 } })).outcome).toBe('pass');
  });

  it('mirrors the rule for a sell: the stop-loss above and the take-profit below the bid', () => {
    const sell = (tp: number, sl: number) => draft({ side: 'SELL', orderType: 'MKT', limitPrice: undefined, bracket: { takeProfitPrice: tp, stopLossPrice: sl } });
    expect(bracketPrices(context(), sell(180, 195)).outcome).toBe('pass');
    expect(bracketPrices(context(), sell(180, 189)).explanation).toContain('The stop-loss 189.00 is below a market entry at the bid 189.90');
    expect(bracketPrices(context(), sell(192, 199)).explanation).toContain('The take-profit 192.00 is above');
  });

  it('blocks a bracket when there is no price to compare with', () => {
    expect(bracketPrices(context({ quote: null }), draft({ orderType: 'MKT', limitPrice: undefined, bracket: { takeProfitPrice: 230, stopLossPrice: 180 } })).outcome).toBe('block');
  });

  it('makes the whole draft a block in runChecks', () => {
    expect(runChecks(context(), draft({ orderType: 'MKT', limitPrice: undefined, bracket: { takeProfitPrice: 230, stopLossPrice: 210 } })).outcome).toBe('block');
  });
});
