import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDraft, transition } from '../src/main/approvals/lifecycle';
import { DecisionJournal } from '../src/main/journal/decision-journal';
import { reviewFigures } from '../src/main/journal/review-figures';
import { openStore } from '../src/main/store/open-store';
import { formatFigures, latencyFigures } from './support/latency-figures';

// The decision review and Claude's journal tool read the whole journal on
// main's thread: how long that takes for a long record. Targets: the review
// of 2,000 decided drafts under 100 ms at p99; noting an unchanged queue
// update (the journal's share of every publish) under 1 ms.

const DRAFTS = Number(process.env['BENCH_JOURNAL_DRAFTS'] ?? 2000);
const RUNS = 30;
const START = Date.UTC(2026, 0, 5, 16);
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-journal-'));
const store = openStore(dir, undefined, { now: () => START });
const journal = new DecisionJournal({ db: store.db, drafts: store.drafts, session: () => undefined, log: quiet, now: () => START });
const repo = journal.repository;

store.db.transaction(() => {
  for (let i = 0; i < DRAFTS; i += 1) {
    const draftId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const at = START + i * 3_600_000;
    const approved = i % 3 !== 0;
    repo.insertEntry({ draftId, author: i % 2 ? 'claude' : 'person', account: 'DU1', conId: 1 + (i % 40), symbol: `S${i % 40}`, secType: 'STK', side: i % 4 ? 'BUY' : 'SELL', quantity: 10, multiplier: 1, orderType: 'LMT', draftedAt: at, draftQuote: { bid: 99, ask: 101, last: 100 }, positionBefore: i % 5, warned: i % 7 === 0 }, at);
    repo.recordDecision(draftId, { decision: approved ? 'approved' : 'rejected', decidedAt: at + 60_000, quote: { bid: 99, ask: 101, last: 100 }, positionBefore: i % 5, warned: i % 7 === 0, orderId: approved ? i : null, clientId: approved ? 1 : null }, at);
    if (approved) {
      for (let f = 0; f < 2; f += 1) repo.recordExecution({ execId: `e${i}-${f}`, account: 'DU1', conId: 1 + (i % 40), side: i % 4 ? 'BUY' : 'SELL', shares: 5, price: 100 + f * 0.05, at: at + 61_000 + f, orderRef: draftId, orderId: i, clientId: 1 });
    }
    for (const [horizon, move] of [['1d', 1], ['5d', -2], ['20d', 3]] as const) repo.recordOutcome(draftId, { horizon, sessionDate: '20260201', price: 100 + move * ((i % 5) - 2) }, at);
  }
})();

// Cold: a fresh journal each run reads every row (the first review after a change).
const review: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  const cold = new DecisionJournal({ db: store.db, drafts: store.drafts, session: () => undefined, log: quiet, now: () => START });
  const t0 = performance.now();
  reviewFigures(cold.records());
  review.push(performance.now() - t0);
}
// Warm: nothing was written since the last read (a second review, Claude's tool).
journal.records();
const warm: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  const t0 = performance.now();
  reviewFigures(journal.records());
  warm.push(performance.now() - t0);
}

// A queue of 60 waiting drafts, as the desk publishes it.
const waiting = Array.from({ length: 60 }, (_, i) => {
  const drafted = createDraft({ account: 'DU1', contract: { symbol: `Q${i}`, secType: 'STK', conId: 1000 + i }, order: { side: 'BUY', quantity: 1, orderType: 'MKT' }, author: 'claude', rationale: '', risks: [] }, START);
  const pending = transition(drafted, 'pending', { now: START, verdicts: [{ check: 'c', label: 'c', outcome: 'pass', explanation: 'ok' }] });
  store.drafts.insert(pending, { actor: 'claude', at: START, action: 'draft.created' });
  return pending;
});
const view = { drafts: waiting, tradingState: 'active' as const, review: {} };
const firstLook = performance.now();
journal.observe(view);
const firstLookMs = performance.now() - firstLook;
const observe: number[] = [];
for (let run = 0; run < 200; run += 1) {
  const t0 = performance.now();
  journal.observe(view);
  observe.push(performance.now() - t0);
}

const reviewFigs = latencyFigures(review);
const warmFigs = latencyFigures(warm);
const observeFigs = latencyFigures(observe);
process.stdout.write(`review of ${DRAFTS} decided drafts (every row read + figures), ${RUNS} runs: ${formatFigures(reviewFigs)}   target p99 < 100 ms: ${reviewFigs.p99 < 100 ? 'met' : 'MISSED'}\n`);
process.stdout.write(`the same review with nothing written since, ${RUNS} runs: ${formatFigures(warmFigs)}\n`);
process.stdout.write(`noting a queue of 60 new drafts: ${firstLookMs.toFixed(3)} ms (once per draft change, after the publish)\n`);
process.stdout.write(`noting an unchanged queue update, 200 runs: ${formatFigures(observeFigs)}   target p99 < 1 ms: ${observeFigs.p99 < 1 ? 'met' : 'MISSED'}\n`);
store.close();
rmSync(dir, { recursive: true, force: true });
