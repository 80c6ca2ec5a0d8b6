// Orders beyond US stocks, straight against the engine: each class fills
// against its own quotes, settles in its own currency and multiplier, is
// charged IBKR Pro's fixed commission for its class, and what-if reports the
// margin IB would (long premium paid in full, naked short and spread margin,
// futures exchange margin).
import { afterEach, describe, expect, it } from 'vitest';
import { OrderAction } from '@stoqey/ib';
import type { Contract, FillRecord } from '../../../src/sim/engine';
import { IRA, MARGIN, conIdOf, order, rig, type Rig } from './support';

let r: Rig;
afterEach(() => r?.engine.close());

const summary = (account: string, tag: string): number => Number(r.engine.accountSummary(account).find((v) => v.tag === tag)!.value);
const ledger = (account: string, currency: string): number | undefined => {
  const row = r.engine.accountValues(account).find((v) => v.key === 'CashBalance' && v.currency === currency);
  return row ? Number(row.value) : undefined;
};
const fillsOf = (orderId: number): FillRecord[] => r.fills.filter((f) => f.execution.orderId === orderId);

/** An option series near the money, a monthly expiry months out. The margin account holds AAPL shares, not TSLA. */
function option(symbol: string, right: 'C' | 'P', offsetSteps = 0): Contract {
  const chain = r.engine.optionChains(conIdOf(r.engine, symbol), 'SMART')[0]!;
  const spot = r.engine.quote(conIdOf(r.engine, symbol)).last;
  const atm = chain.strikes.reduce((a, b) => (Math.abs(b - spot) < Math.abs(a - spot) ? b : a));
  const strike = chain.strikes[chain.strikes.indexOf(atm) + offsetSteps]!;
  const expiry = chain.expirations[10]!;
  const d = r.engine.resolve({ symbol, secType: 'OPT' as Contract['secType'], exchange: 'SMART', currency: 'USD', lastTradeDateOrContractMonth: expiry, strike, right: right as Contract['right'], multiplier: 100 });
  return d!.contract;
}

const fut = (symbol: string): Contract => {
  const d = r.engine.resolve({ symbol, secType: 'CONTFUT' as Contract['secType'], exchange: symbol === 'CL' ? 'NYMEX' : 'CME' });
  return { conId: d!.contract.conId, exchange: d!.contract.exchange } as Contract;
};
const EURUSD: Contract = { symbol: 'EUR', secType: 'CASH' as Contract['secType'], exchange: 'IDEALPRO', currency: 'USD' };
const BTC: Contract = { symbol: 'BTC', secType: 'CRYPTO' as Contract['secType'], exchange: 'PAXOS', currency: 'USD' };
const SAP: Contract = { symbol: 'SAP', secType: 'STK' as Contract['secType'], exchange: 'SMART', currency: 'EUR' };

