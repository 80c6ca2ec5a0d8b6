// Expiry on the engine's clock, as IB does it at the end of an expiry day:
// equity options are exercised or assigned by exception (in the money by a
// cent or more at the underlying's close) and delivered at the strike, out of
// the money they lapse; index options settle in cash at their intrinsic value;
// futures settle at their final price on the last trading day. A saved book
// that held something which expired while the simulator was down carries on
// and settles it.
import { afterEach, describe, expect, it } from 'vitest';
import { BrokerEngine, BrokerState, ManualClock, type Contract, type FillRecord } from '../../../src/sim/engine';
import { easternToMs } from '../../../src/sim/engine/eastern-time';
import { IRA, MARGIN, conIdOf, monday, order, rig, type Rig } from './support';

const at = (y: number, mo: number, d: number, h: number, mi = 0): number => easternToMs(y, mo, d, h, mi);
const FAST = { tickIntervalMs: 60_000 };

const rigs: BrokerEngine[] = [];
afterEach(() => { for (const e of rigs.splice(0)) e.close(); });
function start(ms = monday(10)): Rig {
  const r = rig(ms, FAST);
  rigs.push(r.engine);
  return r;
}

const cash = (e: BrokerEngine, account: string, currency = 'USD'): number =>
  Number(e.accountLedger(account).find((v) => v.tag === 'CashBalance' && v.currency === currency)!.value);
const row = (e: BrokerEngine, account: string, conId: number) => e.positions(account).find((p) => p.contract.conId === conId);
const optionOf = (e: BrokerEngine, account: string, symbol: string, sign: number, strike?: number) =>
  e.positions(account).find((p) => p.contract.secType === 'OPT' && p.contract.symbol === symbol && Math.sign(p.pos) === sign && (strike === undefined || p.contract.strike === strike))!;
const expiryOf = (c: Contract): number => {
  const e = c.lastTradeDateOrContractMonth!;
  return at(Number(e.slice(0, 4)), Number(e.slice(4, 6)), Number(e.slice(6, 8)), 0);
};
/** The next trading day's pre-market, after the roll that settles an expiry on `day`. */
const dayAfter = (day: number): number => {
  let t = day + 86_400_000;
  while ([0, 6].includes(new Date(t + 12 * 3_600_000).getUTCDay())) t += 86_400_000;
  const d = new Date(t + 12 * 3_600_000);
  return at(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 4, 1);
};
const fillsOf = (fills: FillRecord[], conId: number): FillRecord[] => fills.filter((f) => f.contract.conId === conId);

