import type { OpenOrderView } from '../../../src/shared/portfolio';
import { describe, expect, it } from 'vitest';
import { PortfolioModel } from '../../../src/main/broker/portfolio-model';

const AAPL = { conId: 265598, symbol: 'AAPL', secType: 'STK', currency: 'USD', exchange: 'NASDAQ', multiplier: 1 };

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

