// Orders beyond US stocks through the real client over TCP, each to its
// final state: an option, a vertical spread as a BAG combo, a future, a forex
// conversion, crypto and a German stock; and what-if for each, with the
// margin and commission IB would report.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EventName, OptionType, OrderAction, OrderType, SecType, type CommissionReport, type Contract, type ContractDetails, type Execution,
  type IBApi, type Order, type OrderState,
} from '@stoqey/ib';
import { record, startHarness, until, type Harness } from './support';

let h: Harness;
let margin: string;
beforeEach(async () => {
  h = await startHarness();
  [margin] = h.sim.accounts as [string];
});
afterEach(async () => { await h.close(); });

type StatusArgs = [number, string, number, number, number, number, number, number, number, string, number];
type OpenOrderArgs = [number, Contract, Order, OrderState];

function track(ib: IBApi) {
  const statuses = record<StatusArgs>(ib, EventName.orderStatus);
  const opens = record<OpenOrderArgs>(ib, EventName.openOrder);
  const execs = record<[number, Contract, Execution]>(ib, EventName.execDetails);
  const commissions = record<[CommissionReport]>(ib, EventName.commissionReport);
  const errors = record<[Error, number, number]>(ib, EventName.error);
  const last = (orderId: number): string | undefined => statuses.filter(([id]) => id === orderId).at(-1)?.[1];
  const execsOf = (orderId: number): [number, Contract, Execution][] => execs.filter(([, , e]) => e.orderId === orderId);
  const commissionOf = (orderId: number): number => execsOf(orderId).reduce((s, [, , e]) => s + (commissions.find(([c]) => c.execId === e.execId)?.[0].commission ?? Number.NaN), 0);
  const whatIf = (orderId: number): OrderState | undefined => opens.find(([id, , o]) => id === orderId && o.whatIf)?.[3];
  return { statuses, opens, execs, commissions, errors, last, execsOf, commissionOf, whatIf };
}

async function details(ib: IBApi, reqId: number, contract: Contract): Promise<ContractDetails[]> {
  const rows = record<[number, ContractDetails]>(ib, EventName.contractDetails);
  const ends = record<[number]>(ib, EventName.contractDetailsEnd);
  ib.reqContractDetails(reqId, contract);
  await until(() => ends.some(([id]) => id === reqId), `contract details ${reqId}`);
  return rows.filter(([id]) => id === reqId).map(([, d]) => d);
}

/** A TSLA call near the money, months out (the margin account holds no TSLA shares, so nothing covers it). */
async function tslaCall(ib: IBApi, reqId: number, offsetSteps: number): Promise<Contract> {
  const tsla = h.sim.engine.resolve({ symbol: 'TSLA', secType: SecType.STK, exchange: 'SMART', currency: 'USD' })!.contract.conId!;
  const chain = h.sim.engine.optionChains(tsla, 'SMART')[0]!;
  const spot = h.sim.engine.quote(tsla).last;
  const atm = chain.strikes.reduce((a, b) => (Math.abs(b - spot) < Math.abs(a - spot) ? b : a));
  const strike = chain.strikes[chain.strikes.indexOf(atm) + offsetSteps]!;
  const [d] = await details(ib, reqId, {
    symbol: 'TSLA', secType: SecType.OPT, exchange: 'SMART', currency: 'USD', lastTradeDateOrContractMonth: chain.expirations[10]!, strike, right: OptionType.Call, multiplier: 100,
  });
  return d!.contract;
}

const buy = (qty: number, extra: Partial<Order> = {}): Order => ({ action: OrderAction.BUY, totalQuantity: qty, orderType: OrderType.MKT, account: margin, transmit: true, ...extra });

