import { describe, expect, it } from 'vitest';
import { cashInBase, combinedTotals, rateBetween, rateInBase } from '../../../src/shared/portfolio-totals';
import type { AccountView } from '../../../src/shared/portfolio';

function account(id: string, currency: string, cashByCurrency: AccountView['cashByCurrency'], netLiquidation: number): AccountView {
  return {
    account: id, currency, cashByCurrency, kind: 'margin', accountType: 'INDIVIDUAL', netLiquidation, totalCash: null, buyingPower: null, availableFunds: null,
    excessLiquidity: null, initMarginReq: null, maintMarginReq: null, grossPositionValue: null, equityWithLoan: null, dayTradesRemaining: -1, dailyPnL: 0, unrealizedPnL: 0, realizedPnL: 0,
  };
}

describe('a zero exchange rate from IB is no rate', () => {
  const usd = account('U1', 'USD', [{ currency: 'USD', cash: 1_000, rate: 1, netLiquidation: null }, { currency: 'EUR', cash: 500, rate: 0, netLiquidation: null }], 100_000);
  const eur = account('U2', 'EUR', [{ currency: 'EUR', cash: 2_000, rate: 1, netLiquidation: null }], 50_000);

  it('is not used to convert an account or its cash', () => {
    expect(rateInBase(usd, 'EUR')).toBeNull();
    expect(rateBetween('EUR', 'USD', [usd, eur])).toBeNull();
    expect(cashInBase(usd)).toBeNull();
  });
  it('leaves the all-accounts total unknown, naming the account, rather than adding the EUR account as nothing', () => {
    expect(combinedTotals([usd, eur], 'USD')).toMatchObject({ netLiquidation: null, unconverted: ['U2'] });
  });
});
