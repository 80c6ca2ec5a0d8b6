import type { OpenOrderView } from '../../../src/shared/portfolio';
import { describe, expect, it } from 'vitest';
import { PortfolioModel } from '../../../src/main/broker/portfolio-model';

const AAPL = { conId: 265598, symbol: 'AAPL', underlying: 'AAPL', secType: 'STK', currency: 'USD', exchange: 'NASDAQ', multiplier: 1, priceMagnifier: 1, expiry: null, strike: null, right: null };

describe('the portfolio model', () => {
  it('values a position from its quote and the account net liquidation', () => {
    const model = new PortfolioModel(() => 1);
    model.setAccounts(['DU111']);
    model.applyAccountValue('DU111', 'NetLiquidation', '100000', 'USD');
    model.applyPosition('DU111', AAPL, 100, 150);
    model.applyQuote(AAPL.conId, 'AAPL', { bid: 199.9, ask: 200.1, last: 200, close: 195 });
    const position = model.snapshot().positions[0];
    expect(position).toMatchObject({ marketPrice: 200, marketValue: 20_000, weightPct: 20, unrealizedPnL: 5000, dailyPnL: 500 });
  });

  it('shows unknown values as null, never as zero', () => {
    const model = new PortfolioModel(() => 1);
    model.applyPosition('DU111', AAPL, 10, 150);
    model.applyAccountValue('DU111', 'BuyingPower', '1.7976931348623157E308', 'USD');
    const snapshot = model.snapshot();
    expect(snapshot.positions[0]).toMatchObject({ marketPrice: null, marketValue: null, unrealizedPnL: null, weightPct: null });
    expect(snapshot.accounts[0]?.buyingPower).toBeNull();
  });

  it('batches many ticks into one delta with the latest values', () => {
    const model = new PortfolioModel(() => 1);
    model.applyPosition('DU111', AAPL, 10, 150);
    model.takeDelta();
    for (let i = 0; i < 100; i += 1) model.applyQuote(AAPL.conId, 'AAPL', { last: 200 + i });
    const delta = model.takeDelta();
    expect(delta?.quotes).toHaveLength(1);
    expect(delta?.quotes?.[0]?.last).toBe(299);
    expect(delta?.positions?.[0]?.marketValue).toBe(2990);
    expect(model.takeDelta()).toBeUndefined();
  });

  it('removes a closed position and says so in the delta', () => {
    const model = new PortfolioModel(() => 1);
    model.applyPosition('DU111', AAPL, 10, 150);
    model.takeDelta();
    model.applyPosition('DU111', AAPL, 0, 0);
    expect(model.takeDelta()).toMatchObject({ removedPositions: ['DU111:265598'] });
    expect(model.snapshot().positions).toEqual([]);
  });

  it('marks cash and IRA accounts so the risk checks can refuse shorting and margin', () => {
    const model = new PortfolioModel(() => 1);
    model.applyAccountValue('DU222', 'AccountType', 'IRA', '');
    model.applyAccountValue('DU333', 'AccountType', 'INDIVIDUAL', '');
    expect(model.account('DU222')?.kind).toBe('cash');
    expect(model.account('DU333')?.kind).toBe('margin');
  });

  it('replaces everything after a re-sync', () => {
    const model = new PortfolioModel(() => 1);
    model.applyPosition('DU111', AAPL, 10, 150);
    model.takeDelta();
    model.clear();
    expect(model.takeDelta()?.reset?.positions).toEqual([]);
  });
});

describe('paper or live', () => {
  it('is decided by the account ids: every paper account starts with D', async () => {
    const { tradingModeOf } = await import('../../../src/main/broker/gateway-label');
    expect(tradingModeOf(['DU1234567', 'DU7654321'])).toBe('paper');
    expect(tradingModeOf(['DU1234567', 'U7654321'])).toBe('live');
    expect(tradingModeOf(['U1234567'])).toBe('live');
    expect(tradingModeOf([])).toBe('unknown');
  });

  it('a finished order never comes back as open when its openOrder message arrives after its final status', () => {
    const model = new PortfolioModel(() => 1);
    const order = (status: string): OpenOrderView => ({
      orderId: 50, permId: 50, clientId: 7, conId: 265598, account: 'DU1', symbol: 'AAPL', action: 'BUY', quantity: 3, orderType: 'LMT',
      limitPrice: 100, stopPrice: null, tif: 'DAY', status, filled: 0, remaining: 3, avgFillPrice: null, orderRef: 'ref',
    });
    model.applyOpenOrder(order('Submitted'));
    model.applyOrderStatus(7, 50, 'Filled', 3, 0, 100);
    // IB sends the two in either order: a late openOrder(Filled) must not show a filled order as working with 0 filled.
    model.applyOpenOrder(order('Filled'));
    expect(model.snapshot().openOrders).toEqual([]);
    model.applyOpenOrder(order('Cancelled'));
    expect(model.snapshot().openOrders).toEqual([]);
  });
});