describe('option orders', () => {
  it('a bought call fills at its ask, costs premium x 100 plus USD 0.65 a contract, and shows as an OPT position', () => {
    r = rig();
    const c = option('AAPL', 'C');
    const ask = r.engine.quote(c.conId!).ask;
    const cashBefore = summary(MARGIN, 'TotalCashValue');
    expect(r.engine.placeOrder(1, 1, c, order('BUY', 2, 'MKT'))).toEqual({ kind: 'accepted' });
    expect(r.status(1)!.status).toBe('Filled');
    const [f] = fillsOf(1);
    expect(f!.contract).toMatchObject({ secType: 'OPT', conId: c.conId, multiplier: 100 });
    expect(f!.execution.price!).toBe(ask);
    expect(f!.commission).toMatchObject({ commission: 1.3, currency: 'USD' });
    expect(summary(MARGIN, 'TotalCashValue')).toBeCloseTo(cashBefore - 2 * ask * 100 - 1.3, 2);
    const pos = r.engine.positions(MARGIN).find((p) => p.contract.conId === c.conId)!;
    expect(pos).toMatchObject({ pos: 2, contract: { secType: 'OPT', right: 'C' } });
    // IB's average cost of an option is per contract: premium x multiplier, commission included.
    expect(pos.avgCost).toBeCloseTo(ask * 100 + 0.65, 2);
    const row = r.engine.portfolio(MARGIN).find((p) => p.contract.conId === c.conId)!;
    expect(row.marketValue).toBeCloseTo(2 * row.marketPrice * 100, 2);
  });

  it('one contract still pays the USD 1.00 minimum', () => {
    r = rig();
    r.engine.placeOrder(1, 1, option('AAPL', 'P'), order('BUY', 1, 'MKT'));
    expect(fillsOf(1)[0]!.commission.commission).toBe(1);
  });

  it('what-if: a long option needs its premium in full; a naked short needs Reg T margin; neither is booked', () => {
    r = rig();
    const c = option('TSLA', 'C');
    const q = r.engine.quote(c.conId!);
    const long = r.engine.placeOrder(1, 1, c, order('BUY', 1, 'MKT', { whatIf: true }));
    if (long.kind !== 'whatIf') throw new Error(long.kind);
    expect(Number(long.state.initMarginChange)).toBeCloseTo(q.last * 100, 0);
    expect(long.state).toMatchObject({ commission: 1, commissionCurrency: 'USD' });
    const short = r.engine.placeOrder(1, 2, c, order('SELL', 1, 'MKT', { whatIf: true }));
    if (short.kind !== 'whatIf') throw new Error(short.kind);
    const spot = r.engine.quote(conIdOf(r.engine, 'TSLA')).last;
    const otm = Math.max(0, c.strike! - spot);
    const regT = (q.last + Math.max(0.2 * spot - otm, 0.1 * spot)) * 100;
    expect(Number(short.state.initMarginChange)).toBeCloseTo(regT, -1);
    expect(r.fills).toHaveLength(0);
    expect(r.engine.positions(MARGIN).some((p) => p.contract.conId === c.conId)).toBe(false);
  });

  it('a vertical spread as a BAG: legs fill at their own quotes, one execution each, the combo at their net, margin the spread can lose', () => {
    r = rig();
    const shortCall = option('TSLA', 'C', 0);
    const longCall = option('TSLA', 'C', 2);
    // A bear call spread: sell the nearer strike, buy the further one (a credit).
    const bag: Contract = {
      symbol: 'AAPL', secType: 'BAG' as Contract['secType'], exchange: 'SMART', currency: 'USD',
      comboLegs: [{ conId: longCall.conId!, ratio: 1, action: OrderAction.BUY, exchange: 'SMART' }, { conId: shortCall.conId!, ratio: 1, action: OrderAction.SELL, exchange: 'SMART' }],
    };
    const width = (longCall.strike! - shortCall.strike!) * 100;
    const longAsk = r.engine.quote(longCall.conId!).ask;
    const shortBid = r.engine.quote(shortCall.conId!).bid;
    const whatIf = r.engine.placeOrder(1, 1, bag, order('BUY', 3, 'MKT', { whatIf: true }));
    if (whatIf.kind !== 'whatIf') throw new Error(whatIf.kind);
    // The long leg is paid in full; the short leg needs only what the spread can lose, not naked margin.
    expect(Number(whatIf.state.initMarginChange)).toBeCloseTo(3 * (width + r.engine.quote(longCall.conId!).last * 100), -1);
    expect(whatIf.state.commission).toBeCloseTo(6 * 0.65, 4);

    expect(r.engine.placeOrder(1, 2, bag, order('BUY', 3, 'LMT', { lmtPrice: Math.round((longAsk - shortBid + 0.5) * 100) / 100 }))).toEqual({ kind: 'accepted' });
    const done = r.status(2)!;
    expect(done).toMatchObject({ status: 'Filled', filled: 3, remaining: 0, contract: { secType: 'BAG' } });
    expect(done.avgFillPrice).toBeCloseTo(longAsk - shortBid, 6);
    const legs = fillsOf(2);
    expect(legs.map((f) => [f.contract.conId, f.execution.side, f.execution.shares!, f.execution.price!])).toEqual([
      [longCall.conId, 'BOT', 3, longAsk], [shortCall.conId, 'SLD', 3, shortBid],
    ]);
    expect(legs.reduce((s, f) => s + f.commission.commission!, 0)).toBeCloseTo(3.9, 4);
    // The demo margin account holds options of its own; these are the spread's legs.
    const positions = r.engine.positions(MARGIN).filter((p) => p.contract.conId === longCall.conId || p.contract.conId === shortCall.conId);
    expect(positions.map((p) => [p.contract.conId, p.pos]).sort()).toEqual([[longCall.conId, 3], [shortCall.conId, -3]].sort());
  });

  it('a call written against 100 shares held needs no margin (covered)', () => {
    r = rig();
    const held = r.engine.positions(MARGIN).find((p) => p.contract.symbol === 'AAPL')!.pos;
    const covered = r.engine.placeOrder(1, 1, option('AAPL', 'C'), order('SELL', Math.floor(held / 100), 'MKT', { whatIf: true }));
    if (covered.kind !== 'whatIf') throw new Error(covered.kind);
    expect(Number(covered.state.initMarginChange)).toBeCloseTo(0, 2);
    const beyond = r.engine.placeOrder(1, 2, option('AAPL', 'C'), order('SELL', Math.floor(held / 100) + 1, 'MKT', { whatIf: true }));
    if (beyond.kind !== 'whatIf') throw new Error(beyond.kind);
    expect(Number(beyond.state.initMarginChange)).toBeGreaterThan(1000);
  });

  it('the IRA may buy options but not write a naked call, and may not trade futures', () => {
    r = rig();
    expect(r.engine.placeOrder(1, 1, option('AAPL', 'P'), order('BUY', 1, 'MKT', { account: IRA }))).toEqual({ kind: 'accepted' });
    const naked = r.engine.placeOrder(1, 2, option('AAPL', 'C'), order('SELL', 1, 'MKT', { account: IRA }));
    expect(naked.kind === 'rejected' && naked.reason).toMatch(/Naked option positions are not permitted in cash account DU7654321/);
    const future = r.engine.placeOrder(1, 3, fut('ES'), order('BUY', 1, 'MKT', { account: IRA }));
    expect(future.kind === 'rejected' && future.reason).toMatch(/Futures trading is not permitted in cash account/);
  });

  it('an index is quoted but not traded', () => {
    r = rig();
    const res = r.engine.placeOrder(1, 1, { symbol: 'SPX', secType: 'IND' as Contract['secType'], exchange: 'CBOE', currency: 'USD' }, order('BUY', 1, 'MKT'));
    expect(res).toMatchObject({ kind: 'rejected', code: 201 });
  });
});

