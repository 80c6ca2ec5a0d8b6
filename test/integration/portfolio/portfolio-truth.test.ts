import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrokerSession } from '../../../src/main/broker/broker-session';
import { ManualClock } from '../../../src/sim/engine/index';
import { easternToMs } from '../../../src/sim/engine/eastern-time';
import { startSimGateway, type SimGateway } from '../../../src/sim/index';
import { accountTotals, cashInBase } from '../../../src/shared/portfolio-totals';
import type { PortfolioSnapshot } from '../../../src/shared/portfolio';
import { quietLog } from '../broker/session-support';
import { waitFor } from '../../support/wait';

/**
 * The app's portfolio against the demo gateway's own figures. The market
 * holds still (a manual clock nobody advances), so what IB reports and what
 * the app shows can be compared figure by figure.
 */
let sim: SimGateway;
let session: BrokerSession;

beforeEach(async () => {
  const clock = new ManualClock(easternToMs(2026, 11, 23, 10, 30));
  sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 11, clock });
  session = new BrokerSession({
    endpoint: { host: sim.host, port: sim.port, clientId: 5 }, gateway: 'demo', liveTradingEnabled: false, log: quietLog,
    heartbeatIntervalMs: 1000, heartbeatTimeoutMs: 5000, syncTimeoutMs: 10_000, backoff: { initialMs: 50, maxMs: 200 }, now: () => clock.now(),
  });
  session.start();
});

afterEach(async () => {
  await session.stop();
  await sim.close();
});

const cent = 0.01 + 1e-9;

/** Waits until every held position has IB's P&L and every account its ledger. */
async function settled(): Promise<PortfolioSnapshot> {
  const expected = sim.engine.positions().length;
  return waitFor(() => {
    if (session.state.phase !== 'ready') return undefined;
    const snap = session.portfolio.snapshot();
    const complete = snap.positions.length === expected
      && snap.positions.every((p) => p.sources.baseValue === 'ib' && p.sources.dailyPnL === 'ib')
      && snap.accounts.every((a) => a.cashByCurrency.length > 0 && a.cashByCurrency.every((c) => c.rate !== null && c.cash !== null));
    return complete ? snap : undefined;
  }, 'every position valued with IB\'s figures', 15_000);
}