describe('orders for every asset class over TCP', () => {
  it('an option: what-if with the premium as margin, then a limit order Filled with an OPT execution and USD 0.65 a contract', async () => {
    const ib = await h.connect(21);
    const t = track(ib);
    const call = await tslaCall(ib, 1, 0);
    const q = h.sim.engine.quote(call.conId!);
    ib.placeOrder(10, { ...call, exchange: 'SMART' }, buy(3, { whatIf: true }));
    const w = await until(() => t.whatIf(10), 'the what-if answer');
    expect(Number(w.initMarginChange)).toBeCloseTo(3 * q.last * 100, -1);
    expect(w.commission).toBeCloseTo(1.95, 4);
    expect(w.commissionCurrency).toBe('USD');

    ib.placeOrder(11, { ...call, exchange: 'SMART' }, buy(3, { orderType: OrderType.LMT, lmtPrice: Math.round((q.ask + 0.5) * 100) / 100, orderRef: 'opt-1' }));
    await until(() => t.last(11) === 'Filled' && t.execsOf(11).length === 1 && !Number.isNaN(t.commissionOf(11)), 'the option fill');
    const [, c, e] = t.execsOf(11)[0]!;
    expect(c).toMatchObject({ secType: 'OPT', symbol: 'TSLA', conId: call.conId, right: 'C', multiplier: 100 });
    expect(e).toMatchObject({ side: 'BOT', shares: 3, orderRef: 'opt-1' });
    expect(t.commissionOf(11)).toBeCloseTo(1.95, 4);
    expect(t.opens.find(([id]) => id === 11)![1]).toMatchObject({ secType: 'OPT', localSymbol: call.localSymbol });
    expect(t.errors.filter(([, code]) => code === 505)).toEqual([]);
  });

  it('a vertical spread as a BAG with two legs: what-if at the spread margin, then Filled with one execution per leg', async () => {
    const ib = await h.connect(22);
    const t = track(ib);
    const near = await tslaCall(ib, 1, 0);
    const far = await tslaCall(ib, 2, 2);
    const bag: Contract = {
      symbol: 'TSLA', secType: SecType.BAG, exchange: 'SMART', currency: 'USD',
      comboLegs: [
        { conId: far.conId!, ratio: 1, action: OrderAction.BUY, exchange: 'SMART' },
        { conId: near.conId!, ratio: 1, action: OrderAction.SELL, exchange: 'SMART' },
      ],
    };
    const width = (far.strike! - near.strike!) * 100;
    ib.placeOrder(20, bag, buy(2, { whatIf: true }));
    const w = await until(() => t.whatIf(20), 'the combo what-if');
    // A bear call spread: the long call is paid for, the short one needs only the strike width.
    expect(Number(w.initMarginChange)).toBeCloseTo(2 * (width + h.sim.engine.quote(far.conId!).last * 100), -1);
    expect(w.commission).toBeCloseTo(4 * 0.65, 4);

    const net = h.sim.engine.quote(far.conId!).ask - h.sim.engine.quote(near.conId!).bid;
    ib.placeOrder(21, bag, buy(2, { orderType: OrderType.LMT, lmtPrice: Math.round((net + 0.3) * 100) / 100, orderRef: 'vertical' }));
    await until(() => t.last(21) === 'Filled' && t.execsOf(21).length === 2 && !Number.isNaN(t.commissionOf(21)), 'both legs filled');
    const open = t.opens.find(([id]) => id === 21)!;
    expect(open[1].secType).toBe('BAG');
    expect(open[1].comboLegs?.map((l) => [l.conId, l.action, l.ratio])).toEqual([[far.conId, 'BUY', 1], [near.conId, 'SELL', 1]]);
    const legs = t.execsOf(21).map(([, c, e]) => [c.conId, c.secType, e.side, e.shares]);
    expect(legs).toEqual([[far.conId, 'OPT', 'BOT', 2], [near.conId, 'OPT', 'SLD', 2]]);
    expect(t.commissionOf(21)).toBeCloseTo(2.6, 4);
    const filled = t.statuses.find(([id, s]) => id === 21 && s === 'Filled')!;
    expect(filled[2]).toBe(2);
  });

  it('a future (ES, the front month by its contract month): what-if with exchange margin, then Filled', async () => {
    const ib = await h.connect(23);
    const t = track(ib);
    const [front] = await details(ib, 1, { symbol: 'ES', secType: 'CONTFUT' as SecType, exchange: 'CME' });
    const es: Contract = { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', currency: 'USD', lastTradeDateOrContractMonth: front!.contractMonth! };
    ib.placeOrder(30, es, buy(1, { whatIf: true }));
    const w = await until(() => t.whatIf(30), 'the future what-if');
    expect(Number(w.initMarginChange)).toBeCloseTo(16_000, 0);
    expect(w.commission).toBeCloseTo(0.85, 4);
    ib.placeOrder(31, es, buy(1));
    await until(() => t.last(31) === 'Filled' && t.execsOf(31).length === 1 && !Number.isNaN(t.commissionOf(31)), 'the future fill');
    expect(t.execsOf(31)[0]![1]).toMatchObject({ secType: 'FUT', symbol: 'ES', multiplier: 50, conId: front!.contract.conId });
    expect(t.commissionOf(31)).toBeCloseTo(0.85, 4);
  });

  it('forex (EUR.USD on IDEALPRO): what-if, then Filled with the USD 2.00 minimum, the EUR balance in the account', async () => {
    const ib = await h.connect(24);
    const t = track(ib);
    const eur: Contract = { symbol: 'EUR', secType: SecType.CASH, exchange: 'IDEALPRO', currency: 'USD' };
    ib.placeOrder(40, eur, buy(25_000, { whatIf: true }));
    const w = await until(() => t.whatIf(40), 'the forex what-if');
    expect(w.commission).toBe(2);
    expect(Number(w.initMarginChange)).toBeCloseTo(0, 0);
    ib.placeOrder(41, eur, buy(25_000));
    await until(() => t.last(41) === 'Filled' && t.execsOf(41).length === 1 && !Number.isNaN(t.commissionOf(41)), 'the conversion');
    expect(t.execsOf(41)[0]![1]).toMatchObject({ secType: 'CASH', localSymbol: 'EUR.USD' });
    const values = record<[string, string, string, string]>(ib, EventName.updateAccountValue);
    ib.reqAccountUpdates(true, margin);
    const eurCash = await until(() => values.find(([k, , c]) => k === 'CashBalance' && c === 'EUR'), 'the EUR cash balance');
    // The demo margin account holds EUR 25,000 of its own beside the 25,000 bought.
    const eurHeld = Number(h.sim.engine.accountLedger(h.sim.accounts[0]!).find((v) => v.tag === 'CashBalance' && v.currency === 'EUR')!.value);
    expect(Number(eurCash[1])).toBeCloseTo(eurHeld, 2);
    expect(eurHeld).toBeCloseTo(50_000, 2);
  });

  it('crypto (fractional BTC on PAXOS) and a German stock (SAP in EUR): what-if and fills with their own commissions', async () => {
    const ib = await h.connect(25);
    const t = track(ib);
    const btc: Contract = { symbol: 'BTC', secType: SecType.CRYPTO, exchange: 'PAXOS', currency: 'USD' };
    ib.placeOrder(50, btc, buy(0.0125, { whatIf: true }));
    const w = await until(() => t.whatIf(50), 'the crypto what-if');
    expect(w.commission).toBeGreaterThanOrEqual(1.75);
    ib.placeOrder(51, btc, buy(0.0125, { tif: 'IOC' as Order['tif'] }));
    await until(() => t.last(51) === 'Filled' && t.execsOf(51).length === 1, 'the crypto fill');
    expect(t.execsOf(51)[0]![2].shares).toBeCloseTo(0.0125, 10);

    const sap: Contract = { symbol: 'SAP', secType: SecType.STK, exchange: 'SMART', currency: 'EUR' };
    ib.placeOrder(52, sap, buy(5, { whatIf: true }));
    const ws = await until(() => t.whatIf(52), 'the SAP what-if');
    expect(ws).toMatchObject({ commission: 3, commissionCurrency: 'EUR' });
    ib.placeOrder(53, sap, buy(5));
    await until(() => t.last(53) === 'Filled' && t.execsOf(53).length === 1 && !Number.isNaN(t.commissionOf(53)), 'the SAP fill');
    const [, c, e] = t.execsOf(53)[0]!;
    expect(c).toMatchObject({ symbol: 'SAP', currency: 'EUR' });
    expect(t.commissions.find(([r]) => r.execId === e.execId)![0]).toMatchObject({ commission: 3, currency: 'EUR' });
  });

  it('a US Treasury found by CUSIP: bond contract details, what-if, then Filled at USD 5.00', async () => {
    const ib = await h.connect(26);
    const t = track(ib);
    const bonds = record<[number, ContractDetails]>(ib, EventName.bondContractDetails);
    const end = record<[number]>(ib, EventName.contractDetailsEnd);
    ib.reqContractDetails(60, { secType: SecType.BOND, secIdType: 'CUSIP', secId: '91SIM0028', exchange: 'SMART', currency: 'USD' });
    await until(() => end.some(([id]) => id === 60), 'the bond details');
    const [, d] = bonds.find(([id]) => id === 60)!;
    expect(d).toMatchObject({ cusip: '91SIM0028', coupon: 4.25, maturity: '20281130', descAppend: 'T 4 1/4 11/30/28' });
    const note: Contract = { conId: d.contract.conId, exchange: 'SMART' };
    ib.placeOrder(61, note, buy(20, { whatIf: true }));
    const w = await until(() => t.whatIf(61), 'the bond what-if');
    expect(w).toMatchObject({ commission: 5, commissionCurrency: 'USD' });
    ib.placeOrder(62, note, buy(20));
    await until(() => t.last(62) === 'Filled' && t.execsOf(62).length === 1 && !Number.isNaN(t.commissionOf(62)), 'the bond fill');
    expect(t.execsOf(62)[0]![1]).toMatchObject({ secType: 'BOND', symbol: 'US-T' });
    expect(t.commissionOf(62)).toBe(5);
  });
});
