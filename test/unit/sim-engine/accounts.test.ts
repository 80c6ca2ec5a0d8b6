import { afterEach, describe, expect, it } from 'vitest';
import { BUSINESS, IRA, MARGIN, conIdOf, order, rig, stock, type Rig } from './support';

let r: Rig;
afterEach(() => r?.engine.close());

const value = (rows: { tag: string; value: string }[], tag: string): number => Number(rows.find((v) => v.tag === tag)!.value);
const num = (rows: { key: string; value: string }[], key: string): number => Number(rows.find((v) => v.key === key && v.value !== '')!.value);

describe('accounts', () => {
  it('open with a ~$1M margin account holding ~10 US names, a ~$250k IRA in ETFs and a EUR business account', () => {
    r = rig();
    expect(r.engine.accounts).toEqual([MARGIN, IRA, BUSINESS]);
    const m = r.engine.accountSummary(MARGIN);
    expect(value(m, 'NetLiquidation')).toBeGreaterThan(900_000);
    expect(value(m, 'NetLiquidation')).toBeLessThan(1_250_000);
    expect(m.find((v) => v.tag === 'AccountType')!.value).toBe('INDIVIDUAL');
    expect(r.engine.positions(MARGIN).filter((p) => p.contract.secType === 'STK' && p.contract.currency === 'USD')).toHaveLength(10);
    const i = r.engine.accountSummary(IRA);
    expect(i.find((v) => v.tag === 'AccountType')!.value).toBe('IRA');
    expect(value(i, 'NetLiquidation')).toBeGreaterThan(200_000);
    expect(value(i, 'NetLiquidation')).toBeLessThan(300_000);
    // A cash account's buying power is its cash.
    expect(value(i, 'BuyingPower')).toBeCloseTo(value(i, 'TotalCashValue'), 2);
    for (const p of r.engine.positions()) expect(p.avgCost).toBeGreaterThan(0);
  });

  it('hold more names when asked for a broader demo book', () => {
    r = rig(undefined, { heldSymbols: 120 });
    expect(r.engine.positions(MARGIN).filter((p) => p.contract.secType === 'STK' && p.contract.currency === 'USD')).toHaveLength(120);
  });

  it('report NetLiquidation = cash + positions at market, and margin figures that agree', () => {
    r = rig();
    r.clock.advance(5 * 60_000);
    for (const account of [IRA]) {
      const s = r.engine.accountSummary(account);
      const rows = r.engine.portfolio(account);
      const mv = rows.reduce((sum, p) => sum + p.marketValue, 0);
      expect(value(s, 'NetLiquidation')).toBeCloseTo(value(s, 'TotalCashValue') + mv, 0);
      expect(value(s, 'GrossPositionValue')).toBeCloseTo(rows.reduce((sum, p) => sum + Math.abs(p.marketValue), 0), 0);
      expect(value(s, 'AvailableFunds')).toBeCloseTo(value(s, 'EquityWithLoanValue') - value(s, 'InitMarginReq'), 1);
      expect(value(s, 'ExcessLiquidity')).toBeCloseTo(value(s, 'EquityWithLoanValue') - value(s, 'MaintMarginReq'), 1);
      expect(value(s, 'DayTradesRemaining')).toBe(-1);
      for (const p of rows.filter((x) => x.contract.secType === 'STK')) {
        expect(p.marketPrice).toBe(r.engine.quote(p.contract.conId!).last);
        expect(p.unrealizedPNL).toBeCloseTo(p.marketValue - p.pos * p.avgCost, 1);
      }
      const v = r.engine.accountValues(account);
      expect(v.find((x) => x.key === 'AccountCode')!.value).toBe(account);
      expect(num(v, 'NetLiquidation')).toBe(value(s, 'NetLiquidation'));
    }
    const m = r.engine.accountSummary(MARGIN);
    expect(value(m, 'AvailableFunds')).toBeCloseTo(value(m, 'EquityWithLoanValue') - value(m, 'InitMarginReq'), 1);
    expect(value(m, 'BuyingPower')).toBeCloseTo(4 * value(m, 'AvailableFunds'), 0);
  });

  it('book a buy: cash down by cost and commission, average cost including commission, an account event', () => {
    r = rig();
    const changed: string[] = [];
    r.engine.on('account', (a) => changed.push(a));
    const cashBefore = value(r.engine.accountSummary(MARGIN), 'TotalCashValue');
    r.engine.placeOrder(1, 1, stock('TSLA'), order('BUY', 100, 'MKT'));
    const f = r.fills[0]!;
    expect(f.execution.shares).toBe(100);
    expect(f.commission.realizedPNL).toBe(Number.MAX_VALUE);
    expect(changed).toContain(MARGIN);
    expect(value(r.engine.accountSummary(MARGIN), 'TotalCashValue')).toBeCloseTo(cashBefore - 100 * f.execution.price! - 1, 2);
    const pos = r.engine.positions(MARGIN).find((p) => p.contract.symbol === 'TSLA')!;
    expect(pos.pos).toBe(100);
    expect(pos.avgCost).toBeCloseTo(f.execution.price! + 0.01, 4);
  });

  it('realize P&L on a sale and report daily, unrealized and realized P&L', () => {
    r = rig(undefined, { tickIntervalMs: 1_000 });
    const tsla = conIdOf(r.engine, 'TSLA');
    r.engine.placeOrder(1, 1, stock('TSLA'), order('BUY', 100, 'MKT'));
    const buy = r.fills[0]!.execution.price!;
    r.clock.advance(30 * 60_000);
    const single = r.engine.pnlSingle(MARGIN, tsla)!;
    const last = r.engine.quote(tsla).last;
    expect(single.pos).toBe(100);
    expect(single.value).toBeCloseTo(100 * last, 2);
    expect(single.unrealizedPnL).toBeCloseTo(100 * (last - buy) - 1, 2);
    // Bought today: the day's P&L is the move since the fill, less the commission.
    expect(single.dailyPnL).toBeCloseTo(100 * (last - buy) - 1, 2);
    r.engine.placeOrder(1, 2, stock('TSLA'), order('SELL', 40, 'MKT'));
    const sell = r.fills.find((f) => f.execution.orderId === 2)!;
    const expected = (sell.execution.price! - (buy + 0.01)) * 40 - 1;
    expect(sell.commission.realizedPNL).toBeCloseTo(expected, 2);
    expect(r.engine.pnlSingle(MARGIN, tsla)!.realizedPnL).toBeCloseTo(expected, 2);
    expect(r.engine.pnl(MARGIN).realizedPnL).toBeCloseTo(expected, 2);
    const singles = r.engine.positions(MARGIN).map((p) => r.engine.pnlSingle(MARGIN, p.contract.conId!)!);
    expect(r.engine.pnl(MARGIN).unrealizedPnL).toBeCloseTo(singles.reduce((s, p) => s + p.unrealizedPnL, 0), 0);
    const rows = r.engine.portfolio(MARGIN);
    expect(rows.find((p) => p.contract.conId === tsla)).toMatchObject({ pos: 60 });
    expect(r.engine.pnlSingle(MARGIN, 1)).toBeUndefined();
  });

  it("measure daily P&L from the previous close for positions held overnight", () => {
    r = rig();
    const aapl = conIdOf(r.engine, 'AAPL');
    const q = r.engine.quote(aapl);
    const pos = r.engine.positions(MARGIN).find((p) => p.contract.conId === aapl)!.pos;
    expect(r.engine.pnlSingle(MARGIN, aapl)!.dailyPnL).toBeCloseTo(pos * (q.last - q.close), 2);
    const singles = r.engine.positions(MARGIN).reduce((s, p) => s + r.engine.pnlSingle(MARGIN, p.contract.conId!)!.dailyPnL, 0);
    expect(r.engine.pnl(MARGIN).dailyPnL).toBeCloseTo(singles, 1);
  });
});

