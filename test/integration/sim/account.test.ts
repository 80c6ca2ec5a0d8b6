import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventName, OrderAction, OrderType, SecType, type Contract } from '@stoqey/ib';
import { record, startHarness, until, waitEvent, type Harness } from './support';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.close(); });

describe('account flows over TCP', () => {
  it('positions: every row of every account, then the end marker', async () => {
    const ib = await h.connect(3);
    const rows = record<[string, Contract, number, number]>(ib, EventName.position);
    const end = waitEvent(ib, EventName.positionEnd);
    ib.reqPositions();
    await end;
    const expected = h.sim.engine.positions();
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map(([a, c, pos, avg]) => [a, c.conId, pos, avg])).toEqual(expected.map((p) => [p.account, p.contract.conId, p.pos, p.avgCost]));
    expect(new Set(rows.map(([a]) => a)).size).toBeGreaterThanOrEqual(1);
  });

  it('account summary: requested tags for each account, then the end; cancel stops updates', async () => {
    const ib = await h.connect(3);
    const rows = record<[number, string, string, string, string]>(ib, EventName.accountSummary);
    const end = waitEvent(ib, EventName.accountSummaryEnd);
    ib.reqAccountSummary(4, 'All', 'NetLiquidation,BuyingPower,TotalCashValue');
    await end;
    for (const account of h.sim.accounts) {
      const tags = rows.filter(([, a]) => a === account).map(([, , tag]) => tag).sort();
      expect(tags).toEqual(['BuyingPower', 'NetLiquidation', 'TotalCashValue']);
    }
    const nlv = rows.find(([, a, tag]) => a === h.sim.accounts[0] && tag === 'NetLiquidation');
    expect(Number(nlv?.[3])).toBeGreaterThan(0);
    expect(nlv?.[4]).toBe('USD');
    ib.cancelAccountSummary(4);
  });

  it('account updates: values, portfolio rows, account time, download end; pushed again after a fill', async () => {
    const account = h.sim.accounts[0] as string;
    const ib = await h.connect(3);
    const values = record<[string, string, string, string]>(ib, EventName.updateAccountValue);
    const portfolio = record<[Contract, number, number, number, number, number, number, string]>(ib, EventName.updatePortfolio);
    const times = record<[string]>(ib, EventName.updateAccountTime);
    const end = waitEvent(ib, EventName.accountDownloadEnd);
    ib.reqAccountUpdates(true, account);
    expect((await end)[0]).toBe(account);
    const keys = new Set(values.map(([k]) => k));
    for (const k of ['NetLiquidation', 'TotalCashValue', 'BuyingPower', 'AvailableFunds', 'ExcessLiquidity', 'MaintMarginReq', 'GrossPositionValue']) expect(keys).toContain(k);
    expect(portfolio.length).toBe(h.sim.engine.portfolio(account).length);
    expect(portfolio.every(([, , , , , , , a]) => a === account)).toBe(true);
    expect(times[0]?.[0]).toBe('10:00');
    const before = values.length;
    ib.placeOrder(50, { symbol: 'SPY', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.MKT, account, transmit: true });
    await until(() => values.length > before, 'account values pushed after the fill');
  });

  it('PnL and PnL single stream on the sim clock', async () => {
    const account = h.sim.accounts[0] as string;
    const held = h.sim.engine.positions(account)[0];
    expect(held).toBeDefined();
    const ib = await h.connect(3);
    const pnl = record<[number, number, number, number]>(ib, EventName.pnl);
    const single = record<[number, number, number, number, number, number]>(ib, EventName.pnlSingle);
    ib.reqPnL(7, account, '');
    ib.reqPnLSingle(8, account, '', held!.contract.conId!);
    await until(() => pnl.length > 0 && single.length > 0, 'first P&L');
    const expected = h.sim.engine.pnl(account);
    expect(pnl[0]).toEqual([7, expected.dailyPnL, expected.unrealizedPnL, expected.realizedPnL]);
    expect(single[0]?.[0]).toBe(8);
    expect(single[0]?.[1]).toBe(held!.pos);
    const n = pnl.length;
    h.clock.advance(1000);
    await until(() => pnl.length > n, 'P&L one sim-second later');
    ib.cancelPnL(7);
    ib.cancelPnLSingle(8);
  });

  it('a position sold out is reported once more with size 0, to positions and portfolio subscribers', async () => {
    const account = h.sim.accounts[0] as string;
    const held = h.sim.engine.positions(account).find((p) => p.pos > 0)!;
    const ib = await h.connect(3);
    const rows = record<[string, Contract, number, number]>(ib, EventName.position);
    const portfolio = record<[Contract, number]>(ib, EventName.updatePortfolio);
    const endPos = waitEvent(ib, EventName.positionEnd);
    const endAcct = waitEvent(ib, EventName.accountDownloadEnd);
    ib.reqPositions();
    ib.reqAccountUpdates(true, account);
    await Promise.all([endPos, endAcct]);
    ib.placeOrder(60, { conId: held.contract.conId, exchange: 'SMART' }, { action: OrderAction.SELL, totalQuantity: held.pos, orderType: OrderType.MKT, account, transmit: true });
    await until(() => rows.some(([a, c, pos]) => a === account && c.conId === held.contract.conId && pos === 0), 'a zero position row');
    await until(() => portfolio.some(([c, pos]) => c.conId === held.contract.conId && pos === 0), 'a zero portfolio row');
  });
});

