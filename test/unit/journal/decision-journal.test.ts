import { afterEach, describe, expect, it } from 'vitest';
import { DecisionJournal, type DailyClose } from '../../../src/main/journal/decision-journal';
import { reviewFigures } from '../../../src/main/journal/review-figures';
import { appendAudit, verifyAuditChain } from '../../../src/main/store/audit-log';
import { openStore, type Store } from '../../../src/main/store/open-store';
import type { Draft } from '../../../src/shared/draft';
import { tempDir } from '../store/support';
import { approve, dec, FakeSession, nov, pendingDraft, settle } from './support';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** Hand-made daily closes: AAPL at 100 + the trading day's number after 25 November, so every horizon has its own price. */
const closes: DailyClose[] = [
  { date: '20261125', close: 100 },
  { date: '20261126', close: 999 }, // a bar IB would not print (Thanksgiving): must never be used
  { date: '20261127', close: 101 },
  { date: '20261130', close: 102 },
  { date: '20261201', close: 103 },
  { date: '20261202', close: 104 },
  { date: '20261203', close: 105 },
  ...['04', '07', '08', '09', '10', '11', '14', '15', '16', '17', '18', '21', '22', '23', '24'].map((d, i) => ({ date: `202612${d}`, close: 106 + i })),
];

interface World {
  store: Store;
  session: FakeSession;
  clock: { now: number; monotonic: number };
  journal: DecisionJournal;
  requests: { conId: number; days: number }[];
  bars: DailyClose[];
}

