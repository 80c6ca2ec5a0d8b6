import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BarSizeSetting, EventName, SecType, WhatToShow, type Contract, type ContractDetails } from '@stoqey/ib';
import { IBApi } from '@stoqey/ib';
import { ManualClock } from '../../../src/sim/engine';
import { startSimGateway } from '../../../src/sim/index';
import { advanceUntil, record, startHarness, until, waitEvent, type Harness } from './support';

const aapl: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
let h: Harness;
beforeEach(async () => { h = await startHarness({ extraSymbols: 3 }); });
afterEach(async () => { await h.close(); });

describe('market data, contract details and history over TCP', () => {
  it('live: bid/ask/last with sizes, then moving ticks as the sim clock advances', async () => {
    const ib = await h.connect(4);
    const prices = record<[number, number, number]>(ib, EventName.tickPrice);
    const sizes = record<[number, number, number]>(ib, EventName.tickSize);
    const type = waitEvent<[number, number]>(ib, EventName.marketDataType);
    ib.reqMktData(1, aapl, '', false, false);
    expect(await type).toEqual([1, 1]);
    await until(() => [1, 2, 4].every((t) => prices.some(([, tt]) => tt === t)), 'bid, ask and last');
    expect([0, 3, 5, 8].every((t) => sizes.some(([, tt]) => tt === t))).toBe(true);
    const q = h.sim.engine.quote(h.sim.engine.resolve(aapl)!.contract.conId!);
    expect(prices.find(([, t]) => t === 1)?.[2]).toBe(q.bid);
    const n = prices.length;
    await advanceUntil(h.clock, 250, () => prices.length > n, 'a moving tick');
    ib.cancelMktData(1);
  });

  it('reqMarketDataType(3) means delayed only where live is missing: a subscribed symbol still streams live', async () => {
    const ib = await h.connect(4);
    const prices = record<[number, number, number]>(ib, EventName.tickPrice);
    ib.reqMarketDataType(3);
    const type = waitEvent<[number, number]>(ib, EventName.marketDataType);
    ib.reqMktData(2, aapl, '', false, false);
    expect(await type).toEqual([2, 1]);
    await until(() => [1, 2, 4].every((t) => prices.some(([, tt]) => tt === t)), 'live bid, ask, last');
    expect(prices.some(([, t]) => t >= 66 && t <= 76)).toBe(false);
  });

  it('snapshot: current values then tickSnapshotEnd', async () => {
    const ib = await h.connect(4);
    const prices = record<[number, number, number]>(ib, EventName.tickPrice);
    const end = waitEvent<[number]>(ib, EventName.tickSnapshotEnd);
    ib.reqMktData(3, aapl, '', true, false);
    expect((await end)[0]).toBe(3);
    expect(prices.filter(([id]) => id === 3).length).toBeGreaterThanOrEqual(3);
    const n = prices.length;
    await advanceUntil(h.clock, 250, () => true, 'time passes');
    for (let i = 0; i < 10; i++) h.clock.advance(250);
    const probe = waitEvent(ib, EventName.currentTime);
    ib.reqCurrentTime();
    await probe;
    expect(prices.length).toBe(n);
  });

  it('an unknown symbol gets error 200 for its request id', async () => {
    const ib = await h.connect(4);
    const err = waitEvent<[Error, number, number]>(ib, EventName.error, (_e, code) => code === 200);
    ib.reqMktData(4, { symbol: 'NOPE', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, '', false, false);
    const [, , id] = await err;
    expect(id).toBe(4);
  });

  it('live data for a symbol without a subscription gets 354; delayed data for it flows', async () => {
    const synthetic = h.sim.engine.findContracts({ symbol: 'SYN0001', secType: SecType.STK }).map((d) => d.contract).find((c) => c.symbol?.startsWith('SYN'));
    expect(synthetic, 'the catalogue has an unsubscribed symbol').toBeDefined();
    const ib = await h.connect(4);
    const err = waitEvent<[Error, number, number]>(ib, EventName.error, (_e, code) => code === 354);
    ib.reqMktData(5, { conId: synthetic!.conId, exchange: 'SMART' }, '', false, false);
    expect((await err)[2]).toBe(5);
    const prices = record<[number, number, number]>(ib, EventName.tickPrice);
    const sizes = record<[number, number, number]>(ib, EventName.tickSize);
    ib.reqMarketDataType(3);
    const type = waitEvent<[number, number]>(ib, EventName.marketDataType);
    ib.reqMktData(6, { conId: synthetic!.conId, exchange: 'SMART' }, '', false, false);
    expect(await type).toEqual([6, 3]);
    await until(() => [66, 67, 68].every((t) => prices.some(([id, tt]) => id === 6 && tt === t)), 'delayed bid, ask, last');
    expect(prices.some(([, t]) => t === 1 || t === 2 || t === 4)).toBe(false);
    expect(sizes.some(([, t]) => t === 69)).toBe(true);
  });

  it('contract details: catalogue entry with hours in US/Eastern, then the end; 200 for unknown', async () => {
    const ib = await h.connect(4);
    const details = record<[number, ContractDetails]>(ib, EventName.contractDetails);
    const end = waitEvent(ib, EventName.contractDetailsEnd);
    ib.reqContractDetails(9, { symbol: 'AAPL', secType: SecType.STK, currency: 'USD' });
    await end;
    expect(details).toHaveLength(1);
    const d = details[0]![1];
    expect(d.contract).toMatchObject({ symbol: 'AAPL', secType: 'STK', currency: 'USD' });
    expect(d.contract.conId).toBeGreaterThan(0);
    expect(d.contract.primaryExch).toBeTruthy();
    expect(d.longName).toBeTruthy();
    expect(d.minTick).toBeGreaterThan(0);
    expect(d.timeZoneId).toMatch(/Eastern|New_York/);
    expect(d.tradingHours).toBeTruthy();
    expect(d.liquidHours).toBeTruthy();
    const err = waitEvent<[Error, number, number]>(ib, EventName.error, (_e, code) => code === 200);
    ib.reqContractDetails(10, { symbol: 'NOPE', secType: SecType.STK, currency: 'USD' });
    expect((await err)[2]).toBe(10);
  });

  it('history: bars in one message, ending with the finished marker', async () => {
    const ib = await h.connect(4);
    const bars = record<[number, string, number, number, number, number, number]>(ib, EventName.historicalData);
    ib.reqHistoricalData(11, aapl, '', '1 D', BarSizeSetting.MINUTES_FIVE, WhatToShow.TRADES, 1, 1, false);
    await until(() => bars.some(([, date]) => date.startsWith('finished')), 'the end marker');
    const real = bars.filter(([, date]) => !date.startsWith('finished'));
    expect(real.length).toBeGreaterThan(0);
    for (const [id, , open, high, low, close] of real) {
      expect(id).toBe(11);
      expect(high).toBeGreaterThanOrEqual(Math.max(open, close));
      expect(low).toBeLessThanOrEqual(Math.min(open, close));
    }
  });

  it('history pacing for small bars: an identical request within 15 s gets 162, after 15 s of sim time it is served', async () => {
    const ib = await h.connect(4);
    const bars = record<[number, string]>(ib, EventName.historicalData);
    const ask = (reqId: number): void => {
      ib.reqHistoricalData(reqId, aapl, '', '1800 S', BarSizeSetting.SECONDS_FIVE, WhatToShow.TRADES, 1, 1, false);
    };
    ask(20);
    await until(() => bars.some(([id, d]) => id === 20 && d.startsWith('finished')), 'first answer');
    const err = waitEvent<[Error, number, number]>(ib, EventName.error, (_e, code) => code === 162);
    ask(21);
    expect((await err)[2]).toBe(21);
    h.clock.advance(15_001);
    ask(22);
    await until(() => bars.some(([id, d]) => id === 22 && d.startsWith('finished')), 'answer after the pause');
  });

  it('with syntheticLive the synthetic symbols stream live (load benchmarks)', async () => {
    const live = await startHarness({ extraSymbols: 2, syntheticLive: true });
    try {
      const ib = await live.connect(4);
      const type = waitEvent<[number, number]>(ib, EventName.marketDataType);
      const prices = record<[number, number, number]>(ib, EventName.tickPrice);
      ib.reqMktData(30, { symbol: 'SYN0001', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, '', false, false);
      expect(await type).toEqual([30, 1]);
      await until(() => prices.some(([id, t]) => id === 30 && t === 1), 'a live bid');
    } finally {
      await live.close();
    }
  });

  it("'always-open' market hours: a Saturday demo still ticks", async () => {
    const saturday = new ManualClock(Date.UTC(2024, 0, 6, 15, 0, 0));
    const sim = await startSimGateway({ port: 0, seed: 7, clock: saturday, marketHours: 'always-open' });
    const ib = new IBApi({ host: sim.host, port: sim.port, clientId: 4 });
    ib.on(EventName.error, () => {});
    try {
      const ready = waitEvent(ib, EventName.nextValidId);
      ib.connect();
      await ready;
      const prices = record<[number, number, number]>(ib, EventName.tickPrice);
      ib.reqMktData(40, aapl, '', false, false);
      await until(() => prices.length > 0, 'first quote');
      const n = prices.length;
      await advanceUntil(saturday, 250, () => prices.length > n, 'a tick on a Saturday');
    } finally {
      ib.disconnect();
      await sim.close();
    }
  });
});

