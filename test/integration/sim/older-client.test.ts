// The real client running as an older release would (its supported-version
// ceiling lowered to 157, 176 and 178): the whole session is spoken at that
// version, and the client's own decoder reports no error.
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BarSizeSetting, EventName, OrderAction, OrderType, SecType, WhatToShow, type Contract, type ContractDetails } from '@stoqey/ib';
import { advanceUntil, record, startHarness, until, waitEvent, type Harness } from './support';

const api = createRequire(import.meta.url)('@stoqey/ib/dist/api/api') as { MAX_SUPPORTED_SERVER_VERSION: number };
const ceiling = api.MAX_SUPPORTED_SERVER_VERSION;
const aapl: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => {
  api.MAX_SUPPORTED_SERVER_VERSION = ceiling;
  await h.close();
});

describe.each([157, 176, 178])('a client that speaks at most v%i', (version) => {
  it('negotiates that version and trades, queries and streams without a decode error', async () => {
    api.MAX_SUPPORTED_SERVER_VERSION = version;
    const ib = await h.connect(21);
    const errors = record<[Error, number, number]>(ib, EventName.error);
    expect(ib.serverVersion).toBe(version);

    const details = record<[number, ContractDetails]>(ib, EventName.contractDetails);
    const end = waitEvent(ib, EventName.contractDetailsEnd);
    ib.reqContractDetails(1, aapl);
    await end;
    expect(details[0]![1].contract.conId).toBe(265598);

    const bars = record<[number, string]>(ib, EventName.historicalData);
    ib.reqHistoricalData(2, aapl, '', '1 D', BarSizeSetting.MINUTES_FIVE, WhatToShow.TRADES, 1, 1, false);
    await until(() => bars.some(([, d]) => d.startsWith('finished')), 'history');

    const positions = record<[string, Contract, number]>(ib, EventName.position);
    const posEnd = waitEvent(ib, EventName.positionEnd);
    ib.reqPositions();
    await posEnd;
    expect(positions.length).toBeGreaterThan(0);

    const pnl = waitEvent<[number, number]>(ib, EventName.pnl);
    ib.reqPnL(3, h.sim.accounts[0]!, '');
    await pnl;

    const fills = record<[number, Contract, { orderRef: string }]>(ib, EventName.execDetails);
    const statuses = record<[number, string]>(ib, EventName.orderStatus);
    const whatIf = waitEvent<[number, Contract, { whatIf: boolean }]>(ib, EventName.openOrder, (id) => id === 50);
    ib.placeOrder(50, aapl, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.MKT, whatIf: true, account: h.sim.accounts[0]! });
    expect((await whatIf)[2].whatIf).toBe(true);
    ib.placeOrder(51, aapl, { action: OrderAction.BUY, totalQuantity: 2, orderType: OrderType.MKT, orderRef: `v${version}`, account: h.sim.accounts[0]! });
    await advanceUntil(h.clock, 250, () => statuses.some(([id, s]) => id === 51 && s === 'Filled'), 'the fill');
    await until(() => fills.some(([, , e]) => e.orderRef === `v${version}`), 'the execution');

    const prices = record<[number, number, number]>(ib, EventName.tickPrice);
    ib.reqMktData(4, aapl, '', false, false);
    await until(() => prices.some(([id]) => id === 4), 'a quote');
    // Let everything written so far reach the client's decoder before judging it.
    const t = waitEvent(ib, EventName.currentTime);
    ib.reqCurrentTime();
    await t;
    expect(errors.filter(([, code]) => code === 505 || code === 506 || code === 502)).toEqual([]);
  });
});
