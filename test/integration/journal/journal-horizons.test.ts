import { afterEach, describe, expect, it } from 'vitest';
import { exchangeDate, isTradingDay, tradingDayAfter } from '../../../src/main/journal/exchange-calendar';
import { reviewFigures } from '../../../src/main/journal/review-figures';
import { verifyAuditChain } from '../../../src/main/store/audit-log';
import { SteppingClock } from '../../support/stepping-clock';
import { WEDNESDAY_11_EASTERN } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from '../approvals/backend-under-test';

const DAY_MS = 86_400_000;

/** 11:00 US/Eastern on the next trading day after `at` (the calendar skips the weekend and Thanksgiving). */
function nextTradingMorning(at: number): number {
  let next = at + DAY_MS;
  while (!isTradingDay(exchangeDate(next))) next += DAY_MS;
  return next;
}

describe('the decision journal against the demo gateway, through 20 trading days', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('gives approved, rejected and expired drafts their outcomes at 1, 5 and 20 trading days', async () => {
    const clock = new SteppingClock(WEDNESDAY_11_EASTERN);
    // The journal spaces its history requests on the monotonic clock: stepping days must let them through.
    t = await openBackend(undefined, { clock, monotonic: clock.read });
    const account = t.sim.accounts[0] ?? '';
    const journal = t.backend.journal;
    if (!journal) throw new Error('no journal');

    const approved = await t.call('draftFromTicket', { text: 'buy 10 AAPL', account });
    const rejected = await t.call('draftFromTicket', { text: 'buy 5 MSFT', account });
    const expiring = await t.call('draftFromTicket', { text: 'buy 3 SPY', account });
    await t.call('approveDraft', { id: approved.id, version: approved.version });
    await t.call('rejectDraft', { id: rejected.id, version: rejected.version });
    await waitFor(() => t?.backend.store?.drafts.get(approved.id)?.state === 'filled', 'the approved draft to fill');
    // Its 30 minutes run out.
    clock.stepTo(expiring.expiresAt + 1_000);
    t.backend.desk?.expireDue();
    await waitFor(() => journal.record(expiring.id)?.decision === 'expired', 'the expiry in the journal');
    await waitFor(() => (journal.record(approved.id)?.fills.length ?? 0) > 0, 'the fill in the journal');

    const a = journal.record(approved.id);
    expect(a).toMatchObject({ decision: 'approved', author: 'person', relation: expect.stringMatching(/adds|opens/) });
    expect(a?.draftQuote?.last).toBeGreaterThan(0);
    expect(a?.fills.reduce((sum, f) => sum + f.shares, 0)).toBe(10);
    expect(Number.isFinite(a?.slippageBps)).toBe(true);
    expect(journal.record(rejected.id)).toMatchObject({ decision: 'rejected', hypotheticalPrice: expect.any(Number) });
    expect(journal.record(expiring.id)).toMatchObject({ decision: 'expired', hypotheticalPrice: expect.any(Number) });

    const auditBefore = t.backend.store?.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq').all();
    const start = exchangeDate(WEDNESDAY_11_EASTERN);
    const due = { '1d': tradingDayAfter(start, 1), '5d': tradingDayAfter(start, 5), '20d': tradingDayAfter(start, 20) };
    expect(due).toEqual({ '1d': '20261119', '5d': '20261125', '20d': '20261217' });
    const ids = [approved.id, rejected.id, expiring.id];
    const horizonsOf = (id: string): string[] => (journal.record(id)?.outcomes ?? []).map((o) => o.horizon);

    let morning = WEDNESDAY_11_EASTERN;
    for (let day = 1; day <= 21; day += 1) {
      morning = nextTradingMorning(morning);
      clock.stepTo(morning);
      await waitFor(() => t?.backend.broker.state()?.phase === 'ready', 'the session to stay ready');
      await journal.refresh();
      const today = exchangeDate(morning);
      // A horizon is recorded once its session has closed, and not before.
      for (const id of ids) {
        const expected = (['1d', '5d', '20d'] as const).filter((h) => due[h] < today);
        expect(horizonsOf(id), `${id} on ${today}`).toEqual(expected);
      }
    }
    expect(exchangeDate(morning)).toBe('20261218');

    for (const id of ids) {
      const record = journal.record(id);
      expect(record?.outcomes.map((o) => [o.horizon, o.sessionDate])).toEqual([
        ['1d', '20261119'],
        ['5d', '20261125'],
        ['20d', '20261217'],
      ]);
      for (const outcome of record?.outcomes ?? []) {
        const quantity = record?.decision === 'approved' ? (record.fills.reduce((s, f) => s + f.shares, 0)) : (record?.quantity ?? 0);
        const entry = record?.decision === 'approved' ? (record.fills.reduce((s, f) => s + f.shares * f.price, 0) / quantity) : (record?.hypotheticalPrice ?? 0);
        expect(outcome.pnl).toBeCloseTo((outcome.price - entry) * quantity, 6);
      }
    }
    const db = t.backend.store?.db;
    if (!db) throw new Error('no store');
    // The journal wrote none of the audit rows written meanwhile, and changed none before them.
    expect(db.prepare('SELECT seq, hash FROM audit_log WHERE seq <= ? ORDER BY seq').all((auditBefore?.at(-1) as { seq: number }).seq)).toEqual(auditBefore);
    expect(verifyAuditChain(db).ok).toBe(true);

    // The review the renderer gets is the one computed from the journal's records...
    const review = await t.call('getDecisionReview');
    expect(review).toEqual(reviewFigures(journal.records()));
    // ...and agrees with figures computed straight from the journal's rows.
    type Row = { draft_id: string; author: string; decision: string; quantity: number; decision_ask: number };
    const rows = db.prepare('SELECT draft_id, author, decision, quantity, decision_ask FROM journal_entries WHERE decision IS NOT NULL').all() as Row[];
    expect(review.decided).toBe(rows.length);
    expect(review.byAuthor.find((r) => r.key === 'person')).toEqual({ key: 'person', decided: 3, approved: 1, rate: 1 / 3 });
    const close5d = (id: string): number => (db.prepare("SELECT price FROM journal_outcomes WHERE draft_id = ? AND horizon = '5d'").get(id) as { price: number }).price;
    const execs = db.prepare('SELECT shares, price FROM journal_executions WHERE order_ref = ?').all(approved.id) as { shares: number; price: number }[];
    const approvedPnl = execs.reduce((sum, e) => sum + (close5d(approved.id) - e.price) * e.shares, 0);
    // Both not-approved drafts are buys: as if bought at the ask when decided.
    const notApproved = rows.filter((r) => r.decision !== 'approved').map((r) => (close5d(r.draft_id) - r.decision_ask) * r.quantity);
    const fiveDays = review.horizons.find((h) => h.horizon === '5d');
    expect(fiveDays?.approved.averagePnl).toBeCloseTo(approvedPnl, 6);
    expect(fiveDays?.approved.hitRate).toBe(approvedPnl > 0 ? 1 : 0);
    expect(fiveDays?.notApproved.averagePnl).toBeCloseTo((notApproved[0]! + notApproved[1]!) / 2, 6);
    const ask = rows.find((r) => r.draft_id === approved.id)?.decision_ask ?? 0;
    const bps = execs.reduce((sum, e) => sum + ((e.price - ask) / ask) * 10_000 * e.shares, 0) / execs.reduce((sum, e) => sum + e.shares, 0);
    expect(review.averageSlippageBps).toBeCloseTo(bps, 6);

    // The CSV names each draft's audit rows.
    const csv = await t.call('exportDecisionJournal');
    const created = db.prepare("SELECT seq FROM audit_log WHERE draft_id = ? AND action = 'draft.created'").get(rejected.id) as { seq: number };
    const decided = db.prepare("SELECT seq FROM audit_log WHERE draft_id = ? AND action = 'draft.rejected'").get(rejected.id) as { seq: number };
    expect(csv.split('\n').find((line) => line.startsWith(rejected.id))?.startsWith(`${rejected.id},${created.seq},${decided.seq},person,`)).toBe(true);
  }, 90_000);
  it('records the close of a position the order opened, at the execution that closed it', async () => {
    const clock = new SteppingClock(WEDNESDAY_11_EASTERN);
    t = await openBackend(undefined, { clock });
    const account = t.sim.accounts[0] ?? '';
    const journal = t.backend.journal;
    if (!journal) throw new Error('no journal');
    const held = new Set((t.backend.broker.portfolio()?.positions ?? []).filter((p) => p.account === account && p.quantity !== 0).map((p) => p.symbol));
    const symbol = ['KO', 'PEP', 'DIS', 'WMT', 'T', 'PFE'].find((s) => !held.has(s));
    if (!symbol) throw new Error('every candidate symbol is held');
    const filled = async (text: string): Promise<string> => {
      const draft = await t!.call('draftFromTicket', { text, account });
      await t!.call('approveDraft', { id: draft.id, version: draft.version });
      await waitFor(() => t?.backend.store?.drafts.get(draft.id)?.state === 'filled', `${text} to fill`);
      await waitFor(() => (journal.record(draft.id)?.fills.length ?? 0) > 0, `${text} in the journal`);
      return draft.id;
    };

    const opened = await filled(`buy 10 ${symbol}`);
    expect(journal.record(opened)?.relation).toBe('opens');
    clock.stepTo(nextTradingMorning(WEDNESDAY_11_EASTERN));
    await waitFor(() => t?.backend.broker.state()?.phase === 'ready', 'the session to stay ready');
    const closing = await filled(`sell 10 ${symbol}`);
    await journal.refresh();

    const buy = journal.record(opened);
    const sell = journal.record(closing);
    const exit = sell?.fills[0];
    const entry = buy?.fills[0];
    expect(buy?.outcomes.find((o) => o.horizon === 'close')).toEqual({
      horizon: 'close',
      sessionDate: '20261119',
      price: exit?.price,
      pnl: expect.closeTo(((exit?.price ?? 0) - (entry?.price ?? 0)) * 10, 6),
    });
    // The sale itself went against the position: it has no close of its own.
    expect(sell?.relation).toBe('against');
    expect(sell?.outcomes.find((o) => o.horizon === 'close')).toBeUndefined();
  }, 60_000);
});
