import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventName, type Contract } from '@stoqey/ib';
import { record, startHarness, until, waitEvent, type Harness } from './support';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.close(); });

const BUSINESS = 'DU5550123';

describe('households over TCP', () => {
  it('$LEDGER:ALL gives every currency of every account with its exchange rate, $LEDGER only the base totals', async () => {
    const ib = await h.connect(3);
    const rows = record<[number, string, string, string, string]>(ib, EventName.accountSummary);
    const end = waitEvent(ib, EventName.accountSummaryEnd, (id) => id === 4);
    ib.reqAccountSummary(4, 'All', 'NetLiquidation,$LEDGER:ALL');
    await end;
    const margin = rows.filter(([id, a]) => id === 4 && a === h.sim.accounts[0]);
    const currencies = new Set(margin.filter(([, , tag]) => tag === 'ExchangeRate').map(([, , , , c]) => c));
    expect(currencies).toEqual(new Set(['BASE', 'USD', 'EUR', 'JPY', 'GBP']));
    const biz = rows.filter(([id, a]) => id === 4 && a === BUSINESS);
    expect(biz.find(([, , tag]) => tag === 'NetLiquidation')![4]).toBe('EUR');
    expect(biz.find(([, , tag, , c]) => tag === 'Currency' && c === 'BASE')![3]).toBe('EUR');
    expect(Number(biz.find(([, , tag, , c]) => tag === 'ExchangeRate' && c === 'USD')![3])).toBeLessThan(1);
    const base = waitEvent(ib, EventName.accountSummaryEnd, (id) => id === 5);
    ib.reqAccountSummary(5, 'All', '$LEDGER');
    await base;
    expect(new Set(rows.filter(([id]) => id === 5).map(([, , , , c]) => c))).toEqual(new Set(['BASE']));
  });

  it('account updates and positions per model: only the model\'s positions; an unknown model is refused', async () => {
    const ib = await h.connect(3);
    const account = h.sim.accounts[0] as string;
    const positions = record<[number, string, string, Contract, number, number]>(ib, EventName.positionMulti);
    const values = record<[number, string, string, string, string, string]>(ib, EventName.accountUpdateMulti);
    const endPos = waitEvent(ib, EventName.positionMultiEnd);
    const endVal = waitEvent(ib, EventName.accountUpdateMultiEnd);
    ib.reqPositionsMulti(6, account, 'GROWTH');
    ib.reqAccountUpdatesMulti(7, account, 'GROWTH', false);
    await Promise.all([endPos, endVal]);
    expect(positions.map(([, , , c]) => c.symbol).sort()).toEqual(['AMZN', 'GOOGL', 'NVDA']);
    expect(positions.every(([, , model]) => model === 'GROWTH')).toBe(true);
    const nlv = Number(values.find(([, , , key]) => key === 'NetLiquidation')![4]);
    const sum = positions.reduce((s, [, , , c]) => s + h.sim.engine.pnlSingle(account, c.conId!)!.value, 0);
    expect(nlv).toBeCloseTo(sum, 0);
    const refused = waitEvent<[Error, number, number]>(ib, EventName.error, (_e, _c, id) => id === 8);
    ib.reqPositionsMulti(8, account, 'NOSUCH');
    expect((await refused)[1]).toBe(321);
  });

  it('portfolio rows in the instrument\'s currency; PnL single in the account\'s base currency at the reported rate', async () => {
    const ib = await h.connect(3);
    const account = h.sim.accounts[0] as string;
    const portfolio = record<[Contract, number, number, number, number, number, number, string]>(ib, EventName.updatePortfolio);
    const values = record<[string, string, string, string]>(ib, EventName.updateAccountValue);
    const end = waitEvent(ib, EventName.accountDownloadEnd);
    ib.reqAccountUpdates(true, account);
    await end;
    const sap = portfolio.find(([c]) => c.symbol === 'SAP')!;
    expect(sap[0].currency).toBe('EUR');
    const rate = Number(values.find(([key, , currency]) => key === 'ExchangeRate' && currency === 'EUR')![1]);
    const single = record<[number, number, number, number, number, number]>(ib, EventName.pnlSingle);
    ib.reqPnLSingle(9, account, '', sap[0].conId!);
    await until(() => single.length > 0, 'PnL single for SAP');
    const [, pos, , unrealized, , value] = single[0]!;
    expect(pos).toBe(sap[1]);
    expect(value).toBeCloseTo(sap[3] * rate, 1);
    expect(unrealized).toBeCloseTo(sap[5] * rate, 1);
    for (const secType of ['OPT', 'FUT', 'STK']) expect(portfolio.some(([c]) => c.secType === secType)).toBe(true);
  });
});
