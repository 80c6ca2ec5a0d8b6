import { describe, expect, it } from 'vitest';
import type { Contract, Order } from '@stoqey/ib';
import { OrderAction, OrderType, SecType, TimeInForce, PriceCondition, ConjunctionConnection, TriggerMethod } from '@stoqey/ib';
import { parseClientMessage, type ClientRequest } from '../../../src/sim/wire/incoming';
import { encodeWithLibrary } from './library-codec';

const aapl: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

function roundTrip(orderId: number, contract: Contract, order: Order): { fields: string[]; parsed: Extract<ClientRequest, { kind: 'placeOrder' }> } {
  const [fields] = encodeWithLibrary((enc) => enc.placeOrder(orderId, { ...contract }, { ...order }));
  if (!fields) throw new Error('library sent nothing');
  const outcome = parseClientMessage(fields, 193);
  if (!outcome.ok) throw new Error(`parse failed: ${outcome.detail}`);
  if (outcome.request.kind !== 'placeOrder') throw new Error(`parsed as ${outcome.request.kind}`);
  return { fields, parsed: outcome.request };
}

describe('placeOrder as the library encodes it', () => {
  it('a plain STK limit order is 118 fields with whatIf at index 84, parsed back exactly', () => {
    const order: Order = { action: OrderAction.BUY, totalQuantity: 10, orderType: OrderType.LMT, lmtPrice: 187.25, tif: TimeInForce.DAY, transmit: true };
    const { fields, parsed } = roundTrip(7, aapl, order);
    expect(fields).toHaveLength(118);
    expect(fields[84]).toBe('');
    expect(parsed.orderId).toBe(7);
    expect(parsed.contract).toEqual(aapl);
    expect(parsed.order).toEqual(order);
  });

  it('whatIf travels at index 84 and comes back true', () => {
    const order: Order = { action: OrderAction.BUY, totalQuantity: 5, orderType: OrderType.LMT, lmtPrice: 100, whatIf: true };
    const { fields, parsed } = roundTrip(8, aapl, order);
    expect(fields[84]).toBe('1');
    expect(parsed.order.whatIf).toBe(true);
    expect(parsed.order).toEqual(order);
  });

  const cases: [string, Order][] = [
    ['MKT', { action: OrderAction.SELL, totalQuantity: 3, orderType: OrderType.MKT, tif: TimeInForce.DAY }],
    ['STP', { action: OrderAction.SELL, totalQuantity: 3, orderType: OrderType.STP, auxPrice: 170.5, tif: TimeInForce.GTC }],
    ['STP LMT', { action: OrderAction.SELL, totalQuantity: 3, orderType: OrderType.STP_LMT, auxPrice: 170.5, lmtPrice: 170, tif: TimeInForce.GTC }],
    ['TRAIL amount', { action: OrderAction.SELL, totalQuantity: 4, orderType: OrderType.TRAIL, auxPrice: 2.5, trailStopPrice: 180 }],
    ['TRAIL percent', { action: OrderAction.SELL, totalQuantity: 4, orderType: OrderType.TRAIL, trailingPercent: 1.5 }],
    ['IOC limit', { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.LMT, lmtPrice: 10, tif: TimeInForce.IOC }],
    ['GTC outsideRth with orderRef and account', { action: OrderAction.BUY, totalQuantity: 12, orderType: OrderType.LMT, lmtPrice: 55.01, tif: TimeInForce.GTC, outsideRth: true, orderRef: 'draft-9f2c', account: 'DU1234567' }],
    ['fractional quantity', { action: OrderAction.BUY, totalQuantity: 0.5, orderType: OrderType.MKT }],
  ];
  for (const [name, order] of cases) {
    it(`${name} round-trips exactly`, () => {
      const { parsed } = roundTrip(11, aapl, order);
      expect(parsed.order).toEqual(order);
      expect(parsed.contract).toEqual(aapl);
    });
  }

  it('a bracket (parent + take-profit + stop) keeps parentId, OCA group and transmit flags', () => {
    const parent: Order = { action: OrderAction.BUY, totalQuantity: 100, orderType: OrderType.LMT, lmtPrice: 50, transmit: false, orderRef: 'br-1' };
    const profit: Order = { action: OrderAction.SELL, totalQuantity: 100, orderType: OrderType.LMT, lmtPrice: 55, parentId: 20, ocaGroup: 'oca-20', ocaType: 1, transmit: false };
    const stop: Order = { action: OrderAction.SELL, totalQuantity: 100, orderType: OrderType.STP, auxPrice: 47.5, parentId: 20, ocaGroup: 'oca-20', ocaType: 1, transmit: true };
    expect(roundTrip(20, aapl, parent).parsed.order).toEqual(parent);
    expect(roundTrip(21, aapl, profit).parsed.order).toEqual(profit);
    expect(roundTrip(22, aapl, stop).parsed.order).toEqual(stop);
  });

  it('a contract given by conId and primary exchange keeps both', () => {
    const c: Contract = { conId: 265598, symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', primaryExch: 'NASDAQ', currency: 'USD' };
    const order: Order = { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.MKT };
    expect(roundTrip(3, c, order).parsed.contract).toEqual(c);
  });

  it('conditional blocks (conditions, algo params, delta-neutral type) are consumed field for field', () => {
    const order: Order = {
      action: OrderAction.BUY, totalQuantity: 10, orderType: OrderType.LMT, lmtPrice: 100,
      algoStrategy: 'Adaptive', algoParams: [{ tag: 'adaptivePriority', value: 'Normal' }],
      conditions: [new PriceCondition(150, TriggerMethod.Default, 265598, 'SMART', true, ConjunctionConnection.AND)],
      conditionsIgnoreRth: true, conditionsCancelOrder: false,
      hedgeType: 'D', hedgeParam: '0.5',
      deltaNeutralOrderType: 'LMT', deltaNeutralAuxPrice: 1, deltaNeutralConId: 12, deltaNeutralShortSale: true,
      scalePriceIncrement: 0.1, scaleInitLevelSize: 5, scaleAutoReset: true,
    };
    const { parsed } = roundTrip(30, aapl, order);
    expect(parsed.order.algoParams).toEqual(order.algoParams);
    expect(parsed.order.conditions).toEqual(order.conditions);
    expect(parsed.order.hedgeParam).toBe('0.5');
    expect(parsed.order.deltaNeutralConId).toBe(12);
    expect(parsed.order.deltaNeutralShortSale).toBe(true);
    expect(parsed.order.scaleAutoReset).toBe(true);
    expect(parsed.order.lmtPrice).toBe(100);
  });

  it('a message one field short or one field long is reported, never half-parsed', () => {
    const [fields] = encodeWithLibrary((enc) => enc.placeOrder(1, { ...aapl }, { action: OrderAction.BUY, totalQuantity: 1, orderType: OrderType.MKT }));
    const short = parseClientMessage(fields!.slice(0, -1), 193);
    const long = parseClientMessage([...fields!, 'extra'], 193);
    expect(short.ok).toBe(false);
    expect(long.ok).toBe(false);
    if (!short.ok) expect(short.detail).toMatch(/underrun/);
    if (!long.ok) expect(long.detail).toMatch(/unconsumed/);
  });
});
