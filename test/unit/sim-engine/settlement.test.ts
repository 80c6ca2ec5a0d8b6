// The one seam through which a fill reaches an account: position and average
// cost with the multiplier applied, and cash in the instrument's currency
// through a pluggable ledger.
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/sim/engine/accounts';
import { settleFill, type CashLedger } from '../../../src/sim/engine/settlement';
import type { Terms } from '../../../src/sim/engine/terms';

const account = (): Account => ({ id: 'DU1', kind: 'margin', accountType: 'INDIVIDUAL', base: 'USD', ledger: new Map([['USD', 100_000]]), holdings: new Map(), prevDayEwl: 0 });
const recorder = (): CashLedger & { credits: [string, number][] } => {
  const credits: [string, number][] = [];
  return { credits, credit: (_a, currency, amount) => { credits.push([currency, amount]); } };
};
const OPT: Terms = { secType: 'OPT', currency: 'USD', factor: 100, underlyingConId: 1, strike: 100, right: 'C', expiry: '20261218' };
const ES: Terms = { secType: 'FUT', currency: 'USD', factor: 50, futureMargin: { init: 16_000, maint: 14_500 } };
const SAP: Terms = { secType: 'STK', currency: 'EUR', factor: 1 };
const EURUSD: Terms = { secType: 'CASH', currency: 'USD', factor: 1 };

describe('settleFill', () => {
  it('an option: premium x 100 leaves cash, the average cost is per contract, closing realizes per contract', () => {
    const a = account();
    const ledger = recorder();
    expect(settleFill(a, { conId: 9, terms: OPT, signedQty: 2, price: 3.5, commission: 1.3, commissionCurrency: 'USD' }, ledger)).toBeUndefined();
    expect(ledger.credits).toEqual([['USD', -700], ['USD', -1.3]]);
    expect(a.holdings.get(9)).toMatchObject({ qty: 2, avgCost: 350.65, terms: OPT });
    const realized = settleFill(a, { conId: 9, terms: OPT, signedQty: -2, price: 4, commission: 1.3, commissionCurrency: 'USD' }, ledger)!;
    expect(realized).toBeCloseTo(2 * (400 - 350.65) - 1.3, 6);
    expect(a.holdings.get(9)!.qty).toBe(0);
  });

  it('a future moves no cash but its commission when opened, and its P&L (without commissions) when closed', () => {
    const a = account();
    const ledger = recorder();
    settleFill(a, { conId: 7, terms: ES, signedQty: 2, price: 5000, commission: 1.7, commissionCurrency: 'USD' }, ledger);
    expect(ledger.credits).toEqual([['USD', -1.7]]);
    expect(a.holdings.get(7)).toMatchObject({ qty: 2, openPrice: 250_000 });
    expect(a.holdings.get(7)!.avgCost).toBeCloseTo(250_000.85, 6);
    const realized = settleFill(a, { conId: 7, terms: ES, signedQty: -2, price: 5010, commission: 1.7, commissionCurrency: 'USD' }, ledger)!;
    expect(ledger.credits.slice(1)).toEqual([['USD', -1.7], ['USD', 1000]]);
    expect(realized).toBeCloseTo(1000 - 3.4, 6);
  });

  it('a stock abroad settles in its own currency; forex converts one balance into the other, commission in USD', () => {
    const a = account();
    const ledger = recorder();
    settleFill(a, { conId: 5, terms: SAP, signedQty: 10, price: 200, commission: 3, commissionCurrency: 'EUR' }, ledger);
    expect(ledger.credits).toEqual([['EUR', -2000], ['EUR', -3]]);
    expect(a.holdings.get(5)!.avgCost).toBeCloseTo(200.3, 6);
    settleFill(a, { conId: 6, terms: EURUSD, baseCurrency: 'EUR', signedQty: 20_000, price: 1.1, commission: 2, commissionCurrency: 'USD' }, ledger);
    expect(ledger.credits.slice(2)).toEqual([['EUR', 20_000], ['USD', -22_000], ['USD', -2]]);
    expect(a.holdings.has(6)).toBe(false);
  });

  it('the default ledger is the account\'s: one balance per currency', () => {
    const a = account();
    settleFill(a, { conId: 6, terms: EURUSD, baseCurrency: 'EUR', signedQty: 10_000, price: 1.1, commission: 2, commissionCurrency: 'USD' });
    expect(a.ledger.get('USD')).toBeCloseTo(100_000 - 11_000 - 2, 6);
    expect(a.ledger.get('EUR')).toBe(10_000);
  });
});