describe('futures orders', () => {
  it('a bought ES moves no cash but its commission, carries exchange margin, and closing it pays the P&L', () => {
    r = rig();
    const es = fut('ES');
    const whatIf = r.engine.placeOrder(1, 1, es, order('BUY', 2, 'MKT', { whatIf: true }));
    if (whatIf.kind !== 'whatIf') throw new Error(whatIf.kind);
    expect(Number(whatIf.state.initMarginChange)).toBeCloseTo(2 * 16_000, 0);
    expect(Number(whatIf.state.maintMarginChange)).toBeCloseTo(2 * 14_500, 0);
    expect(whatIf.state.commission).toBeCloseTo(1.7, 4);
    const cashBefore = summary(MARGIN, 'TotalCashValue');
    const netLiqBefore = summary(MARGIN, 'NetLiquidation');
    // The demo margin account may already hold a front-month ES.
    const held = r.engine.positions(MARGIN).find((p) => p.contract.conId === es.conId);
    const heldQty = held?.pos ?? 0;
    expect(r.engine.placeOrder(1, 2, es, order('BUY', 2, 'MKT'))).toEqual({ kind: 'accepted' });
    const [buy] = fillsOf(2);
    expect(buy!.contract).toMatchObject({ secType: 'FUT', symbol: 'ES', multiplier: 50 });
    expect(buy!.commission.commission).toBeCloseTo(1.7, 4);
    expect(summary(MARGIN, 'TotalCashValue')).toBeCloseTo(cashBefore - 1.7, 1);
    const pos = r.engine.positions(MARGIN).find((p) => p.contract.conId === es.conId)!;
    expect(pos.pos).toBe(heldQty + 2);
    if (heldQty === 0) expect(pos.avgCost).toBeCloseTo(buy!.execution.price! * 50 + 0.85, 2);
    // Net liquidation moves by the open P&L only, never by the notional.
    expect(Math.abs(summary(MARGIN, 'NetLiquidation') - netLiqBefore)).toBeLessThan(2 * 50 * 5 + 10);

    const up = buy!.execution.price! + 10;
    r.engine.gap(es.conId!, up);
    expect(r.engine.placeOrder(1, 3, es, order('SELL', 2, 'MKT'))).toEqual({ kind: 'accepted' });
    const [sell] = fillsOf(3);
    const pnl = (sell!.execution.price! - buy!.execution.price!) * 2 * 50;
    // Closing pays what the closed contracts made since they were opened (at the average open price when some were held before).
    if (heldQty === 0) expect(summary(MARGIN, 'TotalCashValue')).toBeCloseTo(cashBefore - 3.4 + pnl, 1);
    if (heldQty === 0) expect(sell!.commission.realizedPNL).toBeCloseTo(pnl - 3.4, 2);
    expect(r.engine.positions(MARGIN).find((p) => p.contract.conId === es.conId)?.pos ?? 0).toBe(heldQty);
  });

  it('a continuous future (CONTFUT) is refused: it is a history series, not a contract', () => {
    r = rig();
    const res = r.engine.placeOrder(1, 1, { symbol: 'ES', secType: 'CONTFUT' as Contract['secType'], exchange: 'CME' }, order('BUY', 1, 'MKT'));
    expect(res.kind === 'rejected' && res.reason).toMatch(/CONTFUT is for historical data only/);
  });

    it('MES pays the micro rate', () => {
    r = rig();
    r.engine.placeOrder(1, 1, fut('MES'), order('BUY', 4, 'MKT'));
    expect(fillsOf(1)[0]!.commission.commission).toBeCloseTo(1, 4);
  });
});