describe('every currency and security type', () => {
  const SAP = { conId: 14204, symbol: 'SAP', underlying: 'SAP', secType: 'STK', currency: 'EUR', exchange: 'IBIS', multiplier: 1, priceMagnifier: 1, expiry: null, strike: null, right: null };
  const CALL = { conId: 1_000_000_123, symbol: 'AAPL  261218C00230000', underlying: 'AAPL', secType: 'OPT', currency: 'USD', exchange: 'SMART', multiplier: 100, priceMagnifier: 1, expiry: '20261218', strike: 230, right: 'C' as const };

  it('keeps cash and IB\'s exchange rate per currency from the ledger rows, base first', () => {
    const model = new PortfolioModel(() => 1);
    model.applyAccountValue('DU1', 'NetLiquidation', '500000', 'EUR');
    model.applyAccountValue('DU1', 'CashBalance', '60000', 'USD');
    model.applyAccountValue('DU1', 'ExchangeRate', '0.92', 'USD');
    model.applyAccountValue('DU1', 'CashBalance', '400000', 'EUR');
    model.applyAccountValue('DU1', 'ExchangeRate', '1', 'EUR');
    model.applyAccountValue('DU1', 'CashBalance', '460000', 'BASE');
    const account = model.account('DU1')!;
    expect(account.currency).toBe('EUR');
    expect(account.cashByCurrency).toEqual([
      { currency: 'EUR', cash: 400_000, rate: 1, netLiquidation: null },
      { currency: 'USD', cash: 60_000, rate: 0.92, netLiquidation: null },
    ]);
  });

  it('values a EUR stock in EUR and in the USD base at IB\'s rate, computed until IB\'s P&L arrives and IB\'s figures after', () => {
    const model = new PortfolioModel(() => 1);
    model.applyAccountValue('DU1', 'NetLiquidation', '100000', 'USD');
    model.applyAccountValue('DU1', 'ExchangeRate', '1.08', 'EUR');
    model.applyPosition('DU1', SAP, 100, 200);
    model.applyQuote(SAP.conId, 'SAP', { last: 210, close: 205 });
    expect(model.snapshot().positions[0]).toMatchObject({
      currency: 'EUR', marketValue: 21_000, fxRate: 1.08, weightPct: 22.68,
      sources: { marketValue: 'computed', baseValue: 'computed', unrealizedPnL: 'computed', dailyPnL: 'computed' },
    });
    expect(model.snapshot().positions[0]!.baseValue).toBeCloseTo(22_680, 6);
    expect(model.snapshot().positions[0]!.unrealizedPnL).toBeCloseTo(1_080, 6);
    model.applyPositionPnL('DU1', SAP.conId, { position: 100, daily: 540, unrealized: 1_100, value: 22_700 });
    const p = model.snapshot().positions[0]!;
    expect(p).toMatchObject({ baseValue: 22_700, unrealizedPnL: 1_100, dailyPnL: 540, sources: { baseValue: 'ib', unrealizedPnL: 'ib', dailyPnL: 'ib', marketValue: 'computed' } });
    expect(p.marketValue! * p.fxRate!).toBeCloseTo(22_700, 6);
  });

  it('an option keeps its terms and its multiplier; an unknown security type is kept and said to be unknown', () => {
    const model = new PortfolioModel(() => 1);
    model.applyAccountValue('DU1', 'NetLiquidation', '100000', 'USD');
    model.applyPosition('DU1', CALL, -2, 950);
    model.applyQuote(CALL.conId, CALL.symbol, { last: 5 });
    expect(model.snapshot().positions[0]).toMatchObject({ secType: 'OPT', knownType: true, underlying: 'AAPL', strike: 230, right: 'C', expiry: '20261218', marketValue: -1_000, unrealizedPnL: 900 });
    model.applyPosition('DU1', { ...CALL, conId: 42, symbol: 'XYZ', secType: 'SWAPTION', multiplier: 1, expiry: null, strike: null, right: null }, 3, 10);
    expect(model.snapshot().positions.find((p) => p.conId === 42)).toMatchObject({ secType: 'SWAPTION', knownType: false, quantity: 3 });
  });
});
