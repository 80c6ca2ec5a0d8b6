// Every message the simulator writes, fed to the library's own Decoder running
// at each negotiated version, and every request the library's Encoder writes at
// that version, parsed back consuming exactly all fields.
import { describe, expect, it } from 'vitest';
import type { Contract, ContractDetails, Order, OrderState } from '@stoqey/ib';
import {
  BarSizeSetting, ConjunctionConnection, EventName, OrderAction, OrderStatus, OrderType, PriceCondition, SecType, TimeInForce, TriggerMethod,
} from '@stoqey/ib';
import { parseClientMessage, type ClientRequest } from '../../../src/sim/wire/incoming';
import * as account from '../../../src/sim/wire/outgoing/account';
import { contractData } from '../../../src/sim/wire/outgoing/contract-data';
import { commissionReport, executionData } from '../../../src/sim/wire/outgoing/executions';
import { historicalData } from '../../../src/sim/wire/outgoing/historical-data';
import { completedOrder, completedOrdersEnd, openOrder, orderStatus } from '../../../src/sim/wire/outgoing/orders';
import * as session from '../../../src/sim/wire/outgoing/session';
import * as reference from '../../../src/sim/wire/outgoing/reference-data';
import * as news from '../../../src/sim/wire/outgoing/news';
import { tickOptionComputation } from '../../../src/sim/wire/outgoing/market-data';
import { scannerData, scannerParameters } from '../../../src/sim/wire/outgoing/scanner';
import { V } from '../../../src/sim/wire/versions';
import { decodeAt, decodeCleanAt, encodeWithLibrary, TEST_VERSIONS } from './library-codec';