describe('forex, crypto and foreign stocks', () => {
  it('buying EUR.USD converts cash: EUR up by the quantity, USD down at the rate, USD 2.00 minimum commission', () => {
    r = rig();
    const usdBefore = ledger(MARGIN, 'USD')!;
    const eurBefore = ledger(MARGIN, 'EUR') ?? 0;
    expect(r.engine.placeOrder(1, 1, EURUSD, order('BUY', 20_000, 'MKT'))).toEqual({ kind: 'accepted' });
    const [f] = fillsOf(1);
    expect(f!.contract).toMatchObject({ secType: 'CASH', symbol: 'EUR', currency: 'USD', localSymbol: 'EUR.USD' });
    expect(f!.commission).toMatchObject({ commission: 2, currency: 'USD' });
    expect(ledger(MARGIN, 'EUR')).toBeCloseTo(eurBefore + 20_000, 2);
    expect(ledger(MARGIN, 'USD')).toBeCloseTo(usdBefore - 20_000 * f!.execution.price! - 2, 1);
    // A conversion is not a position.
    expect(r.engine.positions(MARGIN).some((p) => p.contract.secType === 'CASH')).toBe(false);
  });

  it('large forex trades pay 0.20 basis points of their USD value', () => {
    r = rig();
    r.engine.placeOrder(1, 1, EURUSD, order('SELL', 5_000_000, 'MKT'));
    const [f] = r.fills;
    const filled = r.status(1)!;
    expect(filled.status === 'Filled' || filled.status === 'Submitted').toBe(true);
    expect(f!.commission.commission).toBeCloseTo(Math.max(2, f!.execution.shares! * f!.execution.price! * 0.00002), 2);
  });

  it('crypto: fractional coins bought with cash, 0.18% commission with a USD 1.75 floor, no short sale', () => {
    r = rig();
    expect(r.engine.placeOrder(1, 1, BTC, order('BUY', 0.0153, 'MKT'))).toEqual({ kind: 'accepted' });
    const [f] = fillsOf(1);
    expect(f!.execution.shares!).toBeCloseTo(0.0153, 10);
    expect(f!.commission.commission).toBeCloseTo(Math.max(1.75, 0.0153 * f!.execution.price! * 0.0018), 4);
    expect(r.engine.positions(MARGIN).find((p) => p.contract.secType === 'CRYPTO')!.pos).toBeCloseTo(0.0153, 10);
    const short = r.engine.placeOrder(1, 2, BTC, order('SELL', 1, 'MKT'));
    expect(short.kind === 'rejected' && short.reason).toMatch(/Short sale is not permitted/);
    const tooFine = r.engine.placeOrder(1, 3, BTC, order('BUY', 0.000000001, 'MKT'));
    expect(tooFine.kind).toBe('rejected');
  });

  it('crypto trades around the clock: a Saturday-night market order fills', () => {
    r = rig(Date.UTC(2026, 10, 29, 3, 0));
    expect(r.engine.placeOrder(1, 1, BTC, order('BUY', 0.01, 'MKT'))).toEqual({ kind: 'accepted' });
    expect(r.status(1)!.status).toBe('Filled');
  });

  it('a German stock fills in EUR and pays 0.05% in EUR with a EUR 3.00 floor; the EUR ledger carries the cost', () => {
    r = rig();
    const eurBefore = ledger(MARGIN, 'EUR') ?? 0;
    expect(r.engine.placeOrder(1, 1, SAP, order('BUY', 10, 'MKT'))).toEqual({ kind: 'accepted' });
    const [f] = fillsOf(1);
    expect(f!.contract).toMatchObject({ symbol: 'SAP', currency: 'EUR' });
    expect(f!.commission).toMatchObject({ commission: 3, currency: 'EUR' });
    expect(ledger(MARGIN, 'EUR')).toBeCloseTo(eurBefore - 10 * f!.execution.price! - 3, 2);
    // The demo account already holds SAP: the new shares average in at their cost plus commission.
    const pos = r.engine.positions(MARGIN).find((p) => p.contract.symbol === 'SAP')!;
    expect(pos.pos).toBeGreaterThanOrEqual(10);
  });

  it('a Japanese stock pays 0.08% in JPY with a JPY 80 floor', () => {
    // 10:00 in Tokyo on a Tuesday.
    r = rig(Date.UTC(2026, 10, 24, 1, 0));
    const toyota: Contract = { symbol: '7203', secType: 'STK' as Contract['secType'], exchange: 'SMART', currency: 'JPY' };
    expect(r.engine.placeOrder(1, 1, toyota, order('BUY', 100, 'MKT'))).toEqual({ kind: 'accepted' });
    const [f] = fillsOf(1);
    expect(f!.commission).toMatchObject({ currency: 'JPY', commission: Math.round(Math.max(80, 100 * f!.execution.price! * 0.0008)) });
  });
});