const open: Store[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

function world(start: number): World {
  const clock = { now: start, monotonic: 0 };
  const store = openStore(tempDir(), undefined, { now: () => clock.now });
  open.push(store);
  const session = new FakeSession();
  const requests: { conId: number; days: number }[] = [];
  const w: World = {
    store,
    session,
    clock,
    requests,
    bars: closes,
    journal: undefined as unknown as DecisionJournal,
  };
  w.journal = new DecisionJournal({
    db: store.db,
    drafts: store.drafts,
    session: () => session.asSession(),
    log: quiet,
    now: () => clock.now,
    // Moves with every step of the wall clock, and on its own where a test needs seconds to pass.
    monotonic: () => clock.now + clock.monotonic,
    dailyCloses: async (_session, conId, days) => {
      requests.push({ conId, days });
      return w.bars;
    },
  });
  w.journal.attach(session.asSession());
  return w;
}

const seen = (w: World, ...drafts: Draft[]): void => w.journal.observe({ drafts, tradingState: 'active', review: {} });

function auditRows(store: Store): unknown[] {
  return store.db.prepare('SELECT * FROM audit_log ORDER BY seq').all();
}

describe('the decision journal', () => {
  it('records an approved, partly filled order: quotes, decision, slippage and P&L at 1, 5 and 20 trading days', async () => {
    const w = world(nov(25, 10));
    w.session.quote = { bid: 99.9, ask: 100.1, last: 100 };
    const draft = pendingDraft(w.store, nov(25, 10), {}, true);
    seen(w, draft);
    w.clock.now = nov(25, 10, 5);
    const approved = approve(w.store, draft, nov(25, 10, 5), { bid: 99.95, ask: 100, last: 99.98 });
    seen(w, approved);
    // Two partial fills: 40 at 100.02 on the 25th, 60 at 100.50 on the 27th (after Thanksgiving).
    w.session.fill('e1', draft.id, 'BOT', 40, 100.02, '20261125  10:05:30');
    w.session.fill('e2', draft.id, 'BOT', 60, 100.5, '20261127  09:45:00');
    // A replay after a reconnect is the same execution.
    w.session.fill('e1', draft.id, 'BOT', 40, 100.02, '20261125  10:05:30');
    seen(w, settle(w.store, approved, 'filled', nov(27, 9, 45)));

    const before = auditRows(w.store);
    w.clock.now = dec(28, 11);
    await w.journal.refresh();

    const record = w.journal.record(draft.id);
    expect(record).toMatchObject({
      decision: 'approved',
      decidedAt: nov(25, 10, 5),
      draftQuote: { bid: 99.9, ask: 100.1, last: 100 },
      decisionQuote: { bid: 99.95, ask: 100, last: 99.98 },
      finalState: 'filled',
      relation: 'opens',
      warned: true,
    });
    expect(record?.fills.map((f) => [f.execId, f.shares, f.price])).toEqual([
      ['e1', 40, 100.02],
      ['e2', 60, 100.5],
    ]);
    expect(record?.fills[0]?.slippage).toBeCloseTo(0.02, 10);
    expect(record?.fills[1]?.slippageBps).toBeCloseTo(50, 10);
    expect(record?.slippage).toBeCloseTo((40 * 0.02 + 60 * 0.5) / 100, 10);
    expect(record?.outcomes.map((o) => [o.horizon, o.sessionDate, o.price])).toEqual([
      ['1d', '20261127', 101],
      ['5d', '20261203', 105],
      ['20d', '20261224', 120],
    ]);
    const [d1, d5, d20] = record?.outcomes ?? [];
    expect(d1?.pnl).toBeCloseTo(40 * (101 - 100.02) + 60 * (101 - 100.5), 10);
    expect(d5?.pnl).toBeCloseTo(40 * (105 - 100.02) + 60 * (105 - 100.5), 10);
    expect(d20?.pnl).toBeCloseTo(40 * (120 - 100.02) + 60 * (120 - 100.5), 10);
    expect(record?.auditSeqs.created).toBeGreaterThan(0);
    expect(record?.auditSeqs.decided).toBeGreaterThan(record?.auditSeqs.created ?? 0);
    // The whole-journal read (the review, the CSV, Claude's tool) gives the same record.
    expect(w.journal.records()).toEqual([record]);
    // The journal read the audit trail and never wrote it.
    expect(auditRows(w.store)).toEqual(before);
    expect(verifyAuditChain(w.store.db).ok).toBe(true);
  });

  it('values the P&L of a share IB quotes in pence in its currency: prices over IB\'s price magnifier', async () => {
    const w = world(nov(25, 10));
    w.session.quote = { bid: 99.9, ask: 100.1, last: 100 };
    // The fake gateway's one contract, as if it were an LSE share: prices in pence, currency GBP, magnifier 100.
    const draft = pendingDraft(w.store, nov(25, 10), { contract: { symbol: 'AAPL', secType: 'STK', conId: 265598, currency: 'GBP', exchange: 'SMART', priceMagnifier: 100 } });
    seen(w, draft);
    const approved = approve(w.store, draft, nov(25, 10, 5), { bid: 99.95, ask: 100, last: 99.98 });
    seen(w, approved);
    w.session.fill('e1', draft.id, 'BOT', 100, 100.02, '20261125  10:05:30');
    seen(w, settle(w.store, approved, 'filled', nov(25, 10, 6)));
    w.clock.now = dec(28, 11);
    await w.journal.refresh();
    const d1 = w.journal.record(draft.id)?.outcomes.find((o) => o.horizon === '1d');
    expect(d1?.price).toBe(101);
    expect(d1?.pnl).toBeCloseTo((100 * (101 - 100.02)) / 100, 10); // GBP 0.98, not 98
  });

  it('records only horizons whose session has closed, and never changes one recorded', async () => {
    const w = world(nov(25, 15));
    const draft = pendingDraft(w.store, nov(25, 15));
    seen(w, draft);
    w.clock.now = nov(25, 15, 1);
    seen(w, settle(w.store, draft, 'rejected', nov(25, 15, 1)));

    // Friday 27th at 16:29: the first horizon's session has closed, but its close is not yet final.
    w.clock.now = nov(27, 16, 29);
    await w.journal.refresh();
    expect(w.journal.record(draft.id)?.outcomes).toEqual([]);
    expect(w.requests).toEqual([]);

    w.clock.now = nov(27, 16, 30);
    await w.journal.refresh();
    expect(w.journal.record(draft.id)?.outcomes.map((o) => o.horizon)).toEqual(['1d']);

    // Later reads of history are re-scaled: the 1-day figure stays what it was.
    w.bars = closes.map((c) => ({ ...c, close: c.close * 2 }));
    w.clock.now = dec(28, 11);
    await w.journal.refresh();
    const outcomes = w.journal.record(draft.id)?.outcomes ?? [];
    expect(outcomes.map((o) => [o.horizon, o.price])).toEqual([
      ['1d', 101],
      ['5d', 210],
      ['20d', 240],
    ]);
    expect(() => w.store.db.prepare("UPDATE journal_outcomes SET price = 1 WHERE horizon = '1d'").run()).toThrow(/never changed/);
  });

  it('values a rejected and an expired draft as if filled at the quote when decided', async () => {
    const w = world(nov(25, 10));
    w.session.quote = { bid: 99, ask: 101, last: 100 };
    const buy = pendingDraft(w.store, nov(25, 10));
    const sell = pendingDraft(w.store, nov(25, 10), { order: { side: 'SELL', quantity: 10, orderType: 'MKT' } });
    w.session.held.set('DU1:265598', 50);
    seen(w, buy, sell);
    w.clock.now = nov(25, 10, 30);
    seen(w, settle(w.store, buy, 'rejected', nov(25, 10, 30)));
    w.clock.now = nov(25, 11, 0);
    seen(w, settle(w.store, sell, 'expired', nov(25, 11, 0)));
    w.clock.now = dec(28, 11);
    await w.journal.refresh();

    const r = w.journal.record(buy.id);
    expect(r).toMatchObject({ decision: 'rejected', hypotheticalPrice: 101, relation: 'adds', fills: [], slippage: null });
    expect(r?.outcomes.map((o) => o.pnl)).toEqual([100 * (101 - 101), 100 * (105 - 101), 100 * (120 - 101)]);
    const e = w.journal.record(sell.id);
    expect(e).toMatchObject({ decision: 'expired', hypotheticalPrice: 99, relation: 'against' });
    expect(e?.outcomes.map((o) => o.pnl)).toEqual([-10 * (101 - 99), -10 * (105 - 99), -10 * (120 - 99)]);
    // One history request for the contract, however many drafts it serves, covering the calendar days since the decision.
    expect(w.requests).toEqual([{ conId: 265598, days: 33 + 3 }]);
  });

  it('a draft older than the history IB serves does not keep the newer drafts of its contract from their outcomes', async () => {
    // A rejection of November 2025 whose outcomes were never read (the app was not run, or its bars never came):
    // a year later its window is beyond what IB answers in days, and it must not hold back this month's drafts.
    const old = Date.UTC(2025, 10, 3, 15, 0);
    const w = world(old);
    const stale = pendingDraft(w.store, old);
    seen(w, stale);
    seen(w, settle(w.store, stale, 'rejected', old));
    w.clock.now = nov(25, 10);
    const fresh = pendingDraft(w.store, nov(25, 10));
    seen(w, fresh);
    w.clock.now = nov(25, 10, 30);
    seen(w, settle(w.store, fresh, 'rejected', nov(25, 10, 30)));
    w.clock.now = dec(28, 11);
    await w.journal.refresh();

    expect(w.journal.record(fresh.id)?.outcomes.map((o) => [o.horizon, o.sessionDate])).toEqual([
      ['1d', '20261127'],
      ['5d', '20261203'],
      ['20d', '20261224'],
    ]);
    expect(w.journal.record(stale.id)?.outcomes).toEqual([]);
    expect(w.requests).toEqual([{ conId: 265598, days: 33 + 3 }]);
  });

  it('never repeats a contract\'s history request within the 15 seconds IB counts as a pacing violation', async () => {
    const w = world(nov(25, 10));
    const draft = pendingDraft(w.store, nov(25, 10));
    seen(w, draft);
    w.clock.now = nov(25, 10, 30);
    seen(w, settle(w.store, draft, 'rejected', nov(25, 10, 30)));
    // IB has no bars yet (or refused them): the horizons stay wanted.
    w.bars = [];
    w.clock.now = dec(28, 11);
    // The review opened, closed and opened again, and a reconnect's sync, within a few seconds.
    await w.journal.refresh();
    w.clock.monotonic += 4_000;
    await w.journal.refresh();
    w.clock.monotonic += 10_000;
    await w.journal.refresh();
    expect(w.requests).toHaveLength(1);

    w.bars = closes;
    w.clock.monotonic += 1_000;
    await w.journal.refresh();
    expect(w.requests).toHaveLength(2);
    expect(w.journal.record(draft.id)?.outcomes.map((o) => o.horizon)).toEqual(['1d', '5d', '20d']);
  });

  it('takes no quote from a session that lost the gateway: the last quote before the loss is not the price when drafted or decided', async () => {
    const w = world(nov(25, 10));
    w.session.quote = { bid: 99, ask: 101, last: 100 };
    // The gateway went away at 10:00; the session still holds the quotes it last had.
    w.session.isReady = false;
    const draft = pendingDraft(w.store, nov(25, 13));
    w.clock.now = nov(25, 13);
    seen(w, draft);
    w.clock.now = nov(25, 13, 1);
    seen(w, settle(w.store, draft, 'rejected', nov(25, 13, 1)));
    w.clock.now = dec(28, 11);
    w.session.isReady = true;
    await w.journal.refresh();

    expect(w.journal.record(draft.id)).toMatchObject({ decision: 'rejected', draftQuote: null, decisionQuote: null, hypotheticalPrice: null, outcomes: [] });
  });

  it('records the decision of a draft that left the queue\'s view before the journal saw it decided', async () => {
    // The queue's view holds the waiting drafts and only the 30 most recently finished: 32 drafts expiring in one
    // sweep reach the journal as 30, and the two left out must not stay "waiting" in the journal for ever.
    const w = world(nov(25, 10));
    const drafts = Array.from({ length: 32 }, () => pendingDraft(w.store, nov(25, 10)));
    seen(w, ...drafts);
    w.clock.now = nov(25, 11);
    const expired = drafts.map((d) => settle(w.store, d, 'expired', nov(25, 11)));
    seen(w, ...expired.slice(2));
    w.clock.now = dec(28, 11);
    await w.journal.refresh();

    for (const d of drafts) expect(w.journal.record(d.id), d.id).toMatchObject({ decision: 'expired', decidedAt: nov(25, 11), finalState: 'expired' });
    expect(reviewFigures(w.journal.records()).decided).toBe(32);
  });

  it('reads a horizon\'s close only once it is final, not from the bar IB still prints in the minutes after the bell', async () => {
    const w = world(nov(25, 15));
    const draft = pendingDraft(w.store, nov(25, 15));
    seen(w, draft);
    w.clock.now = nov(25, 15, 1);
    seen(w, settle(w.store, draft, 'rejected', nov(25, 15, 1)));
    // 16:05 on the 27th: the day's bar still shows the last trade before the closing auction.
    w.bars = closes.map((c) => (c.date === '20261127' ? { ...c, close: 100.4 } : c)).filter((c) => c.date <= '20261127');
    w.clock.now = nov(27, 16, 5);
    await w.journal.refresh();
    // 16:40: the official close is in the bar.
    w.bars = closes.filter((c) => c.date <= '20261127');
    w.clock.now = nov(27, 16, 40);
    await w.journal.refresh();

    expect(w.journal.record(draft.id)?.outcomes.map((o) => [o.horizon, o.price])).toEqual([['1d', 101]]);
  });

  it('records the close of the position from a later execution in the account, and nothing for an unapproved draft', async () => {
    const w = world(nov(25, 10));
    const draft = pendingDraft(w.store, nov(25, 10));
    seen(w, draft);
    const approved = approve(w.store, draft, nov(25, 10, 1), { bid: 99.95, ask: 100, last: 99.98 });
    w.session.fill('e1', draft.id, 'BOT', 100, 100, '20261125  10:01:10');
    seen(w, settle(w.store, approved, 'filled', nov(25, 10, 2)));
    // Sold in TWS (client 0, no orderRef) on 30 November.
    w.session.fill('tws-1', '', 'SLD', 100, 103.5, '20261130  11:00:00', { orderId: 900, clientId: 0 });
    w.clock.now = nov(30, 12);
    await w.journal.refresh();
    const close = w.journal.record(draft.id)?.outcomes.find((o) => o.horizon === 'close');
    expect(close).toEqual({ horizon: 'close', sessionDate: '20261130', price: 103.5, pnl: 350 });
  });

  it('follows an edit until the decision, and a failed history read records nothing and is tried again', async () => {
    const w = world(nov(25, 10));
    const draft = pendingDraft(w.store, nov(25, 10));
    seen(w, draft);
    const edited: Draft = { ...draft, version: 2, order: { ...draft.order, quantity: 30 }, updatedAt: nov(25, 10, 1) };
    seen(w, edited);
    w.clock.now = nov(25, 10, 2);
    seen(w, { ...edited, state: 'rejected', updatedAt: nov(25, 10, 2) });
    expect(w.journal.record(draft.id)).toMatchObject({ quantity: 30, decision: 'rejected' });
    let fail = true;
    const flaky = new DecisionJournal({
      db: w.store.db,
      drafts: w.store.drafts,
      session: () => w.session.asSession(),
      log: quiet,
      now: () => w.clock.now,
      monotonic: () => w.clock.now,
      dailyCloses: async () => {
        if (fail) throw new Error('pacing violation');
        return closes;
      },
    });
    w.clock.now = dec(28, 11);
    await flaky.refresh();
    expect(flaky.record(draft.id)?.outcomes).toEqual([]);
    fail = false;
    // The next pass (IB refuses the same request again within 15 seconds).
    w.clock.now += 15 * 60_000;
    await flaky.refresh();
    expect(flaky.record(draft.id)?.outcomes).toHaveLength(3);
  });
  it("books fills it missed from the order tracker's audit rows: the entry's only, once each", async () => {
    const w = world(nov(25, 10));
    const draft = pendingDraft(w.store, nov(25, 10));
    seen(w, draft);
    const approved = approve(w.store, draft, nov(25, 10, 1), { bid: 99.95, ask: 100, last: 99.98 });
    seen(w, settle(w.store, approved, 'filled', nov(25, 10, 2)));
    // The session's own report of e1 reached the journal; e2 and the take-profit's fill did not (a restart the next day).
    w.session.fill('e1', draft.id, 'BOT', 60, 100, '20261125  10:01:10');
    const audited = (execId: string, orderRef: string, shares: number, price: number, at: number): void => {
      appendAudit(w.store.db, { actor: 'broker', action: 'broker.execution', details: { execId, orderRef, shares, price }, at });
    };
    audited('e1', draft.id, 60, 100, nov(25, 10, 1));
    audited('e2', draft.id, 40, 100.5, nov(25, 10, 2));
    audited('tp1', `${draft.id}:tp`, 100, 110, nov(27, 11));
    w.clock.now = dec(28, 11);
    await w.journal.refresh();
    const record = w.journal.record(draft.id);
    expect(record?.fills.map((f) => [f.execId, f.shares, f.price])).toEqual([
      ['e1', 60, 100],
      ['e2', 40, 100.5],
    ]);
    expect(record?.outcomes.find((o) => o.horizon === '1d')?.pnl).toBeCloseTo(60 * 1 + 40 * 0.5, 10);
  });
});