describe('equity options at expiry (exercise by exception, physical delivery)', () => {
  it('a long call in the money at the close is exercised: shares bought at the strike, the premium in their cost', () => {
    const r = start();
    const e = r.engine;
    const aapl = conIdOf(e, 'AAPL');
    const call = optionOf(e, MARGIN, 'AAPL', 1);
    const day = expiryOf(call.contract);
    r.clock.advanceTo(day + 15.5 * 3_600_000);
    e.gap(aapl, call.contract.strike! + 15);
    r.clock.advanceTo(day + 15.98 * 3_600_000);
    const stock = row(e, MARGIN, aapl)!;
    const before = cash(e, MARGIN);
    r.clock.advanceTo(dayAfter(day));
    expect(row(e, MARGIN, call.contract.conId!)).toBeUndefined();
    const shares = 100 * call.pos;
    const after = row(e, MARGIN, aapl)!;
    expect(after.pos).toBe(stock.pos + shares);
    expect(cash(e, MARGIN)).toBeCloseTo(before - call.contract.strike! * shares, 2);
    // IB folds the premium paid into the shares' cost basis.
    expect(after.avgCost).toBeCloseTo((stock.pos * stock.avgCost + shares * call.contract.strike! + call.pos * call.avgCost) / after.pos, 3);
    const [optionLeg] = fillsOf(r.fills, call.contract.conId!);
    expect(optionLeg!.execution).toMatchObject({ side: 'SLD', shares: call.pos, price: 0, orderId: 0, permId: 0, acctNumber: MARGIN });
    const [stockLeg] = fillsOf(r.fills, aapl);
    expect(stockLeg!.execution).toMatchObject({ side: 'BOT', shares, price: call.contract.strike, orderId: 0, permId: 0 });
    expect(stockLeg!.commission.commission).toBe(0);
  });

  it('a covered call in the money is assigned: the shares are called away at the strike, the premium counts in the sale', () => {
    const r = start();
    const e = r.engine;
    const qqq = conIdOf(e, 'QQQ');
    const call = optionOf(e, IRA, 'QQQ', -1);
    const held = row(e, IRA, qqq)!;
    const day = expiryOf(call.contract);
    r.clock.advanceTo(day + 15.5 * 3_600_000);
    e.gap(qqq, call.contract.strike! + 20);
    r.clock.advanceTo(day + 15.98 * 3_600_000);
    const before = cash(e, IRA);
    r.clock.advanceTo(dayAfter(day));
    const shares = -100 * call.pos;
    expect(row(e, IRA, call.contract.conId!)).toBeUndefined();
    expect(row(e, IRA, qqq)?.pos ?? 0).toBe(held.pos - shares);
    expect(cash(e, IRA)).toBeCloseTo(before + call.contract.strike! * shares, 2);
    const [stockLeg] = fillsOf(r.fills, qqq);
    expect(stockLeg!.execution).toMatchObject({ side: 'SLD', shares, price: call.contract.strike, acctNumber: IRA });
    // Sold at the strike plus the premium the call brought in, against what the shares cost.
    const premium = call.avgCost / 100;
    expect(stockLeg!.commission.realizedPNL).toBeCloseTo((call.contract.strike! + premium - held.avgCost) * shares, 1);
  });

  it('a bull call spread with the long leg in the money: the long call is exercised, the short call lapses', () => {
    const r = start();
    const e = r.engine;
    const spy = conIdOf(e, 'SPY');
    const long = optionOf(e, MARGIN, 'SPY', 1);
    const short = optionOf(e, MARGIN, 'SPY', -1);
    const held = row(e, MARGIN, spy)!;
    const day = expiryOf(long.contract);
    r.clock.advanceTo(day + 15.5 * 3_600_000);
    e.gap(spy, (long.contract.strike! + short.contract.strike!) / 2);
    r.clock.advanceTo(day + 15.98 * 3_600_000);
    const before = cash(e, MARGIN);
    r.clock.advanceTo(dayAfter(day));
    expect(row(e, MARGIN, long.contract.conId!)).toBeUndefined();
    expect(row(e, MARGIN, short.contract.conId!)).toBeUndefined();
    expect(row(e, MARGIN, spy)!.pos).toBe(held.pos + 100 * long.pos);
    expect(cash(e, MARGIN)).toBeCloseTo(before - long.contract.strike! * 100 * long.pos, 2);
    const [lapsed] = fillsOf(r.fills, short.contract.conId!);
    // A short option that lapses is bought back at nothing: all its premium is made.
    expect(lapsed!.execution).toMatchObject({ side: 'BOT', shares: -short.pos, price: 0 });
    expect(lapsed!.commission.realizedPNL).toBeCloseTo(-short.pos * short.avgCost, 1);
  });

  it('an option out of the money lapses: no shares, no cash, the premium is realized', () => {
    const r = start();
    const e = r.engine;
    const msft = conIdOf(e, 'MSFT');
    const put = optionOf(e, MARGIN, 'MSFT', -1);
    const held = row(e, MARGIN, msft)!;
    const day = expiryOf(put.contract);
    r.clock.advanceTo(day + 15.5 * 3_600_000);
    e.gap(msft, put.contract.strike! + 25);
    r.clock.advanceTo(day + 15.98 * 3_600_000);
    const es = e.positions(MARGIN).find((p) => p.contract.secType === 'FUT')!;
    const esSettles = es.contract.lastTradeDateOrContractMonth === put.contract.lastTradeDateOrContractMonth;
    const before = cash(e, MARGIN);
    const esVariation = esSettles ? e.quote(es.contract.conId!).last * 50 * es.pos - es.avgCost * es.pos : 0;
    r.clock.advanceTo(dayAfter(day));
    expect(row(e, MARGIN, put.contract.conId!)).toBeUndefined();
    expect(row(e, MARGIN, msft)!.pos).toBe(held.pos);
    expect(cash(e, MARGIN)).toBeCloseTo(before + esVariation, 2);
    const [lapsed] = fillsOf(r.fills, put.contract.conId!);
    expect(lapsed!.execution).toMatchObject({ side: 'BOT', shares: -put.pos, price: 0 });
    expect(lapsed!.commission.realizedPNL).toBeCloseTo(-put.pos * put.avgCost, 1);
  });

  it('a long call out of the money at the close lapses: no shares are bought', () => {
    const r = start();
    const e = r.engine;
    const aapl = conIdOf(e, 'AAPL');
    const call = optionOf(e, MARGIN, 'AAPL', 1);
    const day = expiryOf(call.contract);
    const before = row(e, MARGIN, aapl)!.pos;
    // The market is shut after the close: the underlying's last stays where the close left it (us-equities hours).
    r.clock.advanceTo(day + 15.9 * 3_600_000);
    e.gap(aapl, call.contract.strike! - 5);
    r.clock.advanceTo(dayAfter(day));
    expect(row(e, MARGIN, call.contract.conId!)).toBeUndefined();
    expect(row(e, MARGIN, aapl)!.pos).toBe(before);
  });

  it('the close decides, not a print after it', () => {
    const r = start();
    const e = r.engine;
    const aapl = conIdOf(e, 'AAPL');
    const call = optionOf(e, MARGIN, 'AAPL', 1);
    const day = expiryOf(call.contract);
    const before = row(e, MARGIN, aapl)!.pos;
    r.clock.advanceTo(day + 15.5 * 3_600_000);
    e.gap(aapl, call.contract.strike! + 15);
    // After hours the stock falls through the strike: the option was in the money at the close all the same.
    r.clock.advanceTo(day + 17 * 3_600_000);
    e.gap(aapl, call.contract.strike! - 15);
    r.clock.advanceTo(dayAfter(day));
    expect(row(e, MARGIN, aapl)!.pos).toBe(before + 100 * call.pos);
  });
});