describe('Treasury orders', () => {
  const note: Contract = { secType: 'BOND' as Contract['secType'], secIdType: 'CUSIP', secId: '91SIM0036', exchange: 'SMART', currency: 'USD' };

  it('ten bonds cost price x 10 each (percent of a 1,000 face) plus the USD 5.00 minimum; what-if shows 10% margin', () => {
    r = rig();
    const conId = r.engine.resolve(note)!.contract.conId!;
    const ask = r.engine.quote(conId).ask;
    expect((ask * 128) % 1).toBeCloseTo(0, 9);
    const whatIf = r.engine.placeOrder(1, 1, { conId, exchange: 'SMART' }, order('BUY', 10, 'MKT', { whatIf: true }));
    if (whatIf.kind !== 'whatIf') throw new Error(whatIf.kind);
    expect(Number(whatIf.state.initMarginChange)).toBeCloseTo(10 * r.engine.quote(conId).last * 10 * 0.1, 0);
    expect(whatIf.state.commission).toBe(5);
    const cashBefore = summary(MARGIN, 'TotalCashValue');
    expect(r.engine.placeOrder(1, 2, { conId, exchange: 'SMART' }, order('BUY', 10, 'MKT'))).toEqual({ kind: 'accepted' });
    const [f] = fillsOf(2);
    expect(f!.contract).toMatchObject({ secType: 'BOND', symbol: 'US-T', localSymbol: '91SIM0036' });
    expect(f!.execution.price).toBe(ask);
    expect(f!.commission.commission).toBe(5);
    expect(summary(MARGIN, 'TotalCashValue')).toBeCloseTo(cashBefore - 10 * ask * 10 - 5, 1);
    expect(r.engine.positions(MARGIN).find((p) => p.contract.conId === conId)!.avgCost).toBeCloseTo(ask * 10 + 0.5, 4);
  });

  it('a limit price off the 1/128 grid is refused', () => {
    r = rig();
    const res = r.engine.placeOrder(1, 1, note, order('BUY', 1, 'LMT', { lmtPrice: 99.001 }));
    expect(res.kind === 'rejected' && res.reason).toMatch(/minimum price variation/);
  });
});

