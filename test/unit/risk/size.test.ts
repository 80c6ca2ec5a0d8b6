import { describe, expect, it } from 'vitest';
import { maxNotional } from '../../../src/main/risk/max-notional';
import { maxNetLiqPct } from '../../../src/main/risk/max-net-liq-pct';
import { concentration } from '../../../src/main/risk/concentration';
import { buyingPower } from '../../../src/main/risk/buying-power';
import { AAPL, context, draft, withAccount } from './support';

describe('max notional per order', () => {
  it('passes a small order', () => {
    expect(maxNotional(context(), draft({ quantity: 10 })).explanation).toBe('Worth about 1,900.00 USD (limit 25,000.00 USD per order).');
  });
  it('warns close to the cap and blocks above it', () => {
    expect(maxNotional(context(), draft({ quantity: 110 })).outcome).toBe('warn'); // 20,900
    expect(maxNotional(context(), draft({ quantity: 300 }))).toMatchObject({
      outcome: 'block',
      explanation: 'This order is worth about 57,000.00 USD; the most per order is 25,000.00 USD.',
    });
  });
  it('values options with IB’s multiplier and blocks an option or future without one', () => {
    const contract = { symbol: 'AAPL', secType: 'OPT', expiry: '20261218', strike: 200, right: 'C' } as const;
    const opt = draft({ quantity: 2, limitPrice: 5 }, { contract: { ...contract, multiplier: 100 } });
    const c = context({ quote: { symbol: 'AAPL', bid: 4.9, ask: 5, last: 5, at: context().now, delayed: false } });
    expect(maxNotional(c, opt).explanation).toContain('1,000.00');
    const mini = draft({ quantity: 2, limitPrice: 5 }, { contract: { ...contract, multiplier: 10 } });
    expect(maxNotional(c, mini).explanation).toContain('100.00');
    // Not taken as 100: a stored draft without IB's multiplier is not valued at all.
    const unknown = draft({ quantity: 2, limitPrice: 5 }, { contract });
    expect(maxNotional(c, unknown)).toMatchObject({ outcome: 'block', explanation: 'This order cannot be valued: no contract multiplier for AAPL.' });
    const fut = draft({ quantity: 1, limitPrice: 5000 }, { contract: { symbol: 'ES', secType: 'FUT', expiry: '202612' } });
    expect(maxNotional(c, fut).outcome).toBe('block');
  });
  it('values a buy limit below the market at the market, so a lower limit cannot dodge the cap', () => {
    expect(maxNotional(context(), draft({ quantity: 140, limitPrice: 150 })).outcome).toBe('block'); // 140 x 190 = 26,600
  });
});

describe('max % of net liquidation', () => {
  it('passes, warns and blocks by share of the account', () => {
    expect(maxNetLiqPct(context(), draft({ quantity: 10 })).outcome).toBe('pass'); // 0.95%
    expect(maxNetLiqPct(context(), draft({ quantity: 90 })).outcome).toBe('warn'); // 8.55%
    expect(maxNetLiqPct(context(), draft({ quantity: 120 }))).toMatchObject({
      outcome: 'block',
      explanation: 'This order is 11.4% of net liquidation (22,800.00 of 200,000.00); the limit is 10%.',
    });
  });
  it('blocks when net liquidation is unknown', () => {
    expect(maxNetLiqPct(withAccount({ netLiquidation: null }), draft()).outcome).toBe('block');
  });
});

describe('position concentration after the fill', () => {
  it('counts the existing position', () => {
    // 100 held + 100 bought = 200 x 190 = 38,000 = 19% of 200,000
    expect(concentration(context(), draft({ quantity: 100 })).outcome).toBe('pass');
    expect(concentration(context(), draft({ quantity: 150 })).outcome).toBe('warn'); // 23.75%
    expect(concentration(context(), draft({ quantity: 170 }))).toMatchObject({
      outcome: 'block',
      explanation: 'After the fill AAPL would be 25.7% of net liquidation (270 units); the limit is 25%.',
    });
  });
  it('always passes an order that only reduces the position', () => {
    const heavy = withAccount({ positions: { [AAPL]: { qty: 1000, marketValue: 190_000, openedTodayQty: 0 } } });
    expect(concentration(heavy, draft({ side: 'SELL', quantity: 100, limitPrice: 189.9 })).outcome).toBe('pass');
  });
});

describe('buying power and available funds', () => {
  it('margin account: passes within buying power, warns near it, blocks above it', () => {
    expect(buyingPower(context(), draft()).outcome).toBe('pass');
    expect(buyingPower(withAccount({ buyingPower: 2_000 }), draft()).outcome).toBe('warn'); // 1,900 of 2,000
    expect(buyingPower(withAccount({ buyingPower: 1_000 }), draft())).toMatchObject({
      outcome: 'block',
      explanation: 'This order needs about 1,900.00, but buying power is 1,000.00.',
    });
    expect(buyingPower(withAccount({ buyingPower: null }), draft()).outcome).toBe('block');
  });
  it('cash account: may not borrow', () => {
    const cash = withAccount({ kind: 'cash', availableFunds: 1_000, buyingPower: 4_000 });
    expect(buyingPower(cash, draft())).toMatchObject({
      outcome: 'block',
      explanation: 'This order costs about 1,900.00 but only 1,000.00 is available; a cash account cannot borrow.',
    });
    expect(buyingPower(withAccount({ kind: 'ira', availableFunds: 10_000 }), draft()).outcome).toBe('pass');
  });
  it('blocks when IB’s what-if says margin would exceed equity', () => {
    const d = {
      ...draft(),
      whatIf: { at: 1, commission: 1, commissionCurrency: 'USD', initMarginChange: 1, maintMarginChange: 1, initMarginAfter: 120_000, equityWithLoanAfter: 100_000 },
    };
    expect(buyingPower(context(), d).outcome).toBe('block');
  });
  it('needs no funds for a sale that reduces a long', () => {
    expect(buyingPower(withAccount({ buyingPower: 0 }), draft({ side: 'SELL', quantity: 100, limitPrice: 189.9 })).outcome).toBe('pass');
  });
});