describe('index options and futures at expiry (cash settlement)', () => {
  it('an SPX weekly call settles in cash at its intrinsic value times 100', () => {
    const r = start();
    const e = r.engine;
    const spx = e.resolve({ symbol: 'SPX', secType: 'IND' as Contract['secType'], exchange: 'CBOE' })!.contract.conId!;
    const chain = e.optionChains(spx, 'SMART').find((c) => c.tradingClass === 'SPXW')!;
    const spot = e.quote(spx).last;
    const strike = chain.strikes.reduce((a, b) => (Math.abs(b - spot) < Math.abs(a - spot) ? b : a));
    const expiry = chain.expirations[0]!;
    const contract = { symbol: 'SPX', secType: 'OPT', exchange: 'SMART', currency: 'USD', lastTradeDateOrContractMonth: expiry, strike, right: 'C', multiplier: 100, tradingClass: 'SPXW' } as Contract;
    expect(e.placeOrder(1, 1, contract, order('BUY', 2, 'MKT'))).toEqual({ kind: 'accepted' });
    const bought = e.positions(MARGIN).find((p) => p.contract.symbol === 'SPX')!;
    const day = expiryOf(bought.contract);
    r.clock.advanceTo(day + 15.5 * 3_600_000);
    e.gap(spx, strike + 20);
    r.clock.advanceTo(day + 15.98 * 3_600_000);
    const close = e.quote(spx).last;
    const before = cash(e, MARGIN);
    r.clock.advanceTo(dayAfter(day));
    expect(row(e, MARGIN, bought.contract.conId!)).toBeUndefined();
    expect(e.positions(MARGIN).some((p) => p.contract.symbol === 'SPX')).toBe(false);
    expect(cash(e, MARGIN)).toBeCloseTo(before + Math.round((close - strike) * 100) / 100 * 100 * 2, 2);
    const leg = fillsOf(r.fills, bought.contract.conId!).at(-1)!;
    expect(leg.execution).toMatchObject({ side: 'SLD', shares: 2, orderId: 0 });
    expect(leg.execution.price).toBeCloseTo(close - strike, 2);
  });

  it('ES settles at its final price on its last trading day: the final variation paid, the position gone', () => {
    const r = start();
    const e = r.engine;
    const es = e.positions(MARGIN).find((p) => p.contract.secType === 'FUT')!;
    const last = es.contract.lastTradeDateOrContractMonth!;
    const day = at(Number(last.slice(0, 4)), Number(last.slice(4, 6)), Number(last.slice(6, 8)), 0);
    r.clock.advanceTo(day + 15.5 * 3_600_000);
    e.gap(es.contract.conId!, 6_100);
    const final = e.quote(es.contract.conId!).last;
    const before = cash(e, MARGIN);
    r.clock.advanceTo(dayAfter(day));
    expect(row(e, MARGIN, es.contract.conId!)).toBeUndefined();
    expect(cash(e, MARGIN)).toBeCloseTo(before + (final * 50 - es.avgCost) * es.pos, 2);
    const leg = fillsOf(r.fills, es.contract.conId!).at(-1)!;
    expect(leg.execution).toMatchObject({ side: 'SLD', shares: es.pos, price: final, orderId: 0 });
    expect(leg.commission.realizedPNL).toBeCloseTo((final * 50 - es.avgCost) * es.pos, 1);
    // The next contract month is listed, and the account can trade it.
    const next = e.resolve({ symbol: 'ES', secType: 'CONTFUT' as Contract['secType'], exchange: 'CME' });
    expect(next).toBeDefined();
  });

  it('settles the night of its last trading day, not at the next trading day\'s open', () => {
    const r = start();
    const e = r.engine;
    const es = e.positions(MARGIN).find((p) => p.contract.secType === 'FUT')!;
    const last = es.contract.lastTradeDateOrContractMonth!;
    const day = at(Number(last.slice(0, 4)), Number(last.slice(4, 6)), Number(last.slice(6, 8)), 0);
    r.clock.advanceTo(day + 23.9 * 3_600_000);
    expect(row(e, MARGIN, es.contract.conId!)).toBeDefined();
    r.clock.advanceTo(day + 24.1 * 3_600_000);
    expect(row(e, MARGIN, es.contract.conId!)).toBeUndefined();
  });

  it('working orders in an expiring contract are cancelled when it expires', () => {
    const r = start();
    const e = r.engine;
    const es = e.positions(MARGIN).find((p) => p.contract.secType === 'FUT')!;
    const low = Math.round(e.quote(es.contract.conId!).bid * 0.8 * 4) / 4;
    expect(e.placeOrder(1, 5, { conId: es.contract.conId, exchange: 'CME' } as Contract, order('BUY', 1, 'LMT', { lmtPrice: low, tif: 'GTC' as never }))).toEqual({ kind: 'accepted' });
    const last = es.contract.lastTradeDateOrContractMonth!;
    r.clock.advanceTo(dayAfter(at(Number(last.slice(0, 4)), Number(last.slice(4, 6)), Number(last.slice(6, 8)), 0)));
    expect(r.status(5)?.status).toBe('Cancelled');
    expect(e.openOrders('all')).toEqual([]);
  });
});

