import { afterEach, describe, expect, it } from 'vitest';
import { IRA, MARGIN, conIdOf, order, rig, stock, type Rig } from './support';

let r: Rig;
afterEach(() => r?.engine.close());
const px = (p: number): number => Math.round(p * 100) / 100;

describe('rejections', () => {
  it('refuse a short sale in the IRA cash account, but allow selling what it holds', () => {
    r = rig();
    const held = r.engine.positions(IRA).find((p) => p.contract.symbol === 'VTI')!.pos;
    const res = r.engine.placeOrder(1, 1, stock('VTI'), order('SELL', held + 1, 'MKT', { account: IRA }));
    expect(res).toMatchObject({ kind: 'rejected', code: 201 });
    expect(res.kind === 'rejected' && res.reason).toMatch(/Short sale is not permitted in cash account DU7654321/);
    expect(r.engine.placeOrder(1, 2, stock('AAPL'), order('SELL', 1, 'MKT', { account: IRA }))).toMatchObject({ kind: 'rejected', code: 201 });
    expect(r.engine.placeOrder(1, 3, stock('VTI'), order('SELL', held, 'MKT', { account: IRA }))).toEqual({ kind: 'accepted' });
    expect(r.status(3)!.status).toBe('Filled');
    expect(r.engine.positions(IRA).find((p) => p.contract.symbol === 'VTI')).toBeUndefined();
  });

  it('counts working sell orders against what the cash account holds', () => {
    r = rig();
    const held = r.engine.positions(IRA).find((p) => p.contract.symbol === 'BND')!.pos;
    const q = r.engine.quote(conIdOf(r.engine, 'BND'));
    expect(r.engine.placeOrder(1, 1, stock('BND'), order('SELL', held - 5, 'LMT', { account: IRA, lmtPrice: px(q.ask + 5) }))).toEqual({ kind: 'accepted' });
    expect(r.engine.placeOrder(1, 2, stock('BND'), order('SELL', 10, 'LMT', { account: IRA, lmtPrice: px(q.ask + 5) }))).toMatchObject({ kind: 'rejected', code: 201 });
  });

  it('refuse margin use in the cash account', () => {
    r = rig();
    // What the IRA may spend: its cash less what its covered call would cost to buy back.
    const cash = Number(r.engine.accountSummary(IRA).find((v) => v.tag === 'AvailableFunds')!.value);
    const price = r.engine.quote(conIdOf(r.engine, 'SPY')).ask;
    const affordable = Math.floor((cash - 10) / price);
    const res = r.engine.placeOrder(1, 1, stock('SPY'), order('BUY', affordable + 5, 'MKT', { account: IRA }));
    expect(res.kind === 'rejected' && res.reason).toMatch(/Margin is not permitted in cash account/);
    expect(r.engine.placeOrder(1, 2, stock('SPY'), order('BUY', affordable, 'MKT', { account: IRA }))).toEqual({ kind: 'accepted' });
    expect(r.status(2)!.status).toBe('Filled');
    expect(Number(r.engine.accountSummary(IRA).find((v) => v.tag === 'TotalCashValue')!.value)).toBeGreaterThanOrEqual(0);
  });

  it('refuse an order beyond the margin account buying power', () => {
    r = rig();
    const bp = Number(r.engine.accountSummary(MARGIN).find((v) => v.tag === 'BuyingPower')!.value);
    const price = r.engine.quote(conIdOf(r.engine, 'MSFT')).ask;
    // Reg T: 50% initial margin, so buying power covers twice the available funds, not four times.
    const tooMany = Math.ceil(bp / 2 / price) + 10;
    const res = r.engine.placeOrder(1, 1, stock('MSFT'), order('BUY', tooMany, 'MKT'));
    expect(res.kind === 'rejected' && res.reason).toMatch(/Insufficient buying power in DU1234567/);
    expect(r.fills).toHaveLength(0);
    // Selling down what the account holds needs no buying power.
    const held = r.engine.positions(MARGIN).find((p) => p.contract.symbol === 'MSFT')!.pos;
    expect(r.engine.placeOrder(1, 2, stock('MSFT'), order('SELL', held, 'MKT'))).toEqual({ kind: 'accepted' });
  });

  it('allow a short sale in the margin account, held against margin', () => {
    r = rig();
    const maintBefore = Number(r.engine.accountSummary(MARGIN).find((v) => v.tag === 'MaintMarginReq')!.value);
    expect(r.engine.placeOrder(1, 1, stock('TSLA'), order('SELL', 100, 'MKT'))).toEqual({ kind: 'accepted' });
    expect(r.engine.positions(MARGIN).find((p) => p.contract.symbol === 'TSLA')!.pos).toBe(-100);
    const last = r.engine.quote(conIdOf(r.engine, 'TSLA')).last;
    const maintAfter = Number(r.engine.accountSummary(MARGIN).find((v) => v.tag === 'MaintMarginReq')!.value);
    expect(maintAfter - maintBefore).toBeCloseTo(100 * last * 0.3, 0);
  });

  it('reject the next order when asked to, with the given reason, and only that one', () => {
    r = rig();
    r.engine.rejectNextOrder('Simulated: exchange closed for this security');
    // A what-if does not use up the fault.
    expect(r.engine.placeOrder(1, 1, stock('AAPL'), order('BUY', 1, 'MKT', { whatIf: true })).kind).toBe('whatIf');
    expect(r.engine.placeOrder(1, 2, stock('AAPL'), order('BUY', 1, 'MKT'))).toEqual({ kind: 'rejected', code: 201, reason: 'Simulated: exchange closed for this security' });
    expect(r.engine.placeOrder(1, 3, stock('AAPL'), order('BUY', 1, 'MKT'))).toEqual({ kind: 'accepted' });
  });

  it('answer 200 for an unknown contract and 201 for orders the simulator cannot take', () => {
    r = rig();
    expect(r.engine.placeOrder(1, 1, stock('NOSUCH'), order('BUY', 1, 'MKT'))).toMatchObject({ kind: 'rejected', code: 200 });
    const bad = [
      order('BUY', 0, 'MKT'), order('BUY', 1.5, 'MKT'), order('BUY', 1, 'LMT'), order('BUY', 1, 'STP'),
      order('BUY', 1, 'TRAIL'), order('BUY', 1, 'MOC'), order('BUY', 1, 'LMT', { lmtPrice: 10.005 }),
      order('BUY', 1, 'MKT', { tif: 'FOK' as never }), order('BUY', 1, 'MKT', { account: 'U999' }),
    ];
    bad.forEach((o, i) => expect(r.engine.placeOrder(1, 10 + i, stock('AAPL'), o), JSON.stringify(o)).toMatchObject({ kind: 'rejected', code: 201 }));
    expect(r.statuses).toHaveLength(0);
  });
});

