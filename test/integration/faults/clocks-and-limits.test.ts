import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/sim/engine';
import { startSimGateway, type SimGateway } from '../../../src/sim/index';
import { TradingHoursClock, WEDNESDAY_11_EASTERN } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from '../approvals/backend-under-test';

describe('limits that cannot be read, and clocks that step', () => {
  let t: BackendUnderTest | undefined;
  let sim: SimGateway | undefined;
  afterEach(async () => {
    await t?.close();
    await sim?.close();
    t = undefined;
    sim = undefined;
  });

  // Issue 10, item 4.
  it('a damaged stored limit blocks approvals with the reason instead of falling back to the looser default', async () => {
    t = await openBackend();
    await t.call('updateRiskLimits', { maxNotional: 500 });
    // One damaged byte in the stored JSON.
    const db = t.backend.store!.db;
    const { value } = db.prepare("SELECT value FROM settings WHERE key = 'risk.limits'").get() as { value: string };
    db.prepare("UPDATE settings SET value = ? WHERE key = 'risk.limits'").run(value.replace('"maxNotional":500', '"maxNotional":5O0'));

    const draft = await t.call('draftFromTicket', { text: 'buy 20 AAPL', account: t.sim.accounts[0]! });
    expect(draft.state).toBe('blocked');
    expect(draft.verdicts?.find((v) => v.check === 'limits-readable')?.outcome).toBe('block');
    expect(await t.callRaw('approveDraft', { id: draft.id, version: draft.version })).toMatchObject({ ok: false });
    const shown = await t.call('getRiskLimits');
    expect(shown.problem).toMatch(/cannot be read/);
    // Half a set would quietly adopt the other defaults: refused.
    expect(await t.callRaw('updateRiskLimits', { maxNotional: 500 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const { problem: _p, ...every } = shown;
    await t.call('updateRiskLimits', { ...every, maxNotional: 500 });
    expect((await t.call('getRiskLimits')).problem).toBeUndefined();
    // The re-saved 500 limit is what applies now: still blocked, by the size check this time.
    const again = t.backend.store!.drafts.get(draft.id)!;
    expect(again.verdicts?.find((v) => v.check === 'limits-readable')?.outcome).toBe('pass');
    expect(again.verdicts?.find((v) => v.check === 'max-notional')?.outcome).toBe('block');
  });

  // Issue 10, item 5.
  it('a wall clock stepped back does not make a quote that stopped ticking look fresh', async () => {
    // A simulator whose market does not move: the quote ticks once and then never again.
    const frozen = new ManualClock(WEDNESDAY_11_EASTERN);
    sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 21, clock: frozen });
    let wallOffset = 0;
    let elapsed = 0;
    t = await openBackend(undefined, { sim, now: () => frozen.now() + wallOffset, monotonic: () => performance.now() + elapsed });
    await waitFor(() => t!.backend.broker.portfolio()?.quotes.find((q) => q.symbol === 'AAPL' && (q.bid ?? 0) > 0), 'an AAPL quote');
    // 30 s pass with no tick, and meanwhile the wall clock is stepped back an hour (NTP, a VM resume).
    elapsed += 30_000;
    wallOffset -= 3_600_000;
    const draft = await t.call('draftFromTicket', { text: 'buy 1 AAPL', account: sim.accounts[0]! });
    const verdict = draft.verdicts?.find((v) => v.check === 'quote-fresh');
    expect(verdict?.outcome).toBe('block');
    // 30 s on the monotonic clock, plus the real time the draft took on a busy machine.
    expect(verdict?.explanation).toMatch(/\b3\d s old/);
  });

  it('a wall clock stepped back, or a restart, does not reset the order-rate limit', async () => {
    let wallOffset = 0;
    const clock = new TradingHoursClock();
    t = await openBackend(undefined, { clock, now: () => clock.read() + wallOffset });
    await t.call('updateRiskLimits', { maxOrdersPerMinute: 2 });
    for (const symbol of ['MSFT', 'AAPL']) {
      const d = await t.call('draftFromTicket', { text: `buy 1 ${symbol}`, account: t.sim.accounts[0]! });
      await t.call('approveDraft', { id: d.id, version: d.version });
    }
    wallOffset -= 3_600_000;
    const third = await t.call('draftFromTicket', { text: 'buy 1 SPY', account: t.sim.accounts[0]! });
    expect(third.verdicts?.find((v) => v.check === 'order-rate')?.outcome).toBe('block');

    // A restart (the clock now an hour behind the approvals' stamps): the window is rebuilt from the audit trail.
    const first = t;
    t = undefined;
    await first.backend.stop();
    t = await openBackend(first.dataDirectory, { sim: first.sim, clock, now: () => clock.read() + wallOffset });
    sim = first.sim;
    const fourth = await t.call('draftFromTicket', { text: 'buy 1 QQQ', account: sim.accounts[0]! });
    expect(fourth.verdicts?.find((v) => v.check === 'order-rate')?.outcome).toBe('block');
  });
});