describe('after an expiry, in a run that went on across it', () => {
  it('the expired month is no longer listed: ES CONTFUT is the next month, the old one cannot be ordered', () => {
    const r = start();
    const e = r.engine;
    const es = e.positions(MARGIN).find((p) => p.contract.secType === 'FUT')!;
    const last = es.contract.lastTradeDateOrContractMonth!;
    r.clock.advanceTo(dayAfter(at(Number(last.slice(0, 4)), Number(last.slice(4, 6)), Number(last.slice(6, 8)), 0)));
    const front = e.resolve({ symbol: 'ES', secType: 'CONTFUT' as Contract['secType'], exchange: 'CME' })!;
    expect(front.contract.lastTradeDateOrContractMonth! > last).toBe(true);
    expect(e.findContracts({ symbol: 'ES', secType: 'FUT' as Contract['secType'], exchange: 'CME' }).map((d) => d.contract.conId)).not.toContain(es.contract.conId);
    expect(e.placeOrder(1, 7, { conId: es.contract.conId, exchange: 'CME' } as Contract, order('BUY', 1, 'MKT'))).toMatchObject({ kind: 'rejected', code: 200 });
  });

  it('an expired option series cannot be ordered', () => {
    const r = start();
    const e = r.engine;
    const put = optionOf(e, MARGIN, 'MSFT', -1);
    r.clock.advanceTo(dayAfter(expiryOf(put.contract)));
    expect(e.placeOrder(1, 8, { conId: put.contract.conId, exchange: 'SMART' } as Contract, order('BUY', 1, 'MKT'))).toMatchObject({ kind: 'rejected', code: 200 });
  });
});

