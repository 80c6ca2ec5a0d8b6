import type { ContractDetails } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { contractFromIb } from '../../../src/main/approvals/contract-from-ib';
import { draftFacts } from '../../../src/main/approvals/draft-facts';
import { draftFigures } from '../../../src/main/approvals/draft-figures';
import { orderHabits } from '../../../src/main/approvals/order-habits';
import { concentration } from '../../../src/main/risk/concentration';
import { orderNotional, valuationPrice } from '../../../src/main/risk/exposure';
import { maxNetLiqPct } from '../../../src/main/risk/max-net-liq-pct';
import { maxNotional } from '../../../src/main/risk/max-notional';
import { priceCollar } from '../../../src/main/risk/price-collar';
import { DraftContract, type DraftInput } from '../../../src/shared/draft';
import { context, draft, now, withAccount } from './support';

// A USD account buying HSBA on the LSE. IB quotes it in pence (726.2 / 726.4) and takes its
// orders in pence, while its currency is GBP: its contract details say priceMagnifier 100.
// IB's ExchangeRate: 1 GBP = 1.27 USD. Net liquidation 200,000 USD.
const hsbaContract = { symbol: 'HSBA', secType: 'STK', conId: 10004, exchange: 'SMART', primaryExchange: 'LSE', currency: 'GBP', priceMagnifier: 100 } as const;
const hsba = (order: Partial<DraftInput['order']>, contract: DraftInput['contract'] = hsbaContract) => draft({ quantity: 100, limitPrice: 726.4, ...order }, { contract });
const quote = { symbol: 'HSBA', bid: 726.2, ask: 726.4, last: 726.3, at: now - 1000, delayed: false };
const inUsd = withAccount({ exchangeRates: { USD: 1, GBP: 1.27 }, positions: {} }, context({ quote }));

describe('a share IB quotes in pence is valued in pounds', () => {
  it('values 100 HSBA at 726.4p as GBP 726.40, USD 922.53, not a hundred times that', () => {
    expect(valuationPrice(inUsd, hsba({}))).toBeCloseTo(7.264, 10);
    expect(orderNotional(inUsd, hsba({}))).toBeCloseTo(922.528, 6);
    expect(maxNotional(inUsd, hsba({})).outcome).toBe('pass');
    expect(maxNetLiqPct(inUsd, hsba({})).outcome).toBe('pass');
    expect(concentration(inUsd, hsba({})).explanation).toContain('0.5%');
    // 3,000 shares: GBP 21,792 = USD 27,676, over the 25,000 USD per-order limit.
    expect(maxNotional(inUsd, hsba({ quantity: 3000 })).outcome).toBe('block');
  });

  it('compares a limit typed in pence with the pence quote; one typed in pounds is far off the market', () => {
    expect(priceCollar(inUsd, hsba({ limitPrice: 727 })).outcome).toBe('pass');
    const pounds = priceCollar(inUsd, hsba({ limitPrice: 7.27 }));
    expect(pounds.outcome).toBe('block');
    expect(pounds.explanation).toContain('below');
  });

  it('weighs the position before and after, and the usual size, in pounds too', () => {
    const d = hsba({});
    const figures = draftFigures(inUsd, d);
    expect(figures.marketPrice).toBe(726.4); // shown as IB quotes it
    expect(figures.weightAfter).toBeCloseTo((922.528 / 200_000) * 100, 6);
    const approved = { ...hsba({ quantity: 200 }), state: 'filled' as const, atApproval: { ...figures, marketPrice: 726.4 } };
    expect(orderHabits([approved], 'DU1234567', 'GBP').medianNotional).toBeCloseTo(1452.8, 6);
  });

  it('reads the order against the usual GBP order in GBP, not in the account’s dollars', () => {
    const d = hsba({});
    const usual = { account: 'DU1234567', currency: 'GBP', orders: 10, medianNotional: 726.4 };
    const size = draftFacts(inUsd, d, draftFigures(inUsd, d), usual).find((f) => f.kind === 'size');
    // The base amount is named beside it, as such; the comparison is pounds with pounds.
    expect(size?.text).toContain('726.40 GBP (922.53 USD), 1× your typical order');
  });

  it('cannot be valued without IB’s magnifier, and every size check says so', () => {
    const bare = hsba({}, { symbol: 'HSBA', secType: 'STK', conId: 10004, exchange: 'SMART', currency: 'GBP' });
    expect(orderNotional(inUsd, bare)).toBeNull();
    for (const check of [maxNotional, maxNetLiqPct, concentration]) {
      const verdict = check(inUsd, bare);
      expect(verdict.outcome).toBe('block');
      expect(verdict.explanation).toContain('price magnifier');
    }
    const size = draftFacts(inUsd, bare, draftFigures(inUsd, bare), orderHabits([], 'DU1234567', 'GBP')).find((f) => f.kind === 'size');
    expect(size).toMatchObject({ known: false, text: expect.stringContaining('price magnifier') });
  });

  it('needs no magnifier for a US stock: IB never magnifies one', () => {
    expect(orderNotional(context(), draft({ quantity: 10, limitPrice: 190 }))).toBe(1900);
  });

  it('carries IB’s magnifier from the contract details onto the draft', () => {
    const details = {
      contract: { conId: 10004, symbol: 'HSBA', secType: 'STK', exchange: 'SMART', primaryExch: 'LSE', currency: 'GBP', tradingClass: 'HSBA' },
      priceMagnifier: 100,
    } as unknown as ContractDetails;
    const resolved = contractFromIb(DraftContract.parse({ symbol: 'HSBA', secType: 'STK', currency: 'GBP' }), details);
    expect(resolved).toMatchObject({ ok: true, contract: { priceMagnifier: 100, currency: 'GBP' } });
  });
});
