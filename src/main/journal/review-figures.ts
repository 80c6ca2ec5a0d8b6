import type { ApprovalRate, HorizonComparison, JournalHorizon, JournalRecord, ReviewFigures } from '../../shared/journal';
import { exchangeDate } from './exchange-calendar';

/**
 * The review view's figures, from journal records alone: the view, its test
 * and the CSV agree because there is one computation. Rates are over decided
 * drafts; hit rates and average P&L over drafts with a figure at that horizon.
 */

const HORIZONS: readonly JournalHorizon[] = ['1d', '5d', '20d', 'close'];
const WORST = 10;
const BUCKETS = 10;

function rate(key: string, rows: readonly JournalRecord[]): ApprovalRate {
  const approved = rows.filter((r) => r.decision === 'approved').length;
  return { key, decided: rows.length, approved, rate: rows.length > 0 ? approved / rows.length : null };
}

function rates<K extends string>(rows: readonly JournalRecord[], keys: readonly K[], keyOf: (r: JournalRecord) => K): ApprovalRate[] {
  return keys.map((key) => rate(key, rows.filter((r) => keyOf(r) === key)));
}

function pnlAt(record: JournalRecord, horizon: JournalHorizon): number | undefined {
  return record.outcomes.find((o) => o.horizon === horizon)?.pnl;
}

function summary(values: readonly number[]): { count: number; hitRate: number | null; averagePnl: number | null } {
  if (values.length === 0) return { count: 0, hitRate: null, averagePnl: null };
  return { count: values.length, hitRate: values.filter((v) => v > 0).length / values.length, averagePnl: values.reduce((a, b) => a + b, 0) / values.length };
}

function comparison(decided: readonly JournalRecord[], horizon: JournalHorizon): HorizonComparison {
  const values = (approved: boolean): number[] =>
    decided.filter((r) => (r.decision === 'approved') === approved).flatMap((r) => {
      const pnl = pnlAt(r, horizon);
      return pnl === undefined ? [] : [pnl];
    });
  return { horizon, approved: summary(values(true)), notApproved: summary(values(false)) };
}

/** The longest trading-day horizon recorded (the close of the position is a different kind of figure). */
function latest(record: JournalRecord): { horizon: JournalHorizon; pnl: number } | undefined {
  for (const horizon of ['20d', '5d', '1d'] as const) {
    const pnl = pnlAt(record, horizon);
    if (pnl !== undefined) return { horizon, pnl };
  }
  return undefined;
}

function distribution(decided: readonly JournalRecord[]): ReviewFigures['distribution'] {
  const points = decided.flatMap((r) => {
    const pnl = pnlAt(r, '5d');
    return pnl === undefined ? [] : [{ pnl, approved: r.decision === 'approved' }];
  });
  if (points.length === 0) return [];
  const low = Math.min(...points.map((p) => p.pnl));
  const high = Math.max(...points.map((p) => p.pnl));
  const width = high > low ? (high - low) / BUCKETS : 1;
  const buckets = Array.from({ length: high > low ? BUCKETS : 1 }, (_, i) => ({ from: low + i * width, to: low + (i + 1) * width, approved: 0, notApproved: 0 }));
  for (const point of points) {
    const bucket = buckets[Math.min(buckets.length - 1, Math.floor((point.pnl - low) / width))];
    if (!bucket) continue;
    if (point.approved) bucket.approved += 1;
    else bucket.notApproved += 1;
  }
  return buckets;
}

/** The Monday of the exchange week a decision fell in. */
function weekOf(at: number): string {
  const date = exchangeDate(at);
  const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)));
  const monday = new Date(utc - ((new Date(utc).getUTCDay() + 6) % 7) * 86_400_000);
  return `${monday.getUTCFullYear()}${String(monday.getUTCMonth() + 1).padStart(2, '0')}${String(monday.getUTCDate()).padStart(2, '0')}`;
}

