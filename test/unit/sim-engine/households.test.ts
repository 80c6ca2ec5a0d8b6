import { afterEach, describe, expect, it } from 'vitest';
import { BUSINESS, IRA, MARGIN, rig, type Rig } from './support';

let r: Rig;
afterEach(() => r?.engine.close());

type Row = { tag: string; value: string; currency: string };
const tag = (rows: Row[], t: string, currency?: string): number => Number(rows.find((v) => v.tag === t && (currency === undefined || v.currency === currency))!.value);

describe('demo households', () => {
  it('the margin account holds long and short options with a vertical spread, a future, stocks in EUR, JPY and GBP, and EUR and JPY cash', () => {
    r = rig();
    const rows = r.engine.positions(MARGIN);
    const options = rows.filter((p) => p.contract.secType === 'OPT');
    expect(options.some((p) => p.pos > 0)).toBe(true);
    expect(options.some((p) => p.pos < 0)).toBe(true);
    const spy = options.filter((p) => p.contract.symbol === 'SPY');
    expect(spy).toHaveLength(2);
    expect(spy[0]!.contract.lastTradeDateOrContractMonth).toBe(spy[1]!.contract.lastTradeDateOrContractMonth);
    expect(spy.map((p) => Math.sign(p.pos)).sort()).toEqual([-1, 1]);
    // IB's average cost of an option is per contract: the multiplier is in it.
    for (const p of options) expect(p.avgCost).toBeGreaterThan(r.engine.quote(p.contract.conId!).last * 50);
    expect(rows.filter((p) => p.contract.secType === 'FUT').map((p) => p.contract.symbol)).toEqual(['ES']);
    expect(new Set(rows.filter((p) => p.contract.secType === 'STK').map((p) => p.contract.currency))).toEqual(new Set(['USD', 'EUR', 'JPY', 'GBP']));
    const ledger = r.engine.accountLedger(MARGIN);
    expect(tag(ledger, 'CashBalance', 'EUR')).toBeCloseTo(25_000, 2);
    expect(tag(ledger, 'CashBalance', 'JPY')).toBeCloseTo(1_500_000, 2);
    // Rates are the IDEALPRO pairs' last prices: EUR.USD as quoted, JPY through USD.JPY.
    expect(tag(ledger, 'ExchangeRate', 'EUR')).toBeCloseTo(r.engine.quote(12087792).last, 6);
    expect(tag(ledger, 'ExchangeRate', 'JPY')).toBeCloseTo(1 / r.engine.quote(15016059).last, 9);
    expect(tag(ledger, 'ExchangeRate', 'BASE')).toBe(1);
  });

  it('the IRA writes a covered call; the business account reports in EUR', () => {
    r = rig();
    const ira = r.engine.positions(IRA);
    const call = ira.find((p) => p.contract.secType === 'OPT')!;
    expect(call.pos).toBeLessThan(0);
    expect(call.contract.right).toBe('C');
    expect(ira.find((p) => p.contract.secType === 'STK' && p.contract.symbol === call.contract.symbol)!.pos).toBeGreaterThanOrEqual(-call.pos * 100);
    const biz = r.engine.accountSummary(BUSINESS);
    expect(biz.find((v) => v.tag === 'AccountType')!.value).toBe('CORPORATION');
    expect(biz.find((v) => v.tag === 'NetLiquidation')!.currency).toBe('EUR');
    const ledger = r.engine.accountLedger(BUSINESS);
    expect(ledger.find((v) => v.tag === 'Currency' && v.currency === 'BASE')!.value).toBe('EUR');
    expect(tag(ledger, 'ExchangeRate', 'USD')).toBeCloseTo(1 / r.engine.quote(12087792).last, 6);
  });

  it('net liquidation is the sum of every currency converted at the reported rate, and each position converts the same way', () => {
    r = rig();
    r.clock.advance(5 * 60_000);
    for (const account of r.engine.accounts) {
      const summary = r.engine.accountSummary(account);
      const ledger = r.engine.accountLedger(account);
      const currencies = [...new Set(ledger.map((v) => v.currency).filter((c) => c !== 'BASE'))];
      const byCurrency = currencies.reduce((s, c) => s + tag(ledger, 'NetLiquidationByCurrency', c) * tag(ledger, 'ExchangeRate', c), 0);
      expect(byCurrency).toBeCloseTo(tag(summary, 'NetLiquidation'), 0);
      const rateOf = (c: string): number => tag(ledger, 'ExchangeRate', c);
      let fromPositions = currencies.reduce((s, c) => s + tag(ledger, 'CashBalance', c) * rateOf(c), 0);
      const rows = r.engine.portfolio(account);
      for (const row of rows) {
        const single = r.engine.pnlSingle(account, row.contract.conId!)!;
        const rate = rateOf(row.contract.currency!);
        expect(single.value).toBeCloseTo(row.marketValue * rate, 1);
        expect(single.unrealizedPnL).toBeCloseTo(row.unrealizedPNL * rate, 1);
        // A future adds its open P&L to the account, not its notional.
        fromPositions += row.contract.secType === 'FUT' ? single.unrealizedPnL : single.value;
      }
      expect(fromPositions).toBeCloseTo(tag(summary, 'NetLiquidation'), -1);
      expect(Math.abs(fromPositions - tag(summary, 'NetLiquidation'))).toBeLessThan(0.01 * (rows.length + currencies.length));
      const daily = r.engine.positions(account).reduce((s, p) => s + r.engine.pnlSingle(account, p.contract.conId!)!.dailyPnL, 0);
      expect(r.engine.pnl(account).dailyPnL).toBeCloseTo(daily, 0);
    }
  });

  it('a London share is priced in pounds, not the pence it quotes in', () => {
    r = rig();
    const hsba = r.engine.portfolio(MARGIN).find((p) => p.contract.symbol === 'HSBA')!;
    expect(hsba.contract.currency).toBe('GBP');
    expect(hsba.marketPrice).toBeCloseTo(r.engine.quote(hsba.contract.conId!).last / 100, 6);
  });

  it('an advisor model has its own positions and values', () => {
    r = rig();
    expect(r.engine.models(MARGIN)).toEqual(['GROWTH']);
    const rows = r.engine.positions(MARGIN, 'GROWTH');
    expect(rows.map((p) => p.contract.symbol).sort()).toEqual(['AMZN', 'GOOGL', 'NVDA']);
    const values = r.engine.accountValues(MARGIN, 'GROWTH');
    const nlv = Number(values.find((v) => v.key === 'NetLiquidation')!.value);
    const sum = rows.reduce((s, p) => s + r.engine.pnlSingle(MARGIN, p.contract.conId!)!.value, 0);
    expect(nlv).toBeCloseTo(sum, 0);
  });
});