const aapl: Contract = { conId: 265598, symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', primaryExch: 'NASDAQ', currency: 'USD', localSymbol: 'AAPL', tradingClass: 'NMS' };
const plain: Order = { action: OrderAction.BUY, totalQuantity: 10, orderType: OrderType.LMT, lmtPrice: 187.25, tif: TimeInForce.DAY, account: 'DU1234567', orderRef: 'draft-1', clientId: 7, permId: 900001, outsideRth: false, parentId: 0 };
const fancy: Order = {
  ...plain, orderType: OrderType.TRAIL, lmtPrice: undefined, auxPrice: 2, trailStopPrice: 180,
  ocaGroup: 'oca-1', ocaType: 1, algoStrategy: 'Adaptive', algoParams: [{ tag: 'adaptivePriority', value: 'Urgent' }],
  hedgeType: 'D', hedgeParam: '0.5', deltaNeutralOrderType: 'LMT', deltaNeutralConId: 3,
  scalePriceIncrement: 0.5, scaleInitLevelSize: 10,
  conditions: [new PriceCondition(150, TriggerMethod.Default, 265598, 'SMART', true, ConjunctionConnection.OR)], conditionsIgnoreRth: true,
};
const whatIfState: OrderState = {
  status: OrderStatus.PreSubmitted, initMarginBefore: 1000, maintMarginBefore: 800, equityWithLoanBefore: 50000, initMarginChange: 500,
  maintMarginChange: 400, equityWithLoanChange: -1, initMarginAfter: 1500, maintMarginAfter: 1200, equityWithLoanAfter: 49999,
  commission: 1, minCommission: 1, maxCommission: 1.5, commissionCurrency: 'USD', warningText: '',
};
const details: ContractDetails = {
  contract: aapl, marketName: 'NMS', minTick: 0.01, orderTypes: 'LMT,MKT', validExchanges: 'SMART,NASDAQ', longName: 'APPLE INC',
  industry: 'Technology', category: 'Computers', subcategory: 'Computers', timeZoneId: 'US/Eastern',
  tradingHours: '20240102:0400-20240102:2000', liquidHours: '20240102:0930-20240102:1600', stockType: 'COMMON',
  minSize: 1, sizeIncrement: 1, suggestedSizeIncrement: 100, marketRuleIds: '26', secIdList: [{ tag: 'ISIN', value: 'US0378331005' }],
};

function one(events: { name: string; args: unknown[] }[], name: string): unknown[] {
  const found = events.filter((e) => e.name === name);
  expect(found, `one ${name}; got ${events.map((e) => e.name).join(',')}`).toHaveLength(1);
  return found[0]!.args;
}

function parseAll(v: number, drive: Parameters<typeof encodeWithLibrary>[0]): ClientRequest[] {
  return encodeWithLibrary(drive, v).map((fields) => {
    const out = parseClientMessage(fields, v);
    if (!out.ok) throw new Error(`v${v} message ${fields[0]}: ${out.detail}`);
    return out.request;
  });
}

describe.each(TEST_VERSIONS)('at server version %i', (v) => {
  it('hello, errors and notices decode; the reject JSON field appears only where the client reads it', () => {
    expect(session.serverHello(v, '20240103 10:00:00 EST')).toEqual([String(v), '20240103 10:00:00 EST']);
    const d = decodeAt(v, session.errorMessage(v, 12, 201, 'Order rejected - reason:too big'), session.errorMessage(v, -1, 2104, 'farm OK'));
    expect(d.errors).toEqual([{ message: 'Order rejected - reason:too big', code: 201, reqId: 12 }]);
    expect(d.infos).toEqual([{ message: 'farm OK', code: 2104 }]);
  });

  it('open orders (plain, with conditional blocks, what-if) decode to the same order', () => {
    const [id, c, o, s] = one(decodeCleanAt(v, openOrder(v, 5, aapl, plain, { status: OrderStatus.Submitted })), EventName.openOrder) as [number, Contract, Order, OrderState];
    expect(id).toBe(5);
    expect(c).toMatchObject({ conId: 265598, symbol: 'AAPL', currency: 'USD' });
    expect(o).toMatchObject({ ...plain, orderId: 5 });
    expect(s.status).toBe('Submitted');
    const [, , f] = one(decodeCleanAt(v, openOrder(v, 6, aapl, fancy, { status: OrderStatus.PreSubmitted })), EventName.openOrder) as [number, Contract, Order];
    expect(f).toMatchObject({ auxPrice: 2, trailStopPrice: 180, algoParams: fancy.algoParams, hedgeParam: '0.5', deltaNeutralConId: 3, scaleInitLevelSize: 10 });
    if (v >= V.PEGGED_TO_BENCHMARK) expect(f.conditions).toHaveLength(1);
    const [, , w, ws] = one(decodeCleanAt(v, openOrder(v, 9, aapl, { ...plain, whatIf: true }, whatIfState)), EventName.openOrder) as [number, Contract, Order, OrderState];
    expect(w.whatIf).toBe(true);
    expect(ws).toMatchObject({ initMarginAfter: 1500, commission: 1, commissionCurrency: 'USD' });
    if (v >= V.WHAT_IF_EXT_FIELDS) expect(ws.initMarginChange).toBe(500);
  });

  it('order status, execution and commission report', () => {
    const ev = decodeCleanAt(v,
      orderStatus(v, { orderId: 5, status: 'Filled', filled: 10, remaining: 0, avgFillPrice: 187.2, permId: 900001, parentId: 0, lastFillPrice: 187.2, clientId: 7, whyHeld: '', mktCapPrice: 0 }),
      executionData(v, -1, aapl, { orderId: 5, execId: 'e.1', time: '20240102  10:00:00', acctNumber: 'DU1234567', exchange: 'ISLAND', side: 'BOT', shares: 10, price: 187.2, permId: 900001, clientId: 7, liquidation: 0, cumQty: 10, avgPrice: 187.2, orderRef: 'draft-1', lastLiquidity: 2 }),
      commissionReport({ execId: 'e.1', commission: 1, currency: 'USD', realizedPNL: undefined, yield: undefined, yieldRedemptionDate: 0 }),
    );
    expect(one(ev, EventName.orderStatus).slice(0, 9)).toEqual([5, 'Filled', 10, 0, 187.2, 900001, 0, 187.2, 7]);
    const [reqId, c, e] = one(ev, EventName.execDetails) as [number, Contract, Record<string, unknown>];
    expect([reqId, c.symbol, e.execId, e.shares, e.orderRef]).toEqual([-1, 'AAPL', 'e.1', 10, 'draft-1']);
    expect(one(ev, EventName.commissionReport)).toHaveLength(1);
  });

  it('contract details, history and P&L', () => {
    const [reqId, d] = one(decodeCleanAt(v, contractData(v, 7, details)), EventName.contractDetails) as [number, ContractDetails];
    expect(reqId).toBe(7);
    expect(d).toMatchObject({ longName: 'APPLE INC', timeZoneId: 'US/Eastern', liquidHours: details.liquidHours, secIdList: details.secIdList });
    expect(d.contract).toMatchObject({ conId: 265598, primaryExch: 'NASDAQ' });
    if (v >= V.STOCK_TYPE) expect(d.stockType).toBe('COMMON');
    const bars = decodeCleanAt(v, historicalData(v, 8, 'a', 'b', [{ time: '20240102', open: 1, high: 2, low: 0.5, close: 1.5, volume: 100, WAP: 1.2, count: 3 }]))
      .filter((e) => e.name === EventName.historicalData);
    expect(bars.map((b) => b.args.slice(0, 6))).toEqual([[8, '20240102', 1, 2, 0.5, 1.5], [8, 'finished-a-b', -1, -1, -1, -1]]);
    if (v >= V.UNREALIZED_PNL) {
      const ev = decodeCleanAt(v, account.pnl(v, 3, 120.5, -40.25, 10), account.pnlSingle(v, 4, 150, 12.5, 300, 0, 28575));
      expect(one(ev, EventName.pnl)[1]).toBe(120.5);
      expect(one(ev, EventName.pnlSingle)[5]).toBe(28575);
    }
  });

  it('per-account streams, reference data, ticks, news, scanner and WSH answers decode cleanly', () => {
    const ev = decodeCleanAt(v,
      account.positionMulti(1, 'DU1', '', aapl, 10, 150.5), account.positionMultiEnd(1),
      account.accountUpdateMulti(2, 'DU1', '', 'NetLiquidation', '1000', 'USD'), account.accountUpdateMultiEnd(2),
      reference.symbolSamples(v, 3, [{ contract: aapl, derivativeSecTypes: ['OPT', 'WAR'], description: 'APPLE INC' }]),
      reference.marketRule(26, [{ lowEdge: 0, increment: 0.01 }]),
      reference.securityDefinitionOptionParameter(4, { exchange: 'SMART', underlyingConId: 265598, tradingClass: 'AAPL', multiplier: 100, expirations: ['20240119'], strikes: [180, 185] }),
      reference.securityDefinitionOptionParameterEnd(4),
      reference.headTimestamp(5, '19801212-14:30:00'), reference.histogramData(6, [{ price: 190.1, size: 500 }]),
      reference.historicalTicksLast(7, [{ time: 1704292200, price: 190, size: 100, exchange: 'ISLAND', specialConditions: '' }], true),
      reference.historicalTicksBidAsk(8, [{ time: 1704292200, bid: 189.99, ask: 190.01, bidSize: 100, askSize: 200 }], true),
      reference.historicalTicksMid(9, [{ time: 1704292200, price: 190 }], true),
      reference.userInfo(10, ''), reference.wshMetaData(11, '{}'), reference.wshEventData(12, '[]'),
      news.newsProviders([{ code: 'BRFG', name: 'Briefing' }]), news.historicalNews(13, '2024-01-03 15:00:00.0', 'BRFG', 'BRFG$1', 'AAPL up'),
      news.historicalNewsEnd(13, false), news.newsArticle(14, 0, 'text'),
      scannerParameters('<xml/>'), scannerData(15, [{ rank: 0, contract: aapl, marketName: 'NMS' }]),
    );
    expect(one(ev, EventName.positionMulti)).toEqual([1, 'DU1', '', expect.objectContaining({ conId: 265598 }), 10, 150.5]);
    expect(one(ev, EventName.accountUpdateMultiEnd)).toEqual(['2']);
    const [, samples] = one(ev, EventName.symbolSamples) as [number, { contract: Contract; derivativeSecTypes: string[] }[]];
    expect(samples[0]).toMatchObject({ contract: { symbol: 'AAPL', primaryExch: 'NASDAQ' }, derivativeSecTypes: ['OPT', 'WAR'] });
    if (v >= V.BOND_ISSUERID) expect((samples[0]!.contract as { description?: string }).description).toBe('APPLE INC');
    expect(one(ev, EventName.securityDefinitionOptionParameter)).toEqual([4, 'SMART', 265598, 'AAPL', 100, ['20240119'], [180, 185]]);
    expect(one(ev, EventName.historicalTicksLast)[1]).toEqual([expect.objectContaining({ time: 1704292200, price: 190, size: 100, exchange: 'ISLAND' })]);
    expect(one(ev, EventName.historicalTicksBidAsk)[1]).toEqual([expect.objectContaining({ priceBid: 189.99, priceAsk: 190.01, sizeBid: 100, sizeAsk: 200 })]);
    expect(one(ev, EventName.historicalNews)).toEqual([13, '2024-01-03 15:00:00.0', 'BRFG', 'BRFG$1', 'AAPL up']);
    expect(one(ev, EventName.scannerData)[1]).toBe(0);
    expect(one(ev, EventName.scannerDataEnd)).toEqual([15]);
  });

  it('option computation ticks (bid, ask, last, model) decode with greeks; the attribute only where the client reads it', () => {
    const ev = decodeCleanAt(v, ...[10, 11, 12, 13].map((t) => tickOptionComputation(v, 21, t, 1, { impliedVol: 0.27, delta: 0.52, optPrice: 4.1, pvDividend: 0, gamma: 0.04, vega: 0.21, theta: -0.08, undPrice: 190.2 })),
      tickOptionComputation(v, 22, 13, 1, {}));
    const comps = ev.filter((e) => e.name === EventName.tickOptionComputation).map((e) => e.args);
    expect(comps).toHaveLength(5);
    expect(comps[3]).toEqual([21, 13, v >= V.PRICE_BASED_VOLATILITY ? 1 : undefined, 0.27, 0.52, 4.1, 0, 0.04, 0.21, -0.08, 190.2]);
    // "Not computed" markers decode as undefined.
    expect(comps[4]).toEqual([22, 13, v >= V.PRICE_BASED_VOLATILITY ? 1 : undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it.runIf(v >= V.REQ_COMPLETED_ORDERS)('completed orders decode with their completion facts', () => {
    const ev = decodeCleanAt(v,
      completedOrder(v, aapl, { ...plain, algoStrategy: 'Adaptive', algoParams: [{ tag: 'a', value: 'b' }] }, { status: OrderStatus.Filled }, { completedTime: '20240103 10:05:00 US/Eastern', completedStatus: 'Filled Size: 10', filledQuantity: 10 }),
      completedOrdersEnd(),
    );
    const [c, o, s] = one(ev, EventName.completedOrder) as [Contract, Order, OrderState];
    expect(c.symbol).toBe('AAPL');
    expect(o).toMatchObject({ action: 'BUY', totalQuantity: 10, lmtPrice: 187.25, orderRef: 'draft-1', permId: 900001, filledQuantity: 10 });
    expect(s).toMatchObject({ status: 'Filled', completedTime: '20240103 10:05:00 US/Eastern', completedStatus: 'Filled Size: 10' });
    expect(one(ev, EventName.completedOrdersEnd)).toEqual([]);
  });

  it('orders as the library encodes them parse back exactly', () => {
    const orders: [Contract, Order][] = [
      [{ symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, { action: OrderAction.BUY, totalQuantity: 10, orderType: OrderType.LMT, lmtPrice: 187.25, tif: TimeInForce.DAY, transmit: true, orderRef: 'draft-1' }],
      [{ conId: 265598, exchange: 'SMART' }, { action: OrderAction.SELL, totalQuantity: 3, orderType: OrderType.STP, auxPrice: 170.5, tif: TimeInForce.GTC, whatIf: true }],
      [{ symbol: 'AAPL', secType: SecType.BAG, exchange: 'SMART', currency: 'USD', comboLegs: [{ conId: 1, ratio: 1, action: 'BUY', exchange: 'SMART' }, { conId: 2, ratio: 1, action: 'SELL', exchange: 'SMART' }] as Contract['comboLegs'] },
        { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.LMT, lmtPrice: 1.25 }],
    ];
    if (v >= V.PEGGED_TO_BENCHMARK) {
      orders.push([{ symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, {
        action: OrderAction.BUY, totalQuantity: 10, orderType: OrderType.LMT, lmtPrice: 100, algoStrategy: 'Adaptive', algoParams: [{ tag: 'adaptivePriority', value: 'Normal' }],
        conditions: [new PriceCondition(150, TriggerMethod.Default, 265598, 'SMART', true, ConjunctionConnection.AND)], conditionsIgnoreRth: true, conditionsCancelOrder: false,
      }]);
    }
    for (const [contract, order] of orders) {
      const [req] = parseAll(v, (enc) => enc.placeOrder(42, { ...contract }, { ...order }));
      if (req?.kind !== 'placeOrder') throw new Error('not parsed as an order');
      expect(req.orderId).toBe(42);
      expect(req.order).toEqual(order);
      expect(req.contract.comboLegs?.length ?? 0).toBe(contract.comboLegs?.length ?? 0);
    }
  });

  it('every other request the library can send at this version parses, consuming exactly all fields', () => {
    const spy = { symbol: 'SPY', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
    type Enc = Parameters<Parameters<typeof encodeWithLibrary>[0]>[0];
    const requests: [number, ClientRequest['kind'], (enc: Enc) => void][] = [
      [100, 'reqMktData', (enc) => enc.reqMktData(1, { ...spy }, '233', false, false)],
      [100, 'cancelMktData', (enc) => enc.cancelMktData(1)],
      [100, 'reqContractDetails', (enc) => enc.reqContractDetails(2, { ...spy })],
      [100, 'reqHistoricalData', (enc) => enc.reqHistoricalData(3, { ...spy }, '', '1 D', BarSizeSetting.MINUTES_FIVE, 'TRADES', 1, 1, false)],
      [100, 'cancelOrder', (enc) => enc.cancelOrder(4, {})],
      [100, 'reqGlobalCancel', (enc) => enc.reqGlobalCancel({})],
      [100, 'reqExecutions', (enc) => enc.reqExecutions(5, {})],
      [V.MODELS_SUPPORT, 'reqPositionsMulti', (enc) => enc.reqPositionsMulti(6, 'DU1234567', '')],
      [V.MODELS_SUPPORT, 'cancelPositionsMulti', (enc) => enc.cancelPositionsMulti(6)],
      [100, 'reqAccountUpdatesMulti', (enc) => enc.reqAccountUpdatesMulti(7, 'DU1234567', '', true)],
      [100, 'cancelAccountUpdatesMulti', (enc) => enc.cancelAccountUpdatesMulti(7)],
      [V.SEC_DEF_OPT_PARAMS_REQ, 'reqSecDefOptParams', (enc) => enc.reqSecDefOptParams(8, 'AAPL', '', 'STK', 265598)],
      [V.REQ_MATCHING_SYMBOLS, 'reqMatchingSymbols', (enc) => enc.reqMatchingSymbols(9, 'app')],
      [100, 'reqScannerParameters', (enc) => enc.reqScannerParameters()],
      [100, 'reqScannerSubscription', (enc) => enc.reqScannerSubscription(10, { instrument: 'STK' as never, locationCode: 'STK.US.MAJOR' as never, scanCode: 0 as never, numberOfRows: 10 }, [], v >= V.SCANNER_GENERIC_OPTS ? [] : (undefined as never))],
      [100, 'cancelScannerSubscription', (enc) => enc.cancelScannerSubscription(10)],
      [116, 'reqNewsArticle', (enc) => enc.reqNewsArticle(11, 'BRFG', 'BRFG$1', [])],
      [117, 'reqHistoricalNews', (enc) => enc.reqHistoricalNews(12, 265598, 'BRFG+DJNL', '', '', 10, [])],
      [118, 'reqHeadTimestamp', (enc) => enc.reqHeadTimestamp(13, { ...spy }, 'TRADES', true, 1)],
      [119, 'reqHistogramData', (enc) => enc.reqHistogramData(14, { ...spy }, true, '1 week')],
      [V.REQ_SMART_COMPONENTS, 'reqNewsProviders', (enc) => enc.reqNewsProviders()],
      [V.MARKET_RULES, 'reqMarketRule', (enc) => enc.reqMarketRule(26)],
      [130, 'reqHistoricalTicks', (enc) => enc.reqHistoricalTicks(15, { ...spy }, '20240103 09:30:00', '', 100, 'TRADES', 1, false, [])],
      [V.REQ_COMPLETED_ORDERS, 'reqCompletedOrders', (enc) => enc.reqCompletedOrders(false)],
      [V.WSHE_CALENDAR, 'reqWshMetaData', (enc) => enc.reqWshMetaData(16)],
      [V.WSHE_CALENDAR, 'reqWshEventData', (enc) => enc.reqWshEventData(17, { conId: 265598 } as never)],
      [V.USER_INFO, 'reqUserInfo', (enc) => enc.reqUserInfo(18)],
    ];
    const due = requests.filter(([min]) => v >= min);
    const kinds = parseAll(v, (enc) => {
      for (const [, , send] of due) send(enc);
    }).map((r) => r.kind);
    expect(kinds).toEqual(due.map(([, kind]) => kind));
  });
});
