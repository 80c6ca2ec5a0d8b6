// The demo account carried over a restart with every class it can trade: an
// option, a combo of options, a future, a currency pair and a stock abroad.
// Their positions, cash in each currency, executions and working orders must
// come back as they were, and a working order must still trade the same
// instrument. A file written before these classes traded (version 1) loads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderAction } from '@stoqey/ib';
import { BROKER_STATE_VERSION, BrokerEngine, BrokerState, ManualClock, type Contract } from '../../../src/sim/engine';
import { DemoAccountFile } from '../../../src/main/broker/demo-account-file';
import { MARGIN, conIdOf, monday, order, rig, type Rig } from './support';

const throughFile = (state: BrokerState): BrokerState => BrokerState.parse(JSON.parse(JSON.stringify(state)));
const round = (p: number, tick: number): number => Math.round(Math.round(p / tick) * tick * 1e8) / 1e8;

const engines: BrokerEngine[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function option(r: Rig, symbol: string, right: 'C' | 'P', offsetSteps: number): Contract {
  const chain = r.engine.optionChains(conIdOf(r.engine, symbol), 'SMART')[0]!;
  const spot = r.engine.quote(conIdOf(r.engine, symbol)).last;
  const atm = chain.strikes.reduce((a, b) => (Math.abs(b - spot) < Math.abs(a - spot) ? b : a));
  const strike = chain.strikes[chain.strikes.indexOf(atm) + offsetSteps]!;
  const d = r.engine.resolve({ symbol, secType: 'OPT' as Contract['secType'], exchange: 'SMART', currency: 'USD', lastTradeDateOrContractMonth: chain.expirations[10]!, strike, right: right as Contract['right'], multiplier: 100 });
  return d!.contract;
}

function future(r: Rig, symbol: string): Contract {
  const d = r.engine.resolve({ symbol, secType: 'CONTFUT' as Contract['secType'], exchange: 'CME' })!;
  return { conId: d.contract.conId, exchange: d.contract.exchange } as Contract;
}

const EURUSD: Contract = { symbol: 'EUR', secType: 'CASH' as Contract['secType'], exchange: 'IDEALPRO', currency: 'USD' };
const SAP: Contract = { symbol: 'SAP', secType: 'STK' as Contract['secType'], exchange: 'SMART', currency: 'EUR' };

/** Cash in each currency (the BASE row converts at today's rates, which walk again). */
const cashRows = (e: BrokerEngine): unknown[] => e.accountValues(MARGIN).filter((v) => v.key === 'CashBalance' && v.currency !== 'BASE');

describe('every class of the demo account carried over to a new run', () => {
  it('keeps option, combo, future, forex and foreign-stock positions, cash by currency, fills and working orders', () => {
    const first = rig(monday(10));
    engines.push(first.engine);
    const call = option(first, 'TSLA', 'C', 0);
    const further = option(first, 'TSLA', 'C', 2);
    const vertical: Contract = {
      symbol: 'TSLA', secType: 'BAG' as Contract['secType'], exchange: 'SMART', currency: 'USD',
      comboLegs: [{ conId: call.conId!, ratio: 1, action: OrderAction.BUY, exchange: 'SMART' }, { conId: further.conId!, ratio: 1, action: OrderAction.SELL, exchange: 'SMART' }],
    };
    const es = future(first, 'ES');
    const instruments: { name: string; contract: Contract; qty: number; tick: number }[] = [
      { name: 'option', contract: call, qty: 2, tick: 0.01 },
      { name: 'combo', contract: vertical, qty: 1, tick: 0.01 },
      { name: 'future', contract: es, qty: 1, tick: first.engine.resolve(es)!.minTick! },
      { name: 'forex', contract: EURUSD, qty: 20_000, tick: first.engine.resolve(EURUSD)!.minTick! },
      { name: 'foreign stock', contract: SAP, qty: 10, tick: first.engine.resolve(SAP)!.minTick! },
    ];
    // A combo's quote is the net of its legs; everything else quotes itself.
    const bidOf = (c: Contract): number => {
      if (!c.comboLegs) return first.engine.quote(first.engine.resolve(c)!.contract.conId!).bid;
      return first.engine.quote(call.conId!).bid - first.engine.quote(further.conId!).ask;
    };
    let id = 20;
    for (const i of instruments) {
      expect(first.engine.placeOrder(1, id, i.contract, order('BUY', i.qty, 'MKT')), i.name).toEqual({ kind: 'accepted' });
      expect(first.status(id)?.status, i.name).toBe('Filled');
      id++;
    }
    const resting = new Map<string, number>();
    for (const i of instruments) {
      // Well under the market, good till cancelled: it rests across the restart.
      const lmt = round(Math.max(i.tick, bidOf(i.contract) * 0.8), i.tick);
      expect(first.engine.placeOrder(1, id, i.contract, order('BUY', i.qty, 'LMT', { lmtPrice: lmt, tif: 'GTC' as never })), i.name).toEqual({ kind: 'accepted' });
      resting.set(i.name, id++);
    }
    const saved = throughFile(first.engine.state());
    expect(saved.version).toBe(BROKER_STATE_VERSION);
    first.engine.close();

    const next = new BrokerEngine({ seed: 7, clock: new ManualClock(monday(10)), saved });
    engines.push(next);
    expect(next.positions(MARGIN)).toEqual(first.engine.positions(MARGIN));
    // The market walks again from the seed (what was consumed of its depth is not kept), so compare what the account owns, not prices.
    const owned = (e: BrokerEngine): unknown[] => e.portfolio(MARGIN).map((p) => [p.contract, p.pos, p.avgCost, p.realizedPNL]);
    expect(owned(next)).toEqual(owned(first.engine));
    // Saved again, the book is what was saved: every holding's terms, every currency's cash, every order and fill.
    expect(throughFile(next.state()).book).toEqual(saved.book);
    // The holdings are valued by their own terms: an option at 100 a point, ES at 50.
    const row = (conId: number) => next.portfolio(MARGIN).find((p) => p.contract.conId === conId)!;
    expect(row(call.conId!).marketValue).toBeCloseTo(row(call.conId!).pos * row(call.conId!).marketPrice * 100, 1);
    expect(row(es.conId!).marketValue).toBeCloseTo(row(es.conId!).pos * row(es.conId!).marketPrice * 50, 1);
    expect(cashRows(next)).toEqual(cashRows(first.engine));
    expect(cashRows(next)).toContainEqual(expect.objectContaining({ currency: 'EUR' }));
    expect(next.executions({})).toEqual(first.engine.executions({}));
    expect(next.executions({}).map((f) => f.contract.secType)).toEqual(expect.arrayContaining(['OPT', 'FUT', 'CASH', 'STK']));
    expect(next.openOrders('all')).toEqual(first.engine.openOrders('all'));
    expect(next.completedOrders('all')).toEqual(first.engine.completedOrders('all'));

    // Each working order still trades its own instrument: re-sent at a marketable price it is a modify, and fills.
    const statuses = new Map<number, string>();
    next.on('orderStatus', (rec) => statuses.set(rec.orderId, rec.status));
    for (const i of instruments) {
      const orderId = resting.get(i.name)!;
      const ask = i.contract.comboLegs
        ? next.quote(call.conId!).ask - next.quote(further.conId!).bid
        : next.quote(next.resolve(i.contract)!.contract.conId!).ask;
      const lmt = round(ask + 20 * i.tick, i.tick);
      expect(next.placeOrder(1, orderId, i.contract, order('BUY', i.qty, 'LMT', { lmtPrice: lmt, tif: 'GTC' as never })), i.name).toEqual({ kind: 'accepted' });
      expect(statuses.get(orderId), i.name).toBe('Filled');
    }
    // A combo order re-sent with other legs is another product: refused as a duplicate id, as at TWS.
    const other: Contract = { ...vertical, comboLegs: [...vertical.comboLegs!].reverse().map((l) => ({ ...l, action: l.action === OrderAction.BUY ? OrderAction.SELL : OrderAction.BUY })) };
    expect(next.placeOrder(1, resting.get('combo')!, other, order('BUY', 1, 'LMT', { lmtPrice: 1 }))).toMatchObject({ kind: 'rejected', code: 103 });
  });

  it('loads a demo account file written before other classes traded (version 1): US stocks, USD cash, a working order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-v1-'));
    dirs.push(dir);
    fs.copyFileSync(path.join(__dirname, 'fixtures', 'demo-account-v1.json'), path.join(dir, 'demo-account.json'));
    const file = new DemoAccountFile(dir, () => monday(11));
    const reading = file.read();
    if (reading.kind !== 'saved') throw new Error(`the version 1 file did not load: ${JSON.stringify(reading)}`);
    const raw = JSON.parse(fs.readFileSync(path.join(dir, 'demo-account.json'), 'utf8')) as { broker: { version: number; book: { accounts: { cash: number; holdings: { conId: number; qty: number }[] }[] } } };
    expect(raw.broker.version).toBe(1);

    const engine = new BrokerEngine({ seed: 7, clock: new ManualClock(monday(10, 5)), saved: reading.state });
    engines.push(engine);
    const held = raw.broker.book.accounts[0]!.holdings;
    expect(engine.positions(MARGIN).map((p) => [p.contract.conId, p.pos, p.contract.secType])).toEqual(held.map((h) => [h.conId, h.qty, 'STK']));
    expect(engine.accountValues(MARGIN).filter((v) => v.key === 'CashBalance' && v.currency !== 'BASE').map((v) => [v.currency, Number(v.value)]))
      .toEqual([['USD', Math.round(raw.broker.book.accounts[0]!.cash * 100) / 100]]);
    expect(engine.openOrders('all').map((o) => [o.orderId, o.status, o.contract.symbol])).toEqual([[12, 'Submitted', 'MSFT']]);
    expect(engine.completedOrders('all').map((o) => [o.orderId, o.status])).toEqual([[10, 'Filled'], [11, 'Filled']]);
    expect(engine.executions({})).toHaveLength(2);
    expect(engine.highestOrderId(1)).toBe(12);
    // Saved again, it is written in the current version.
    expect(engine.state().version).toBe(BROKER_STATE_VERSION);
  });

  it('refuses a version it does not know rather than guess at it', () => {
    const r = rig(monday(10));
    engines.push(r.engine);
    const state = JSON.parse(JSON.stringify(r.engine.state())) as Record<string, unknown>;
    expect(BrokerState.safeParse({ ...state, version: BROKER_STATE_VERSION + 1 }).success).toBe(false);
  });
});