describe('order ids, modify and cancel', () => {
  it('treats re-sending a working order id as a modify, keeping its permId', () => {
    r = rig();
    const q = r.engine.quote(conIdOf(r.engine, 'AAPL'));
    r.engine.placeOrder(1, 5, stock('AAPL'), order('BUY', 10, 'LMT', { lmtPrice: px(q.bid - 5), orderRef: 'd1' }));
    const permId = r.status(5)!.permId;
    expect(permId).toBeGreaterThan(0);
    expect(r.engine.placeOrder(1, 5, stock('AAPL'), order('BUY', 10, 'LMT', { lmtPrice: px(q.ask + 0.05), orderRef: 'd1' }))).toEqual({ kind: 'accepted' });
    expect(r.status(5)).toMatchObject({ status: 'Filled', permId });
    expect(r.engine.executions({}).filter((f) => f.execution.orderId === 5)).toHaveLength(1);
  });

  it('a modify can change the quantity, but not below what has filled', () => {
    r = rig();
    const q = r.engine.quote(conIdOf(r.engine, 'AAPL'));
    r.engine.placeOrder(1, 5, stock('AAPL'), order('BUY', 10, 'LMT', { lmtPrice: px(q.bid - 5) }));
    r.engine.placeOrder(1, 5, stock('AAPL'), order('BUY', 25, 'LMT', { lmtPrice: px(q.bid - 4) }));
    const open = r.engine.openOrders(1)[0]!;
    expect(open).toMatchObject({ remaining: 25, filled: 0 });
    expect(open.order).toMatchObject({ totalQuantity: 25, lmtPrice: px(q.bid - 4) });
    // Changing the side of a working order is not a modify.
    expect(r.engine.placeOrder(1, 5, stock('AAPL'), order('SELL', 25, 'LMT', { lmtPrice: px(q.bid - 4) }))).toMatchObject({ kind: 'rejected', code: 103 });
  });

  it('answers 103 for an id already used by the same client, but not for another client', () => {
    r = rig();
    r.engine.placeOrder(1, 5, stock('KO'), order('BUY', 1, 'MKT'));
    expect(r.status(5)!.status).toBe('Filled');
    expect(r.engine.placeOrder(1, 5, stock('KO'), order('BUY', 1, 'MKT'))).toMatchObject({ kind: 'rejected', code: 103 });
    const q = r.engine.quote(conIdOf(r.engine, 'KO'));
    r.engine.placeOrder(1, 6, stock('KO'), order('BUY', 1, 'LMT', { lmtPrice: px(q.bid - 3) }));
    // A working id reused for a different product is not a modify.
    expect(r.engine.placeOrder(1, 6, stock('PEP'), order('BUY', 1, 'LMT', { lmtPrice: 1 }))).toMatchObject({ kind: 'rejected', code: 103 });
    expect(r.engine.placeOrder(2, 5, stock('KO'), order('BUY', 1, 'MKT'))).toEqual({ kind: 'accepted' });
    expect(r.fills).toHaveLength(2);
    // A rejected order's id is used up too.
    r.engine.rejectNextOrder();
    r.engine.placeOrder(1, 7, stock('KO'), order('BUY', 1, 'MKT'));
    expect(r.engine.placeOrder(1, 7, stock('KO'), order('BUY', 1, 'MKT'))).toMatchObject({ kind: 'rejected', code: 103 });
  });

  it('gives every order a distinct non-zero permId and keeps orderRef', () => {
    r = rig();
    const q = r.engine.quote(conIdOf(r.engine, 'SPY'));
    for (let id = 1; id <= 5; id++) r.engine.placeOrder(1, id, stock('SPY'), order('BUY', 1, 'LMT', { lmtPrice: px(q.bid - id), orderRef: `draft-${id}` }));
    const open = r.engine.openOrders(1);
    expect(open).toHaveLength(5);
    expect(new Set(open.map((o) => o.permId)).size).toBe(5);
    expect(open.every((o) => o.permId > 0 && o.order.permId === o.permId)).toBe(true);
    expect(open.map((o) => o.order.orderRef)).toEqual(['draft-1', 'draft-2', 'draft-3', 'draft-4', 'draft-5']);
    expect(open[0]!.order.account).toBe(MARGIN);
    expect(open[0]!.contract).toMatchObject({ conId: 756733, symbol: 'SPY', primaryExch: 'ARCA' });
  });

  it('cancels through PendingCancel to Cancelled, once', () => {
    r = rig();
    const q = r.engine.quote(conIdOf(r.engine, 'SPY'));
    r.engine.placeOrder(1, 1, stock('SPY'), order('BUY', 1, 'LMT', { lmtPrice: px(q.bid - 5) }));
    expect(r.engine.cancelOrder(1, 1)).toBe(true);
    expect(r.statuses.filter((s) => s.orderId === 1).map((s) => s.status)).toEqual(['Submitted', 'PendingCancel', 'Cancelled']);
    expect(r.engine.cancelOrder(1, 1)).toBe(false);
    expect(r.engine.cancelOrder(99, 1)).toBe(false);
    // Another client cannot cancel it; the master client (0) can cancel anyone's.
    r.engine.placeOrder(1, 2, stock('SPY'), order('BUY', 1, 'LMT', { lmtPrice: px(q.bid - 5) }));
    expect(r.engine.cancelOrder(2, 3)).toBe(false);
    expect(r.engine.cancelOrder(2, 0)).toBe(true);
  });

  it('global cancel cancels every working order of every client', () => {
    r = rig();
    const q = r.engine.quote(conIdOf(r.engine, 'SPY'));
    r.engine.placeOrder(1, 1, stock('SPY'), order('BUY', 1, 'LMT', { lmtPrice: px(q.bid - 5) }));
    r.engine.placeOrder(2, 1, stock('SPY'), order('BUY', 1, 'LMT', { lmtPrice: px(q.bid - 6) }));
    expect(r.engine.openOrders('all')).toHaveLength(2);
    expect(r.engine.openOrders(2)).toHaveLength(1);
    r.engine.cancelAll();
    expect(r.engine.openOrders('all')).toEqual([]);
    expect(r.statuses.filter((s) => s.status === 'Cancelled')).toHaveLength(2);
  });
});

