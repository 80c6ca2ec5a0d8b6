// Instruments beyond US stocks, asked for as other TWS clients ask: contract
// details in each venue's own terms, quotes (option greeks included), chains
// and continuous-future history, all through the real client over TCP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BarSizeSetting, EventName, OptionType, SecType, WhatToShow, type Contract, type ContractDetails } from '@stoqey/ib';
import { advanceUntil, record, startHarness, until, waitEvent, type Harness } from './support';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.close(); });

async function details(h2: Harness, reqId: number, contract: Contract): Promise<ContractDetails[]> {
  const ib = h2.clients[0]!;
  const rows = record<[number, ContractDetails]>(ib, EventName.contractDetails);
  const end = waitEvent<[number]>(ib, EventName.contractDetailsEnd, (id) => id === reqId);
  ib.reqContractDetails(reqId, contract);
  await end;
  return rows.filter(([id]) => id === reqId).map(([, d]) => d);
}

describe('asset classes over TCP', () => {
  it('contract details for an index, futures, a forex pair, foreign stocks, crypto, an MLP and an ADR', async () => {
    await h.connect(9);
    const [spx] = await details(h, 1, { symbol: 'SPX', secType: SecType.IND, exchange: 'CBOE', currency: 'USD' });
    expect(spx).toMatchObject({ contract: { conId: 416904, secType: 'IND', exchange: 'CBOE' }, longName: 'S&P 500 Stock Index' });
    const es = await details(h, 2, { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', currency: 'USD' });
    expect(es.length).toBe(4);
    const front = es[0]!;
    expect(front.contract).toMatchObject({ symbol: 'ES', secType: 'FUT', exchange: 'CME', multiplier: 50, tradingClass: 'ES' });
    expect(front.contract.localSymbol).toMatch(/^ES[HMUZ]\d$/);
    expect(front).toMatchObject({ minTick: 0.25, timeZoneId: 'US/Central', underSymbol: 'ES' });
    expect(front.contractMonth).toMatch(/^\d{6}$/);
    expect(front.realExpirationDate).toBe(front.contract.lastTradeDateOrContractMonth!);
    const [eur] = await details(h, 3, { symbol: 'EUR', secType: SecType.CASH, exchange: 'IDEALPRO', currency: 'USD' });
    expect(eur).toMatchObject({ contract: { conId: 12087792, localSymbol: 'EUR.USD', currency: 'USD' }, minTick: 0.00005 });
    const [sap] = await details(h, 4, { symbol: 'SAP', secType: SecType.STK, exchange: 'SMART', currency: 'EUR' });
    expect(sap).toMatchObject({ contract: { currency: 'EUR', primaryExch: 'IBIS' }, timeZoneId: 'MET', stockType: 'COMMON' });
    expect(sap!.liquidHours).toMatch(/^\d{8}:(0900-\d{8}:1730|CLOSED)/);
    const [hsba] = await details(h, 5, { symbol: 'HSBA', secType: SecType.STK, currency: 'GBP' });
    expect(hsba).toMatchObject({ contract: { primaryExch: 'LSE', currency: 'GBP' }, priceMagnifier: 100, timeZoneId: 'Europe/London' });
    const [toyota] = await details(h, 6, { symbol: '7203', secType: SecType.STK, exchange: 'TSEJ', currency: 'JPY' });
    expect(toyota).toMatchObject({ contract: { currency: 'JPY' }, timeZoneId: 'Japan', minTick: 1 });
    const [btc] = await details(h, 7, { symbol: 'BTC', secType: SecType.CRYPTO, exchange: 'PAXOS', currency: 'USD' });
    expect(btc).toMatchObject({ contract: { secType: 'CRYPTO', exchange: 'PAXOS' }, sizeIncrement: 0.00000001 });
    expect(btc!.tradingHours?.includes('CLOSED')).toBe(false);
    const [epd] = await details(h, 8, { symbol: 'EPD', secType: SecType.STK, exchange: 'SMART', currency: 'USD' });
    expect(epd?.stockType).toBe('MLP');
    const [tsm] = await details(h, 9, { symbol: 'TSM', secType: SecType.STK, exchange: 'SMART', currency: 'USD' });
    expect(tsm?.stockType).toBe('ADR');
  });

  it('an option chain, an option contract with an OCC local symbol, and its quote with greeks', async () => {
    const ib = await h.connect(9);
    const chains = record<[number, string, number, string, number, string[], number[]]>(ib, EventName.securityDefinitionOptionParameter);
    const end = waitEvent(ib, EventName.securityDefinitionOptionParameterEnd);
    ib.reqSecDefOptParams(10, 'AAPL', '', SecType.STK, 265598);
    await end;
    const smart = chains.find(([, ex]) => ex === 'SMART')!;
    expect(smart[2]).toBe(265598);
    expect(smart[4]).toBe(100);
    const [, , , , , expirations, strikes] = smart;
    expect(expirations.length).toBeGreaterThanOrEqual(12);
    expect(strikes.length).toBeGreaterThan(50);
    const expiry = expirations[3]!;
    const spot = h.sim.engine.quote(265598).last;
    const strike = strikes.reduce((a, b) => (Math.abs(b - spot) < Math.abs(a - spot) ? b : a));
    const opt: Contract = { symbol: 'AAPL', secType: SecType.OPT, exchange: 'SMART', currency: 'USD', lastTradeDateOrContractMonth: expiry, strike, right: OptionType.Call, multiplier: 100 };
    const [d] = await details(h, 11, opt);
    expect(d!.contract).toMatchObject({ secType: 'OPT', multiplier: 100, tradingClass: 'AAPL', right: 'C' });
    expect(d!.contract.localSymbol).toBe(`AAPL  ${expiry.slice(2)}C${String(Math.round(strike * 1000)).padStart(8, '0')}`);
    expect(d!.underConId).toBe(265598);
    const comps = record<[number, number, number, number, number, number, number, number, number, number, number]>(ib, EventName.tickOptionComputation);
    const prices = record<[number, number, number]>(ib, EventName.tickPrice);
    ib.reqMktData(12, { conId: d!.contract.conId, exchange: 'SMART' }, '', false, false);
    await until(() => [10, 11, 12, 13].every((t) => comps.some(([id, tt]) => id === 12 && tt === t)), 'bid, ask, last and model computations');
    const model = comps.find(([, t]) => t === 13)!;
    const [, , attrib, iv, delta, optPrice, , gamma, vega, theta, undPrice] = model;
    expect(attrib).toBe(1);
    expect(iv).toBeGreaterThan(0.05);
    expect(delta).toBeGreaterThan(0.3);
    expect(delta).toBeLessThan(0.7);
    expect(gamma).toBeGreaterThan(0);
    expect(vega).toBeGreaterThan(0);
    expect(theta).toBeLessThan(0);
    expect(optPrice).toBeGreaterThan(0);
    expect(undPrice).toBeGreaterThan(0);
    const bid = prices.find(([id, t]) => id === 12 && t === 1)![2];
    const ask = prices.find(([id, t]) => id === 12 && t === 2)![2];
    expect(ask).toBeGreaterThan(bid);
    // The option moves with its underlying.
    const n = comps.length;
    await advanceUntil(h.clock, 250, () => comps.length > n, 'a new computation as AAPL moves');
  });

  it('quotes: a future, a forex pair (no trades), an index (last only) and a foreign stock in its currency', async () => {
    const ib = await h.connect(9);
    const prices = record<[number, number, number]>(ib, EventName.tickPrice);
    const es = (await details(h, 20, { symbol: 'ES', secType: SecType.FUT, exchange: 'CME' }))[0]!;
    ib.reqMktData(21, { conId: es.contract.conId, exchange: 'CME' }, '', false, false);
    ib.reqMktData(22, { symbol: 'EUR', secType: SecType.CASH, exchange: 'IDEALPRO', currency: 'USD' }, '', false, false);
    ib.reqMktData(23, { symbol: 'SPX', secType: SecType.IND, exchange: 'CBOE', currency: 'USD' }, '', false, false);
    ib.reqMktData(24, { symbol: 'SAP', secType: SecType.STK, exchange: 'SMART', currency: 'EUR' }, '', false, false);
    await until(() => [21, 22, 23, 24].every((id) => prices.some(([i]) => i === id)), 'a first quote on each line');
    const of = (id: number, t: number): number | undefined => prices.find(([i, tt]) => i === id && tt === t)?.[2];
    expect((of(21, 1)! * 4) % 1).toBe(0);
    expect(of(22, 1)).toBeGreaterThan(0.9);
    expect(of(22, 1)).toBeLessThan(1.3);
    expect(of(22, 4)).toBeUndefined();
    expect(of(23, 4)).toBeGreaterThan(1000);
    expect(of(23, 1)).toBeUndefined();
    expect(of(24, 1)).toBeGreaterThan(100);
  });

  it('CONTFUT history and the front month', async () => {
    const ib = await h.connect(9);
    const bars = record<[number, string, number]>(ib, EventName.historicalData);
    ib.reqHistoricalData(30, { symbol: 'ES', secType: 'CONTFUT' as SecType, exchange: 'CME', currency: 'USD' }, '', '1 M', BarSizeSetting.DAYS_ONE, WhatToShow.TRADES, 1, 1, false);
    await until(() => bars.some(([id, d]) => id === 30 && d.startsWith('finished')), 'the continuous history');
    const real = bars.filter(([id, d]) => id === 30 && !d.startsWith('finished'));
    expect(real.length).toBeGreaterThanOrEqual(20);
    expect(real.every(([, , open]) => open > 1000 && (open * 4) % 1 === 0)).toBe(true);
  });
});
