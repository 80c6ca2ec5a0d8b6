// Requests a TWS answers that the simulator used to leave hanging, each made
// with the real client over TCP and answered with data and its end marker.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BarSizeSetting, DurationUnit, EventName, Instrument, LocationCode, OrderAction, OrderType, ScanCode, SecType, WhatToShow,
  type Contract, type ContractDescription, type Order, type OrderState,
} from '@stoqey/ib';
import { advanceUntil, record, startHarness, until, waitEvent, type Harness } from './support';

const aapl: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.close(); });

describe('reference data, news, scanner and per-account streams over TCP', () => {
  it('completed orders: a filled and a cancelled order, with their completion facts, then the end', async () => {
    const ib = await h.connect(5);
    const statuses = record<[number, string]>(ib, EventName.orderStatus);
    ib.placeOrder(1, aapl, { action: OrderAction.BUY, totalQuantity: 3, orderType: OrderType.MKT, orderRef: 'filled-one' });
    ib.placeOrder(2, aapl, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.LMT, lmtPrice: 1, orderRef: 'cancelled-one' });
    await advanceUntil(h.clock, 250, () => statuses.some(([id, s]) => id === 1 && s === 'Filled') && statuses.some(([id]) => id === 2), 'fill and ack');
    ib.cancelOrder(2);
    await until(() => statuses.some(([id, s]) => id === 2 && s === 'Cancelled'), 'the cancel');
    const done = record<[Contract, Order, OrderState]>(ib, EventName.completedOrder);
    const end = waitEvent(ib, EventName.completedOrdersEnd);
    ib.reqCompletedOrders(false);
    await end;
    const byRef = new Map(done.map(([c, o, s]) => [o.orderRef, { c, o, s }]));
    expect(byRef.get('filled-one')).toMatchObject({ c: { symbol: 'AAPL' }, o: { totalQuantity: 3, filledQuantity: 3 }, s: { status: 'Filled', completedStatus: 'Filled Size: 3' } });
    expect(byRef.get('cancelled-one')?.s.status).toBe('Cancelled');
    expect(byRef.get('filled-one')?.s.completedTime).toMatch(/^\d{8} \d{2}:\d{2}:\d{2} US\/Eastern$/);
  });

  it('positions and account values per account, with their end markers; an unknown account gets 321', async () => {
    const ib = await h.connect(5);
    const [margin, cash] = h.sim.accounts as [string, string];
    const rows = record<[number, string, string, Contract, number, number]>(ib, EventName.positionMulti);
    const end = waitEvent<[number]>(ib, EventName.positionMultiEnd);
    ib.reqPositionsMulti(7, cash, '');
    expect((await end)[0]).toBe(7);
    expect(rows.length).toBe(h.sim.engine.positions(cash).length);
    expect(rows.every(([id, account]) => id === 7 && account === cash)).toBe(true);
    const values = record<[number, string, string, string, string, string]>(ib, EventName.accountUpdateMulti);
    const vend = waitEvent<[number]>(ib, EventName.accountUpdateMultiEnd);
    ib.reqAccountUpdatesMulti(8, margin, '', false);
    await vend;
    const netLiq = values.find(([, , , key]) => key === 'NetLiquidation');
    expect(netLiq?.[1]).toBe(margin);
    expect(Number(netLiq?.[4])).toBeGreaterThan(0);
    const err = waitEvent<[Error, number, number]>(ib, EventName.error, (_e, code, id) => code === 321 && id === 9);
    ib.reqPositionsMulti(9, 'DU0000000', '');
    await err;
  });

  it('matching symbols by symbol and by company name', async () => {
    const ib = await h.connect(5);
    const bySymbol = waitEvent<[number, ContractDescription[]]>(ib, EventName.symbolSamples, (id) => id === 1);
    ib.reqMatchingSymbols(1, 'AAP');
    const [, found] = await bySymbol;
    expect(found[0]?.contract).toMatchObject({ symbol: 'AAPL', secType: 'STK', primaryExch: 'NASDAQ', currency: 'USD', conId: 265598 });
    expect(found[0]?.derivativeSecTypes).toContain('OPT');
    const byName = waitEvent<[number, ContractDescription[]]>(ib, EventName.symbolSamples, (id) => id === 2);
    ib.reqMatchingSymbols(2, 'microsoft');
    expect((await byName)[1].map((d) => d.contract?.symbol)).toContain('MSFT');
  });

  it('market rule, head timestamp, histogram and historical ticks', async () => {
    const ib = await h.connect(5);
    const rule = waitEvent<[number, { lowEdge: number; increment: number }[]]>(ib, EventName.marketRule);
    ib.reqMarketRule(26);
    expect(await rule).toEqual([26, [{ lowEdge: 0, increment: 0.01 }]]);
    const head = waitEvent<[number, string]>(ib, EventName.headTimestamp);
    ib.reqHeadTimestamp(3, aapl, WhatToShow.TRADES, true, 1);
    const [, stamp] = await head;
    expect(stamp).toMatch(/^\d{8}-\d{2}:\d{2}:\d{2}$/);
    const histogram = waitEvent<[number, { price: number; size: number }[]]>(ib, EventName.histogramData);
    ib.reqHistogramData(4, aapl, true, 1, DurationUnit.WEEK);
    const [, items] = await histogram;
    expect(items.length).toBeGreaterThan(3);
    expect(items.every((i) => i.price > 0 && i.size > 0)).toBe(true);
    const ticks = waitEvent<[number, { time: number; price: number; size: number; exchange: string }[], boolean]>(ib, EventName.historicalTicksLast);
    ib.reqHistoricalTicks(5, aapl, '20240103 09:30:00 US/Eastern', null, 100, WhatToShow.TRADES, 1, false);
    const [, list, done] = await ticks;
    expect(list).toHaveLength(100);
    expect(done).toBe(true);
    expect(list[0]!.time).toBe(Date.UTC(2024, 0, 3, 14, 30) / 1000);
    expect(list[0]!.exchange).toBe('ISLAND');
  });

  it('weekly and monthly bars over TCP', async () => {
    const ib = await h.connect(5);
    const bars = record<[number, string, number]>(ib, EventName.historicalData);
    ib.reqHistoricalData(6, aapl, '', '1 Y', BarSizeSetting.MONTHS_ONE, WhatToShow.TRADES, 1, 1, false);
    ib.reqHistoricalData(7, aapl, '', '2 M', BarSizeSetting.WEEKS_ONE, WhatToShow.TRADES, 1, 1, false);
    await until(() => [6, 7].every((id) => bars.some(([i, d]) => i === id && d.startsWith('finished'))), 'both answers');
    const months = bars.filter(([id, d]) => id === 6 && !d.startsWith('finished'));
    const weeks = bars.filter(([id, d]) => id === 7 && !d.startsWith('finished'));
    expect(months).toHaveLength(12);
    expect(weeks).toHaveLength(9);
  });

  it('user info, WSH metadata and event data', async () => {
    const ib = await h.connect(5);
    const info = waitEvent<[number, string]>(ib, EventName.userInfo);
    ib.reqUserInfo(10);
    expect(await info).toEqual([10, '']);
    const meta = waitEvent<[number, string]>(ib, EventName.wshMetaData);
    ib.reqWshMetaData(11);
    expect(JSON.parse((await meta)[1])).toHaveProperty('event_types');
    const events = waitEvent<[number, string]>(ib, EventName.wshEventData);
    ib.reqWshEventData(12, 265598);
    const parsed = JSON.parse((await events)[1]) as { data: { earnings_date: string } }[];
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed[0]!.data.earnings_date > '20240103').toBe(true);
  });

  it('news: providers, headlines for a held symbol (some hostile), and their articles', async () => {
    const ib = await h.connect(5);
    const providers = waitEvent<[{ providerCode: string; providerName: string }[]]>(ib, EventName.newsProviders);
    ib.reqNewsProviders();
    const codes = (await providers)[0].map((p) => p.providerCode);
    expect(codes).toContain('BRFG');
    const heads = record<[number, string, string, string, string]>(ib, EventName.historicalNews);
    const end = waitEvent<[number, boolean]>(ib, EventName.historicalNewsEnd);
    ib.reqHistoricalNews(13, 265598, codes.join('+'), '', '', 300);
    await end;
    expect(heads.length).toBeGreaterThan(20);
    expect(heads[0]![1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.0$/);
    const hostile = heads.find(([, , , , text]) => /ignore previous instructions|AI ASSISTANTS/i.test(text));
    expect(hostile, 'a headline that tries to instruct a model').toBeDefined();
    const art = waitEvent<[number, number, string]>(ib, EventName.newsArticle);
    ib.reqNewsArticle(14, hostile![2], hostile![3]);
    const [, type, text] = await art;
    expect(type).toBe(0);
    expect(text).toMatch(/Ignore previous instructions/);
    const err = waitEvent<[Error, number, number]>(ib, EventName.error, (_e, _c, id) => id === 15);
    ib.reqNewsArticle(15, 'BRFG', 'BRFG$nope');
    expect((await err)[1]).toBe(10172);
  });

  it('scanner: parameters XML, then the most active refreshed until cancelled', async () => {
    const ib = await h.connect(5);
    const xml = waitEvent<[string]>(ib, EventName.scannerParameters);
    ib.reqScannerParameters();
    expect((await xml)[0]).toContain('<scanCode>TOP_PERC_GAIN</scanCode>');
    await advanceUntil(h.clock, 1000, () => true, 'a market that has moved', 30);
    for (let i = 0; i < 120; i++) h.clock.advance(250);
    const rows = record<[number, number, { contract: Contract }]>(ib, EventName.scannerData);
    const ends = record<[number]>(ib, EventName.scannerDataEnd);
    ib.reqScannerSubscription(16, { instrument: Instrument.STK, locationCode: LocationCode.STK_US_MAJOR, scanCode: ScanCode.MOST_ACTIVE, numberOfRows: 5 });
    await until(() => ends.length >= 1, 'first scan');
    const first = rows.filter(([id]) => id === 16);
    expect(first).toHaveLength(5);
    expect(first.map(([, rank]) => rank)).toEqual([0, 1, 2, 3, 4]);
    await advanceUntil(h.clock, 1000, () => ends.length >= 2, 'the refresh', 40);
    ib.cancelScannerSubscription(16);
    // The round trip after the cancel proves the sim has it before time moves on.
    const cancelled = waitEvent(ib, EventName.currentTime);
    ib.reqCurrentTime();
    await cancelled;
    const n = ends.length;
    for (let i = 0; i < 40; i++) h.clock.advance(1000);
    const t = waitEvent(ib, EventName.currentTime);
    ib.reqCurrentTime();
    await t;
    expect(ends.length).toBe(n);
  });
});
