import { describe, expect, it } from 'vitest';
import { maxNotional } from '../../../src/main/risk/max-notional';
import { maxNetLiqPct } from '../../../src/main/risk/max-net-liq-pct';
import { buyingPower } from '../../../src/main/risk/buying-power';
import { concentration } from '../../../src/main/risk/concentration';
import { orderSize } from '../../../src/main/approvals/large-order';
import { context, draft, withAccount } from './support';

// A USD account buying SAP on IBIS in EUR; IB's ExchangeRate says 1 EUR = 1.10 USD. IB quotes SAP in euros (magnifier 1).
const sap = (quantity: number) => draft({ quantity, limitPrice: 200 }, { contract: { symbol: 'SAP', secType: 'STK', currency: 'EUR', exchange: 'IBIS', priceMagnifier: 1 } });
const sapQuote = { symbol: 'SAP', bid: 199.9, ask: 200, last: 200, at: context().now, delayed: false };
const inUsd = (rates: Record<string, number | null>) => withAccount({ baseCurrency: 'USD', exchangeRates: rates, positions: {} }, context({ quote: sapQuote }));

describe('a draft in another currency is valued in the account’s base at IB’s rate', () => {
  it('converts a EUR order before comparing it with the USD per-order limit', () => {
    // 120 x 200 EUR = 24,000 EUR = 26,400 USD: over the 25,000 USD limit.
    expect(maxNotional(inUsd({ USD: 1, EUR: 1.1 }), sap(120))).toMatchObject({
      outcome: 'block',
      explanation: 'This order is worth about 26,400.00 USD; the most per order is 25,000.00 USD.',
    });
  });
  it('converts it before taking its share of the USD net liquidation and buying power', () => {
    // 90 x 200 EUR = 18,000 EUR = 19,800 USD: 9.9% of 200,000 (over the 80% warning line), not 9%.
    expect(maxNetLiqPct(inUsd({ USD: 1, EUR: 1.1 }), sap(90)).explanation).toContain('19,800.00 of 200,000.00');
    const tight = withAccount({ buyingPower: 19_000 }, inUsd({ USD: 1, EUR: 1.1 }));
    expect(buyingPower(tight, sap(90)).outcome).toBe('block');
    expect(concentration(inUsd({ USD: 1, EUR: 1.1 }), sap(240)).outcome).toBe('block'); // 52,800 USD = 26.4% > 25%
    expect(orderSize(inUsd({ USD: 1, EUR: 1.1 }), sap(90), 9.5)).toMatchObject({ notional: 19_800, large: true });
  });
  it('blocks, saying why, when IB has not given the rate or gave zero', () => {
    const unusable: Record<string, number | null>[] = [{ USD: 1 }, { USD: 1, EUR: 0 }, { USD: 1, EUR: null }];
    for (const rates of unusable) {
      for (const check of [maxNotional, maxNetLiqPct, buyingPower, concentration]) {
        const verdict = check(inUsd(rates), sap(1));
        expect(verdict.outcome).toBe('block');
        expect(verdict.explanation).toContain('EUR');
      }
      expect(orderSize(inUsd(rates), sap(1), 2)).toMatchObject({ notional: null, large: true });
    }
  });
  it('needs no rate for an order in the base currency', () => {
    expect(maxNotional(inUsd({}), draft({ quantity: 10 })).outcome).toBe('pass');
  });
});
