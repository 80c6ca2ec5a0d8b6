import { describe, expect, it } from 'vitest';
import { BarSizeSetting, SecType } from '@stoqey/ib';
import { parseClientMessage } from '../../../src/sim/wire/incoming';
import { encodeWithLibrary } from './library-codec';

const spy = { symbol: 'SPY', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

function parseAll(drive: Parameters<typeof encodeWithLibrary>[0]) {
  return encodeWithLibrary(drive).map((fields) => {
    const out = parseClientMessage(fields, 193);
    if (!out.ok) throw new Error(`${fields[0]}: ${out.detail}`);
    return out.request;
  });
}

describe('client requests as the library encodes them', () => {
  it('every request flow parses, consuming exactly all fields', () => {
    const requests = parseAll((enc) => {
      enc.reqMktData(1, { ...spy }, '233,236', false, false);
      enc.reqMktData(2, { ...spy }, '', true, false);
      enc.cancelMktData(1);
      enc.reqMarketDataType(3);
      enc.reqContractDetails(4, { ...spy, primaryExch: 'ARCA' });
      enc.reqHistoricalData(5, { ...spy }, '20240102 16:00:00 US/Eastern', '2 D', BarSizeSetting.HOURS_ONE, 'TRADES', 1, 1, false);
      enc.cancelHistoricalData(5);
      enc.reqPositions();
      enc.cancelPositions();
      enc.reqAccountSummary(6, 'All', 'NetLiquidation,BuyingPower');
      enc.cancelAccountSummary(6);
      enc.reqAccountUpdates(true, 'DU1234567');
      enc.reqPnL(7, 'DU1234567', '');
      enc.cancelPnL(7);
      enc.reqPnLSingle(8, 'DU1234567', '', 756733);
      enc.cancelPnLSingle(8);
      enc.cancelOrder(9, { manualOrderCancelTime: '' });
      enc.reqGlobalCancel({});
      enc.reqOpenOrders();
      enc.reqAllOpenOrders();
      enc.reqAutoOpenOrders(true);
      enc.reqExecutions(10, { clientId: '7', acctCode: 'DU1234567', symbol: 'SPY' });
      enc.reqIds(1);
      enc.reqManagedAccts();
      enc.reqCurrentTime();
    });
    expect(requests.map((r) => r.kind)).toEqual([
      'reqMktData', 'reqMktData', 'cancelMktData', 'reqMarketDataType', 'reqContractDetails', 'reqHistoricalData',
      'cancelHistoricalData', 'reqPositions', 'cancelPositions', 'reqAccountSummary', 'cancelAccountSummary',
      'reqAccountUpdates', 'reqPnL', 'cancelPnL', 'reqPnLSingle', 'cancelPnLSingle', 'cancelOrder', 'reqGlobalCancel',
      'reqOpenOrders', 'reqAllOpenOrders', 'reqAutoOpenOrders', 'reqExecutions', 'reqIds', 'reqManagedAccts', 'reqCurrentTime',
    ]);
    expect(requests[0]).toEqual({ kind: 'reqMktData', reqId: 1, contract: spy, genericTickList: '233,236', snapshot: false, regulatorySnapshot: false });
    expect(requests[1]).toMatchObject({ reqId: 2, snapshot: true });
    expect(requests[3]).toEqual({ kind: 'reqMarketDataType', marketDataType: 3 });
    expect(requests[4]).toEqual({ kind: 'reqContractDetails', reqId: 4, contract: { ...spy, primaryExch: 'ARCA' } });
    expect(requests[5]).toMatchObject({ reqId: 5, contract: spy, endDateTime: '20240102 16:00:00 US/Eastern', durationStr: '2 D', barSizeSetting: '1 hour', whatToShow: 'TRADES', useRTH: true, formatDate: 1, keepUpToDate: false });
    expect(requests[9]).toEqual({ kind: 'reqAccountSummary', reqId: 6, group: 'All', tags: ['NetLiquidation', 'BuyingPower'] });
    expect(requests[11]).toEqual({ kind: 'reqAccountUpdates', subscribe: true, account: 'DU1234567' });
    expect(requests[14]).toEqual({ kind: 'reqPnLSingle', reqId: 8, account: 'DU1234567', modelCode: '', conId: 756733 });
    expect(requests[16]).toMatchObject({ kind: 'cancelOrder', orderId: 9 });
    expect(requests[20]).toEqual({ kind: 'reqAutoOpenOrders', autoBind: true });
    expect(requests[21]).toEqual({ kind: 'reqExecutions', reqId: 10, filter: { clientId: 7, account: 'DU1234567', symbol: 'SPY' } });
    expect(requests[22]).toEqual({ kind: 'reqIds', numIds: 1 });
  });

  it('START_API as the socket sends it', () => {
    expect(parseClientMessage(['71', '2', '7', ''], 193)).toEqual({ ok: true, request: { kind: 'startApi', clientId: 7, optionalCapabilities: '' } });
  });

  it('an unknown message id is reported, not thrown', () => {
    expect(parseClientMessage(['999', '5', '1'], 193)).toMatchObject({ ok: false, messageId: 999, reason: 'unknown-message' });
    expect(parseClientMessage([], 193)).toMatchObject({ ok: false, reason: 'unknown-message' });
  });
});