describe('SPX index options', () => {
  it('chains split into SPX monthlies and SPXW weeklies on CBOE; a series quotes off the index and trades', () => {
    r = rig();
    const spx = r.engine.resolve({ symbol: 'SPX', secType: 'IND' as Contract['secType'], exchange: 'CBOE' })!.contract.conId!;
    const chains = r.engine.optionChains(spx, '');
    expect(chains.map((c) => [c.exchange, c.tradingClass])).toEqual([['SMART', 'SPX'], ['SMART', 'SPXW'], ['CBOE', 'SPX'], ['CBOE', 'SPXW']]);
    const [monthly, weekly] = chains;
    expect(monthly!.expirations.every((e) => Number(e.slice(6)) >= 15 && Number(e.slice(6)) <= 21)).toBe(true);
    expect(weekly!.expirations.length).toBeGreaterThan(0);
    expect(monthly!.strikes[1]! - monthly!.strikes[0]!).toBe(5);
    const spot = r.engine.quote(spx).last;
    const strike = monthly!.strikes.reduce((a, b) => (Math.abs(b - spot) < Math.abs(a - spot) ? b : a));
    const [d] = r.engine.findContracts({ symbol: 'SPX', secType: 'OPT' as Contract['secType'], tradingClass: 'SPXW', lastTradeDateOrContractMonth: weekly!.expirations[0]!, strike, right: 'P' as Contract['right'] });
    expect(d!.contract).toMatchObject({ tradingClass: 'SPXW', multiplier: 100 });
    expect(d!.contract.localSymbol!.startsWith('SPXW  ')).toBe(true);
    expect(d!.underSecType).toBe('IND');
    expect(d!.validExchanges).toBe('SMART,CBOE');
    const q = r.engine.quote(d!.contract.conId!);
    expect(q.ask).toBeGreaterThan(q.bid);
    expect(r.engine.placeOrder(1, 1, { conId: d!.contract.conId!, exchange: 'SMART' }, order('BUY', 1, 'MKT'))).toEqual({ kind: 'accepted' });
    expect(fillsOf(1)[0]!.contract).toMatchObject({ symbol: 'SPX', tradingClass: 'SPXW' });
    expect(r.engine.findContracts({ localSymbol: d!.contract.localSymbol!, secType: 'OPT' as Contract['secType'] })[0]!.contract.conId).toBe(d!.contract.conId);
  });
});