describe('portfolio truth against the demo gateway', () => {
  it('every position of every security type and currency shows IB\'s value and P&L, and its base value is its value at IB\'s rate', async () => {
    const snap = await settled();
    const seen = new Set<string>();
    for (const p of snap.positions) {
      const ib = sim.engine.pnlSingle(p.account, p.conId)!;
      seen.add(`${p.secType}/${p.currency}`);
      expect(Math.abs(p.baseValue! - ib.value), `${p.symbol} value`).toBeLessThanOrEqual(cent);
      expect(Math.abs(p.unrealizedPnL! - ib.unrealizedPnL), `${p.symbol} unrealized`).toBeLessThanOrEqual(cent);
      expect(Math.abs(p.dailyPnL! - ib.dailyPnL), `${p.symbol} daily`).toBeLessThanOrEqual(cent);
      const row = sim.engine.portfolio(p.account).find((r) => r.contract.conId === p.conId)!;
      const rate = Number(sim.engine.accountLedger(p.account).find((v) => v.tag === 'ExchangeRate' && v.currency === p.currency)!.value);
      expect(p.fxRate).toBe(rate);
      // IB's own-currency figure (the portfolio row) at IB's rate is the base value the app shows.
      expect(Math.abs(row.marketValue * rate - p.baseValue!), `${p.symbol} base = value x rate`).toBeLessThanOrEqual(cent + Math.abs(row.marketValue) * 5e-9);
      expect(Math.abs(p.marketValue! - row.marketValue), `${p.symbol} own-currency value`).toBeLessThanOrEqual(Math.max(cent, cent / rate));
    }
    for (const kind of ['STK/USD', 'STK/EUR', 'STK/JPY', 'STK/GBP', 'OPT/USD', 'FUT/USD']) expect(seen).toContain(kind);
  });

  it('the app\'s own figures, used while IB\'s P&L is for another quantity (just after a fill), equal IB\'s portfolio rows: an LSE share in pounds, not the pence IB quotes', async () => {
    await settled();
    // The position report has no price magnifier: the app asks IB's contract details for the contracts that need one.
    const known = await waitFor(() => {
      const s = session.portfolio.snapshot();
      return s.positions.every((p) => p.unvalued === null) ? s : undefined;
    }, 'every held contract\'s terms from IB', 10_000);
    for (const p of known.positions) session.portfolio.applyPositionPnL(p.account, p.conId, { position: p.quantity + 1, daily: 1, unrealized: 1, value: 1 });
    const snap = session.portfolio.snapshot();
    const seen = new Set<string>();
    for (const p of snap.positions) {
      seen.add(`${p.secType}/${p.currency}`);
      expect(p.sources, p.symbol).toEqual({ marketValue: 'computed', baseValue: 'computed', unrealizedPnL: 'computed', dailyPnL: 'computed' });
      const row = sim.engine.portfolio(p.account).find((r) => r.contract.conId === p.conId)!;
      const rate = p.fxRate!;
      expect(Math.abs(p.marketValue! - row.marketValue), `${p.symbol} computed value`).toBeLessThanOrEqual(cent + Math.abs(row.marketValue) * 1e-9);
      expect(p.marketPrice, `${p.symbol} price per unit in its currency`).toBeCloseTo(row.marketPrice, 5);
      expect(Math.abs(p.unrealizedPnL! - row.unrealizedPNL * rate), `${p.symbol} computed unrealized`).toBeLessThanOrEqual(cent * 2 + Math.abs(row.marketValue) * 1e-6);
    }
    expect(seen).toContain('STK/GBP');
    const hsba = snap.positions.find((p) => p.symbol === 'HSBA')!;
    expect(hsba.marketPrice!).toBeLessThan(20); // pounds; IB quotes it near 726 pence
  });

  it('options carry IB\'s greeks from the option computation ticks, each in its own place', async () => {
    await settled();
    const snap = await waitFor(() => {
      const s = session.portfolio.snapshot();
      return s.positions.filter((p) => p.secType === 'OPT').every((p) => p.greeks !== null) ? s : undefined;
    }, 'greeks for every option held', 10_000);
    const options = snap.positions.filter((p) => p.secType === 'OPT');
    expect(options.length).toBeGreaterThanOrEqual(5);
    for (const p of options) {
      const model = sim.engine.optionSnapshot(p.conId)!.model;
      expect(p.greeks!.delta).toBeCloseTo(model.delta, 6);
      expect(p.greeks!.impliedVol).toBeCloseTo(model.impliedVol, 6);
      expect(p.greeks!.gamma).toBeCloseTo(model.gamma, 6);
      expect(p.greeks!.theta).toBeCloseTo(model.theta, 6);
      expect(p.greeks!.underlyingPrice).toBeCloseTo(model.undPrice, 6);
    }
  });

  it('net liquidation of each account, the EUR-based one included, is its cash and its positions in base', async () => {
    const snap = await settled();
    expect(snap.accounts.map((a) => a.currency)).toEqual(['USD', 'USD', 'EUR']);
    for (const a of snap.accounts) {
      const totals = accountTotals(a, snap.positions);
      const parts = snap.positions.filter((p) => p.account === a.account).length + a.cashByCurrency.length;
      expect(totals.netLiquidationIb).not.toBeNull();
      expect(Math.abs(totals.netLiquidation! - totals.netLiquidationIb!), a.account).toBeLessThanOrEqual(cent * parts);
      const ibCash = Number(sim.engine.accountSummary(a.account).find((v) => v.tag === 'TotalCashValue')!.value);
      expect(Math.abs(cashInBase(a)! - ibCash)).toBeLessThanOrEqual(cent * a.cashByCurrency.length);
    }
  });
});
