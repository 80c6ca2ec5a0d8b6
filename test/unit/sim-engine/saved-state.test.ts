import { describe, expect, it } from 'vitest';
import { BrokerEngine, BrokerState, countersOnly, ManualClock } from '../../../src/sim/engine';
import { conIdOf, MARGIN, monday, order, rig, stock } from './support';

/** Through JSON and the schema, as the demo account file carries it. */
const throughFile = (state: BrokerState): BrokerState => BrokerState.parse(JSON.parse(JSON.stringify(state)));

describe('the simulated broker carried over to a new run', () => {
  it('keeps cash, positions, finished and working orders, executions and the id counters', () => {
    const first = rig(monday(10));
    const aapl = conIdOf(first.engine, 'AAPL');
    expect(first.engine.placeOrder(1, 10, stock('AAPL'), order('BUY', 50, 'MKT'))).toEqual({ kind: 'accepted' });
    const msft = first.engine.resolve(stock('MSFT'))!.contract.conId!;
    const resting = first.engine.quote(msft).bid * 0.97;
    expect(first.engine.placeOrder(1, 11, stock('MSFT'), order('BUY', 5, 'LMT', { lmtPrice: Math.round(resting * 100) / 100, tif: 'GTC' as never }))).toEqual({ kind: 'accepted' });
    // A refused order's id is used too.
    expect(first.engine.placeOrder(1, 12, stock('AAPL'), order('BUY', 0, 'MKT'))).toMatchObject({ kind: 'rejected' });
    const saved = throughFile(first.engine.state());
    first.engine.close();

    const clock = new ManualClock(monday(10, 5));
    const next = new BrokerEngine({ seed: 7, clock, saved });
    expect(next.positions(MARGIN)).toEqual(first.engine.positions(MARGIN));
    expect(next.accountValues(MARGIN).find((v) => v.key === 'TotalCashValue')).toEqual(first.engine.accountValues(MARGIN).find((v) => v.key === 'TotalCashValue'));
    expect(next.executions({})).toEqual(first.engine.executions({}));
    expect(next.openOrders('all').map((o) => [o.orderId, o.status, o.remaining])).toEqual([[11, 'Submitted', 5]]);
    expect(next.completedOrders('all').map((o) => [o.orderId, o.status])).toEqual([[10, 'Filled']]);
    expect(next.highestOrderId(1)).toBe(12);
    // A used id stays used; a new order gets new perm and execution ids.
    expect(next.placeOrder(1, 10, stock('AAPL'), order('BUY', 1, 'MKT'))).toMatchObject({ kind: 'rejected', code: 103 });
    const fills: string[] = [];
    next.on('execution', (f) => fills.push(f.execution.execId!));
    expect(next.placeOrder(1, 13, stock('AAPL'), order('BUY', 1, 'MKT'))).toEqual({ kind: 'accepted' });
    expect(first.engine.executions({}).map((f) => f.execution.execId)).not.toContain(fills[0]);
    const perms = new Set([...first.engine.completedOrders('all'), ...first.engine.openOrders('all')].map((o) => o.permId));
    expect(perms.has(next.completedOrders('all').find((o) => o.orderId === 13)!.permId)).toBe(false);

    // The working order still works: the market comes down to it and it fills.
    next.gap(msft, Math.round(resting * 0.98 * 100) / 100);
    expect(next.completedOrders('all').find((o) => o.orderId === 11)?.status).toBe('Filled');
    expect(next.positions(MARGIN).find((p) => p.contract.conId === aapl)!.pos).toBe(first.engine.positions(MARGIN).find((p) => p.contract.conId === aapl)!.pos + 1);
    next.close();
  });

  it('after a reset opens the starting book again but never re-uses an id', () => {
    const first = rig(monday(10));
    const before = first.engine.positions(MARGIN);
    first.engine.placeOrder(1, 40, stock('AAPL'), order('BUY', 50, 'MKT'));
    const reset = throughFile(countersOnly(first.engine.state()));
    first.engine.close();

    const next = new BrokerEngine({ seed: 7, clock: new ManualClock(monday(10)), saved: reset });
    expect(next.positions(MARGIN)).toEqual(before);
    expect(next.executions({})).toEqual([]);
    expect(next.highestOrderId(1)).toBe(40);
    const ids: string[] = [];
    next.on('execution', (f) => ids.push(f.execution.execId!));
    next.placeOrder(1, 41, stock('AAPL'), order('BUY', 1, 'MKT'));
    expect(first.engine.executions({}).map((f) => f.execution.execId)).not.toContain(ids[0]);
    next.close();
  });

  it('refuses a state it cannot carry on faithfully', () => {
    const first = rig(monday(10));
    const state = first.engine.state();
    first.engine.close();
    expect(() => new BrokerEngine({ seed: 8, clock: new ManualClock(monday(10)), saved: state })).toThrow(/seed 7/);
    const foreign = structuredClone(state);
    foreign.book!.accounts[0]!.holdings.push({ conId: 987_654_321, qty: 1, avgCost: 1, realized: 0, dayStartQty: 1, dayCashFlow: 0, dayCommission: 0, dayRealized: 0 });
    expect(() => new BrokerEngine({ seed: 7, clock: new ManualClock(monday(10)), saved: foreign })).toThrow(/does not list/);
  });
});
