// Expiry as a client of the real @stoqey/ib library sees it over TCP: across
// the roll that ends an expiry day, an in-the-money call held is exercised and
// the client hears what TWS tells it: the option's position going to 0, the
// shares delivered, the cash paid for them, and the exercise as an execution
// (no order behind it) with its commission report.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventName, type CommissionReport, type Contract, type Execution } from '@stoqey/ib';
import { easternToMs } from '../../../src/sim/engine/eastern-time';
import { record, startHarness, until, waitEvent, type Harness } from './support';

let h: Harness;
beforeEach(async () => { h = await startHarness({ tickIntervalMs: 60_000 }); });
afterEach(async () => { await h.close(); });

const AAPL = 265598;

describe('an option held across its expiry, over TCP', () => {
  it('is exercised: position 0 for the call, 100 shares a contract more, cash down by the strike, an execution for each leg', async () => {
    const account = h.sim.accounts[0] as string;
    const engine = h.sim.engine;
    // Wednesday 3 January 2024: the week's Friday series expires on the 5th.
    const chain = engine.optionChains(AAPL, 'SMART')[0]!;
    const expiry = chain.expirations[0]!;
    expect(expiry).toBe('20240105');
    const spot = engine.quote(AAPL).last;
    const strike = chain.strikes.filter((k) => k <= spot - 10).at(-1)!;
    const ib = await h.connect(0);
    const positions = record<[string, Contract, number, number]>(ib, EventName.position);
    const values = record<[string, string, string, string]>(ib, EventName.updateAccountValue);
    const execs = record<[number, Contract, Execution]>(ib, EventName.execDetails);
    const reports = record<[CommissionReport]>(ib, EventName.commissionReport);

    const call = { symbol: 'AAPL', secType: 'OPT', exchange: 'SMART', currency: 'USD', lastTradeDateOrContractMonth: expiry, strike, right: 'C', multiplier: 100 } as Contract;
    const filled = waitEvent<[number, Contract, Execution]>(ib, EventName.execDetails, (_r, c) => c.secType === 'OPT');
    ib.placeOrder(41, call, { action: 'BUY', orderType: 'MKT', totalQuantity: 3, account } as never);
    const [, optionContract] = await filled;

    const endPositions = waitEvent(ib, EventName.positionEnd);
    ib.reqPositions();
    await endPositions;
    const downloaded = waitEvent(ib, EventName.accountDownloadEnd);
    ib.reqAccountUpdates(true, account);
    await downloaded;
    const lastPos = (conId: number): number | undefined => positions.filter(([a, c]) => a === account && c.conId === conId).at(-1)?.[2];
    const cashNow = (): number => Number(values.filter(([k, , c, a]) => k === 'CashBalance' && c === 'USD' && a === account).at(-1)![1]);
    expect(lastPos(optionContract.conId!)).toBe(3);
    const sharesBefore = lastPos(AAPL)!;

    // Friday's close, with AAPL well above the strike; then the roll into Monday.
    h.clock.advanceTo(easternToMs(2024, 1, 5, 15, 30));
    engine.gap(AAPL, strike + 12);
    h.clock.advanceTo(easternToMs(2024, 1, 5, 15, 59));
    const cashBefore = Number(engine.accountLedger(account).find((v) => v.tag === 'CashBalance' && v.currency === 'USD')!.value);
    h.clock.advanceTo(easternToMs(2024, 1, 8, 4, 1));

    await until(() => lastPos(optionContract.conId!) === 0, 'the call reported at position 0');
    await until(() => lastPos(AAPL) === sharesBefore + 300, 'the delivered shares reported');
    await until(() => Math.abs(cashNow() - (cashBefore - strike * 300)) < 0.01, 'the cash paid for the shares reported');
    const exercise = await until(() => {
      const legs = execs.filter(([, , e]) => e.orderId === 0 && e.exchange === 'EXERCISE');
      return legs.length === 2 ? legs : undefined;
    }, 'the exercise executions');
    const optionLeg = exercise.find(([, c]) => c.secType === 'OPT')!;
    const stockLeg = exercise.find(([, c]) => c.secType === 'STK')!;
    expect(optionLeg[1].conId).toBe(optionContract.conId);
    expect(optionLeg[2]).toMatchObject({ side: 'SLD', shares: 3, price: 0, permId: 0, acctNumber: account });
    expect(stockLeg[1].conId).toBe(AAPL);
    expect(stockLeg[2]).toMatchObject({ side: 'BOT', shares: 300, price: strike, permId: 0, acctNumber: account });
    await until(() => reports.some(([r]) => r.execId === stockLeg[2].execId && r.commission === 0), 'the commission report of the delivery');

    // Asked again later, the executions are there for a client that reconciles.
    const replay = record<[number, Contract, Execution]>(ib, EventName.execDetails);
    const end = waitEvent(ib, EventName.execDetailsEnd, (id) => id === 9);
    ib.reqExecutions(9, {});
    await end;
    expect(replay.filter(([id, , e]) => id === 9 && e.exchange === 'EXERCISE')).toHaveLength(2);
  });
});