describe('executions query', () => {
  it('filters by client, account, symbol, side and time', () => {
    r = rig();
    r.engine.placeOrder(1, 1, stock('AAPL'), order('BUY', 10, 'MKT'));
    r.engine.placeOrder(2, 1, stock('MSFT'), order('SELL', 5, 'MKT'));
    r.clock.advance(120_000);
    r.engine.placeOrder(1, 2, stock('SPY'), order('SELL', 1, 'MKT', { account: IRA }));
    r.engine.placeOrder(1, 3, stock('VTI'), order('SELL', 1, 'MKT', { account: IRA }));
    const ids = (f: Parameters<typeof r.engine.executions>[0]): string[] => r.engine.executions(f).map((x) => `${x.execution.clientId}:${x.execution.orderId}`);
    expect(r.engine.executions({})).toHaveLength(r.fills.length);
    expect(ids({ clientId: 2 })).toEqual(['2:1']);
    expect(ids({ symbol: 'AAPL' })).toEqual(['1:1']);
    expect(ids({ side: 'SELL' })).toEqual(['2:1', '1:3']);
    expect(ids({ side: 'BOT' })).toEqual(['1:1']);
    expect(ids({ account: IRA })).toEqual(['1:3']);
    expect(ids({ secType: 'STK' })).toHaveLength(3);
    expect(ids({ time: '20261123 10:01:00' })).toEqual(['1:3']);
    expect(ids({ time: '20261123-15:01:00' })).toEqual(['1:3']);
  });
});