function overTime(decided: readonly JournalRecord[]): ReviewFigures['overTime'] {
  const weeks = new Map<string, { decided: number; approved: number }>();
  for (const r of decided) {
    const week = weekOf(r.decidedAt ?? r.draftedAt);
    const w = weeks.get(week) ?? { decided: 0, approved: 0 };
    w.decided += 1;
    if (r.decision === 'approved') w.approved += 1;
    weeks.set(week, w);
  }
  return [...weeks].sort(([a], [b]) => a.localeCompare(b)).map(([week, w]) => ({ week, ...w, rate: w.approved / w.decided }));
}

export function reviewFigures(records: readonly JournalRecord[]): ReviewFigures {
  const decided = records.filter((r) => r.decision !== null);
  const fills = decided.filter((r) => r.decision === 'approved').flatMap((r) => r.fills.filter((f) => f.slippage !== null && f.slippageBps !== null));
  const shares = fills.reduce((sum, f) => sum + f.shares, 0);
  const worst = decided
    .flatMap((r) => {
      const l = latest(r);
      return l && l.pnl < 0 && r.decision ? [{ draftId: r.draftId, symbol: r.symbol, side: r.side, quantity: r.quantity, decision: r.decision, horizon: l.horizon, pnl: l.pnl }] : [];
    })
    .sort((a, b) => a.pnl - b.pnl || a.draftId.localeCompare(b.draftId))
    .slice(0, WORST);
  return {
    decided: decided.length,
    byAuthor: rates(decided, ['claude', 'person'] as const, (r) => r.author),
    byRelation: rates(decided, ['adds', 'against', 'opens', 'unknown'] as const, (r) => r.relation),
    byWarning: rates(decided, ['warned', 'no warning'] as const, (r) => (r.warned ? 'warned' : 'no warning')),
    averageSlippage: shares > 0 ? fills.reduce((sum, f) => sum + (f.slippage ?? 0) * f.shares, 0) / shares : null,
    averageSlippageBps: shares > 0 ? fills.reduce((sum, f) => sum + (f.slippageBps ?? 0) * f.shares, 0) / shares : null,
    horizons: HORIZONS.map((h) => comparison(decided, h)),
    worst,
    distribution: distribution(decided),
    overTime: overTime(decided),
  };
}

const CSV_COLUMNS = [
  'draft_id', 'audit_seq_created', 'audit_seq_decided', 'author', 'account', 'symbol', 'con_id', 'side', 'quantity', 'order_type', 'drafted_at', 'draft_bid', 'draft_ask', 'draft_last',
  'decision', 'decided_at', 'decision_bid', 'decision_ask', 'decision_last', 'final_state', 'relation', 'warned', 'filled_qty', 'avg_fill_price', 'slippage', 'slippage_bps', 'hypothetical_price',
  ...HORIZONS.flatMap((h) => [`${h}_date`, `${h}_price`, `${h}_pnl`]),
] as const;

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A cell a spreadsheet would run as a formula is quoted with a leading apostrophe (symbols and accounts come from outside).
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

/** One line per draft, with the audit trail's row numbers of its creation and decision. */
export function journalCsv(records: readonly JournalRecord[]): string {
  const lines = records.map((r) => {
    const filled = r.fills.reduce((sum, f) => sum + f.shares, 0);
    const outcome = (h: JournalHorizon) => r.outcomes.find((o) => o.horizon === h);
    return [
      r.draftId, r.auditSeqs.created, r.auditSeqs.decided, r.author, r.account, r.symbol, r.conId, r.side, r.quantity, r.orderType, iso(r.draftedAt),
      r.draftQuote?.bid, r.draftQuote?.ask, r.draftQuote?.last, r.decision, iso(r.decidedAt), r.decisionQuote?.bid, r.decisionQuote?.ask, r.decisionQuote?.last,
      r.finalState, r.relation, r.warned, filled, filled > 0 ? r.fills.reduce((sum, f) => sum + f.shares * f.price, 0) / filled : null, r.slippage, r.slippageBps, r.hypotheticalPrice,
      ...HORIZONS.flatMap((h) => [outcome(h)?.sessionDate, outcome(h)?.price, outcome(h)?.pnl]),
    ].map(cell).join(',');
  });
  return [CSV_COLUMNS.join(','), ...lines].join('\n') + '\n';
}
