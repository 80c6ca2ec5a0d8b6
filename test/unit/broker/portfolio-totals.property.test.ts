import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PortfolioModel } from '../../../src/main/broker/portfolio-model';
import { accountTotals, combinedTotals, countsInGross, netLiqContribution, rateBetween } from '../../../src/shared/portfolio-totals';

const CURRENCIES = ['USD', 'EUR', 'JPY', 'GBP'] as const;
const SEC_TYPES = ['STK', 'OPT', 'FUT', 'FOP', 'BOND', 'CRYPTO', 'WAR', 'CFD', 'CASH', 'SWAPTION'] as const;

const position = fc.record({
  currency: fc.constantFrom(...CURRENCIES),
  secType: fc.constantFrom(...SEC_TYPES),
  quantity: fc.integer({ min: -500, max: 500 }).filter((q) => q !== 0),
  multiplier: fc.constantFrom(1, 50, 100, 1000),
  price: fc.double({ min: 0.01, max: 5000, noNaN: true }),
  avgCost: fc.double({ min: 0.01, max: 500_000, noNaN: true }),
  /** IB's reqPnLSingle arrived for this one. */
  fromIb: fc.boolean(),
  // The app values only US bonds itself (a point is 10 per bond of 1,000 face); others show IB's figures alone.
}).map((p) => (p.secType === 'BOND' ? { ...p, currency: 'USD' as const } : p));

/** Money per quote point per unit held: the multiplier, or 10 for a bond quoted in percent of 1,000 face. */
const pointOf = (p: { secType: string; multiplier: number }): number => (p.secType === 'BOND' ? 10 : p.multiplier);

const book = fc.record({
  base: fc.constantFrom(...CURRENCIES),
  /** Units of the base per unit of each currency (IB's ExchangeRate). */
  rates: fc.record({ USD: fc.double({ min: 0.001, max: 200, noNaN: true }), EUR: fc.double({ min: 0.001, max: 200, noNaN: true }), JPY: fc.double({ min: 0.001, max: 200, noNaN: true }), GBP: fc.double({ min: 0.001, max: 200, noNaN: true }) }),
  cash: fc.record({ USD: fc.double({ min: -1e6, max: 1e6, noNaN: true }), EUR: fc.double({ min: -1e6, max: 1e6, noNaN: true }), JPY: fc.double({ min: -1e8, max: 1e8, noNaN: true }), GBP: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }),
  positions: fc.array(position, { minLength: 1, maxLength: 30 }),
  netLiq: fc.double({ min: 1_000, max: 1e8, noNaN: true }),
});

describe('portfolio totals in the base currency (property)', () => {
  it('totals equal the sum of converted parts, and |weights| of what IB counts in gross sum to gross over net liquidation', () => {
    fc.assert(
      fc.property(book, (b) => {
        const model = new PortfolioModel(() => 1);
        const rate = (c: string): number => (c === b.base ? 1 : b.rates[c as keyof typeof b.rates]);
        model.applyAccountValue('DU1', 'NetLiquidation', String(b.netLiq), b.base);
        for (const c of CURRENCIES) {
          model.applyAccountValue('DU1', 'CashBalance', String(b.cash[c]), c);
          model.applyAccountValue('DU1', 'ExchangeRate', String(rate(c)), c);
        }
        b.positions.forEach((p, i) => {
          const conId = 1000 + i;
          model.applyPosition('DU1', { conId, symbol: `S${i}`, underlying: `S${i}`, secType: p.secType, currency: p.currency, exchange: 'X', multiplier: p.multiplier, priceMagnifier: 1, expiry: null, strike: null, right: null }, p.quantity, p.avgCost);
          model.applyQuote(conId, `S${i}`, { last: p.price, close: p.price });
          if (p.fromIb) {
            const own = p.quantity * p.price * pointOf(p);
            model.applyPositionPnL('DU1', conId, { position: p.quantity, value: own * rate(p.currency), unrealized: (own - p.quantity * p.avgCost) * rate(p.currency), daily: 0 });
          }
        });
        const snap = model.snapshot();
        const account = snap.accounts.find((a) => a.account === 'DU1')!;
        const totals = accountTotals(account, snap.positions);
        const tol = (x: number): number => 1e-6 * Math.max(1, Math.abs(x));

        let cash = 0;
        for (const c of CURRENCIES) cash += b.cash[c] * rate(c);
        expect(Math.abs(totals.cash! - cash)).toBeLessThan(tol(cash) * 10);
        let held = 0;
        let gross = 0;
        for (const p of snap.positions) {
          // Every base value is the own-currency value at IB's rate.
          expect(Math.abs(p.baseValue! - p.marketValue! * rate(p.currency))).toBeLessThan(tol(p.baseValue!) * 10);
          held += netLiqContribution(p)!;
          if (countsInGross(p)) gross += Math.abs(p.baseValue!);
        }
        expect(Math.abs(totals.positions! - held)).toBeLessThan(tol(held) * 10);
        expect(Math.abs(totals.netLiquidation! - (cash + held))).toBeLessThan(tol(cash + held) * 10);
        expect(Math.abs(totals.grossPositionValue! - gross)).toBeLessThan(tol(gross) * 10);
        expect(Math.abs(totals.grossWeightPct! - (gross / b.netLiq) * 100)).toBeLessThan(tol((gross / b.netLiq) * 100) * 10);
      }),
      { numRuns: 300 },
    );
  });

  it('the all-accounts total converts each account from its base with IB\'s rates, and says which it could not convert', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: 1, max: 1e7, noNaN: true }), fc.double({ min: 1, max: 1e7, noNaN: true }), (eurUsd, usdNlv, eurNlv) => {
        const base = { kind: 'margin' as const, accountType: 'INDIVIDUAL', totalCash: null, buyingPower: null, availableFunds: null, excessLiquidity: null, initMarginReq: null, maintMarginReq: null, grossPositionValue: null, equityWithLoan: null, dayTradesRemaining: null, dailyPnL: null, unrealizedPnL: null, realizedPnL: null };
        const usd = { ...base, account: 'A', currency: 'USD', netLiquidation: usdNlv, cashByCurrency: [{ currency: 'USD', cash: 0, rate: 1, netLiquidation: null }, { currency: 'EUR', cash: 0, rate: eurUsd, netLiquidation: null }] };
        const eur = { ...base, account: 'B', currency: 'EUR', netLiquidation: eurNlv, cashByCurrency: [{ currency: 'EUR', cash: 0, rate: 1, netLiquidation: null }] };
        expect(rateBetween('EUR', 'USD', [usd, eur])).toBeCloseTo(eurUsd, 12);
        const inUsd = combinedTotals([usd, eur], 'USD');
        expect(inUsd.netLiquidation!).toBeCloseTo(usdNlv + eurNlv * eurUsd, 4);
        const inEur = combinedTotals([usd, eur], 'EUR');
        expect(inEur.netLiquidation! * eurUsd).toBeCloseTo(usdNlv + eurNlv * eurUsd, 4);
        const inJpy = combinedTotals([usd, eur], 'JPY');
        expect(inJpy.netLiquidation).toBeNull();
        expect(inJpy.unconverted).toEqual(['A', 'B']);
      }),
      { numRuns: 200 },
    );
  });
});