describe('a saved book carried on after expiries passed while the simulator was down', () => {
  const throughFile = (s: BrokerState): BrokerState => BrokerState.parse(JSON.parse(JSON.stringify(s)));

  function savedWithExpiries(): { saved: BrokerState; es: { conId: number; pos: number; avgCost: number; mark: number; commission: number }; put: number; cashBefore: number } {
    const r = start();
    const e = r.engine;
    const esRow = e.positions(MARGIN).find((p) => p.contract.secType === 'FUT')!;
    const es = esRow.contract.conId!;
    // One more contract bought (a filled order for it in the book) and a resting GTC order.
    expect(e.placeOrder(1, 1, { conId: es, exchange: 'CME' } as Contract, order('BUY', 1, 'MKT'))).toEqual({ kind: 'accepted' });
    const low = Math.round(e.quote(es).bid * 0.8 * 4) / 4;
    expect(e.placeOrder(1, 2, { conId: es, exchange: 'CME' } as Contract, order('BUY', 1, 'LMT', { lmtPrice: low, tif: 'GTC' as never }))).toEqual({ kind: 'accepted' });
    const held = row(e, MARGIN, es)!;
    // The commission is in the average cost but was paid when the contract was bought: the variation is not charged it again.
    const commission = r.fills.find((f) => f.execution.orderId === 1)!.commission.commission!;
    const saved = throughFile(e.state());
    return {
      saved, es: { conId: es, pos: held.pos, avgCost: held.avgCost, mark: e.quote(es).last, commission },
      put: optionOf(e, MARGIN, 'MSFT', -1).contract.conId!, cashBefore: cash(e, MARGIN),
    };
  }

  it('opens, settles the expired future at the last price the book knew and lets the expired option lapse or deliver', () => {
    const { saved, es, put, cashBefore } = savedWithExpiries();
    // ES (December 2026) and the MSFT put stopped trading on 18 December; the book opens again on the 21st.
    const next = new BrokerEngine({ seed: 7, clock: new ManualClock(at(2026, 12, 21, 10)), saved });
    rigs.push(next);
    expect(row(next, MARGIN, es.conId)).toBeUndefined();
    expect(row(next, MARGIN, put)).toBeUndefined();
    const msft = conIdOf(next, 'MSFT');
    const putSeries = next.findContracts({ conId: put })[0]!.contract;
    const spot = next.quote(msft).last;
    const delivered = putSeries.strike! - spot >= 0.01 ? 300 : 0;
    const expected = cashBefore + (es.mark * 50 - es.avgCost) * es.pos + es.commission - putSeries.strike! * delivered;
    expect(cash(next, MARGIN)).toBeCloseTo(expected, 2);
    // The resting order in the expired contract is cancelled, the filled one stays in the record.
    expect(next.openOrders('all')).toEqual([]);
    expect(next.completedOrders('all').map((o) => [o.orderId, o.status])).toEqual(expect.arrayContaining([[1, 'Filled'], [2, 'Cancelled']]));
    expect(next.executions({}).some((f) => f.contract.conId === es.conId && f.execution.orderId === 0 && f.execution.price === es.mark)).toBe(true);
    // Saved again and opened again, nothing settles twice.
    const again = new BrokerEngine({ seed: 7, clock: new ManualClock(at(2026, 12, 21, 11)), saved: throughFile(next.state()) });
    rigs.push(again);
    expect(cash(again, MARGIN)).toBeCloseTo(cash(next, MARGIN), 2);
  });

  it('a book saved before it kept marks settles an expired future flat at its opening price rather than refuse to open', () => {
    const { saved, es, put, cashBefore } = savedWithExpiries();
    delete (saved as { marks?: unknown }).marks;
    const next = new BrokerEngine({ seed: 7, clock: new ManualClock(at(2026, 12, 21, 10)), saved });
    rigs.push(next);
    expect(row(next, MARGIN, es.conId)).toBeUndefined();
    expect(next.positions(MARGIN).filter((p) => ['OPT', 'FUT'].includes(String(p.contract.secType)) && p.contract.lastTradeDateOrContractMonth! < '20261221')).toEqual([]);
    // Its final price is not known any more: it closes at what it was opened at, nothing paid or charged for it.
    const settled = next.executions({}).find((f) => f.contract.conId === es.conId && f.execution.orderId === 0)!;
    expect(settled.execution.price).toBeCloseTo(es.avgCost / 50 - es.commission / 50 / es.pos, 6);
    // The put settles against MSFT's price now: delivered if in the money, else it lapses; the cash moves only by that.
    const putSeries = next.findContracts({ conId: put })[0]!.contract;
    const delivered = putSeries.strike! - next.quote(conIdOf(next, 'MSFT')).last >= 0.01 ? 300 : 0;
    expect(cash(next, MARGIN)).toBeCloseTo(cashBefore - putSeries.strike! * delivered, 2);
  });
});

describe('households on any date', () => {
  it('after the December contracts expired, the household holds the next ES month and live option series', () => {
    const r = start(at(2026, 12, 21, 10));
    const e = r.engine;
    const rows = e.positions(MARGIN);
    const es = rows.find((p) => p.contract.secType === 'FUT')!;
    expect(es.contract.lastTradeDateOrContractMonth! >= '20261221').toBe(true);
    for (const p of rows.filter((x) => x.contract.secType === 'OPT')) expect(p.contract.lastTradeDateOrContractMonth! >= '20261221').toBe(true);
  });
});