describe('what-if', () => {
  it('answers margin before, change and after plus commission, and changes nothing', () => {
    r = rig();
    const aapl = conIdOf(r.engine, 'AAPL');
    const before = r.engine.accountSummary(MARGIN);
    const q = r.engine.quote(aapl);
    const res = r.engine.placeOrder(1, 1, stock('AAPL'), order('BUY', 100, 'MKT', { whatIf: true, orderRef: 'probe' }));
    if (res.kind !== 'whatIf') throw new Error(`expected what-if, got ${res.kind}`);
    const s = res.state;
    expect(s.status).toBe('PreSubmitted');
    expect(res.order).toMatchObject({ whatIf: true, account: MARGIN, orderRef: 'probe' });
    expect(res.contract.conId).toBe(aapl);
    expect(s.initMarginBefore).toBeCloseTo(value(before, 'InitMarginReq'), 1);
    expect(s.maintMarginBefore).toBeCloseTo(value(before, 'MaintMarginReq'), 1);
    expect(s.equityWithLoanBefore).toBeCloseTo(value(before, 'EquityWithLoanValue'), 1);
    expect(s.initMarginChange).toBeCloseTo(100 * q.last * 0.5, 1);
    expect(s.maintMarginChange).toBeCloseTo(100 * q.last * 0.25, 1);
    expect(s.initMarginAfter).toBeCloseTo(s.initMarginBefore! + s.initMarginChange!, 1);
    expect(s.equityWithLoanChange).toBeCloseTo(-(100 * (q.ask - q.last)) - 1, 1);
    expect(s.commission).toBe(1);
    expect(s.commissionCurrency).toBe('USD');
    expect(s.warningText).toBe('');
    // Nothing happened: no status, no fill, and the id is still free.
    expect(r.statuses).toHaveLength(0);
    expect(r.fills).toHaveLength(0);
    expect(r.engine.accountSummary(MARGIN)).toEqual(before);
    expect(r.engine.placeOrder(1, 1, stock('AAPL'), order('BUY', 100, 'MKT'))).toEqual({ kind: 'accepted' });
  });

  it('says why the order would be refused instead of refusing the question', () => {
    r = rig();
    const res = r.engine.placeOrder(1, 1, stock('SPY'), order('SELL', 10, 'LMT', { lmtPrice: 500, whatIf: true, account: IRA }));
    expect(res.kind).toBe('whatIf');
    if (res.kind === 'whatIf') expect(res.state.warningText).toMatch(/Short sale is not permitted/);
  });
});
