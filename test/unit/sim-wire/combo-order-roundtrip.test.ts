// Orders beyond US stocks on the wire at every negotiated version: a BAG
// vertical as the library's Encoder places it parses with its legs; the open
// order the simulator writes back for it, and an option leg's execution,
// decode in the library's Decoder with no error.
import { describe, expect, it } from 'vitest';
import { EventName, OrderAction, OrderStatus, OrderType, SecType, type Contract, type Order } from '@stoqey/ib';
import { parseClientMessage } from '../../../src/sim/wire/incoming';
import { executionData } from '../../../src/sim/wire/outgoing/executions';
import { openOrder } from '../../../src/sim/wire/outgoing/orders';
import { decodeCleanAt, encodeWithLibrary, TEST_VERSIONS } from './library-codec';

const bag: Contract = {
  symbol: 'TSLA', secType: SecType.BAG, exchange: 'SMART', currency: 'USD', comboLegsDescription: '',
  comboLegs: [
    { conId: 1_008_000_513, ratio: 1, action: OrderAction.BUY, exchange: 'SMART', openClose: 0, shortSaleSlot: 0, designatedLocation: '', exemptCode: -1 },
    { conId: 1_008_000_509, ratio: 1, action: OrderAction.SELL, exchange: 'SMART', openClose: 0, shortSaleSlot: 0, designatedLocation: '', exemptCode: -1 },
  ],
};
const call: Contract = {
  conId: 1_008_000_513, symbol: 'TSLA', secType: SecType.OPT, lastTradeDateOrContractMonth: '20261218', strike: 260, right: 'C' as Contract['right'],
  multiplier: 100, exchange: 'SMART', currency: 'USD', localSymbol: 'TSLA  261218C00260000', tradingClass: 'TSLA',
};
const order: Order = { action: OrderAction.BUY, totalQuantity: 2, orderType: OrderType.LMT, lmtPrice: -1.25, account: 'DU1234567', orderRef: 'vertical', transmit: true, orderId: 21 };

describe.each(TEST_VERSIONS)('at server version %i', (v) => {
  it('a vertical placed as a BAG parses with both legs and its credit limit, consuming every field', () => {
    const [fields] = encodeWithLibrary((e) => e.placeOrder(21, bag, order), v);
    const out = parseClientMessage(fields!, v);
    if (!out.ok || out.request.kind !== 'placeOrder') throw new Error(out.ok ? out.request.kind : out.detail);
    expect(out.request.contract.secType).toBe('BAG');
    expect(out.request.contract.comboLegs?.map((l) => [l.conId, l.ratio, l.action])).toEqual([[1_008_000_513, 1, 'BUY'], [1_008_000_509, 1, 'SELL']]);
    expect(out.request.order).toMatchObject({ lmtPrice: -1.25, totalQuantity: 2, orderRef: 'vertical' });
  });

  it('the BAG\'s open order and an option leg\'s execution decode cleanly', () => {
    const [open] = decodeCleanAt(v, openOrder(v, 21, bag, { ...order, permId: 77, clientId: 3 }, { status: OrderStatus.Submitted }));
    expect(open!.name).toBe(EventName.openOrder);
    const c = open!.args[1] as Contract;
    expect(c.comboLegs?.map((l) => [l.conId, l.action])).toEqual([[1_008_000_513, 'BUY'], [1_008_000_509, 'SELL']]);
    const [exec] = decodeCleanAt(v, executionData(v, -1, call, {
      orderId: 21, execId: 'x.1', time: '20261120  10:00:00', acctNumber: 'DU1234567', exchange: 'CBOE', side: 'BOT', shares: 2, price: 12.35,
      permId: 77, clientId: 3, liquidation: 0, cumQty: 2, avgPrice: 12.35, orderRef: 'vertical', lastLiquidity: 2,
    }));
    expect((exec!.args[1] as Contract)).toMatchObject({ secType: 'OPT', strike: 260, right: 'C', multiplier: 100, localSymbol: call.localSymbol });
  });
});
