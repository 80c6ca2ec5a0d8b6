import type { JournalHorizon, JournalQuote } from '../../shared/journal';
import { prepared, type Db } from '../store/database';
import type { JournalEntry, JournalExecution, StoredOutcome } from './journal-figures';

interface EntryRow {
  draft_id: string;
  author: 'claude' | 'person';
  account: string;
  con_id: number | null;
  symbol: string;
  sec_type: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  multiplier: number;
  order_type: string;
  drafted_at: number;
  draft_bid: number | null;
  draft_ask: number | null;
  draft_last: number | null;
  position_before: number | null;
  warned: number;
  decision: JournalEntry['decision'];
  decided_at: number | null;
  decision_bid: number | null;
  decision_ask: number | null;
  decision_last: number | null;
  order_id: number | null;
  client_id: number | null;
  final_state: string | null;
}

function quoteOf(bid: number | null, ask: number | null, last: number | null): JournalQuote | null {
  return bid === null && ask === null && last === null ? null : { bid, ask, last };
}

function entryOf(row: EntryRow): JournalEntry {
  return {
    draftId: row.draft_id,
    author: row.author,
    account: row.account,
    conId: row.con_id,
    symbol: row.symbol,
    secType: row.sec_type,
    side: row.side,
    quantity: row.quantity,
    multiplier: row.multiplier,
    orderType: row.order_type,
    draftedAt: row.drafted_at,
    draftQuote: quoteOf(row.draft_bid, row.draft_ask, row.draft_last),
    positionBefore: row.position_before,
    warned: row.warned === 1,
    decision: row.decision,
    decidedAt: row.decided_at,
    decisionQuote: quoteOf(row.decision_bid, row.decision_ask, row.decision_last),
    orderId: row.order_id,
    clientId: row.client_id,
    finalState: row.final_state,
  };
}

interface ExecutionRow {
  exec_id: string;
  account: string;
  con_id: number;
  side: 'BUY' | 'SELL';
  shares: number;
  price: number;
  at: number;
  order_ref: string;
  order_id: number;
  client_id: number;
}

function executionOf(row: ExecutionRow): JournalExecution {
  return {
    execId: row.exec_id,
    account: row.account,
    conId: row.con_id,
    side: row.side,
    shares: row.shares,
    price: row.price,
    at: row.at,
    orderRef: row.order_ref,
    orderId: row.order_id,
    clientId: row.client_id,
  };
}

/** The decision made on a draft, as the journal records it once. */
export interface JournalDecisionFacts {
  decision: 'approved' | 'rejected' | 'expired';
  decidedAt: number;
  quote: JournalQuote | null;
  positionBefore: number | null;
  warned: boolean;
  orderId: number | null;
  clientId: number | null;
}

/**
 * The journal's tables (migration 8). It writes only journal_* tables; the
 * audit trail is read (a draft's rows and their seq numbers), never written.
 */
export class JournalRepository {
  private writes = 0;

  constructor(private readonly db: Db) {}

  /** Counts writes that changed a row: what the journal's cached records are checked against. */
  get version(): number {
    return this.writes;
  }

  private wrote(result: { changes: number }): void {
    if (result.changes > 0) this.writes += 1;
  }

  entry(draftId: string): JournalEntry | undefined {
    const row = prepared(this.db, 'SELECT * FROM journal_entries WHERE draft_id = ?').get(draftId) as EntryRow | undefined;
    return row ? entryOf(row) : undefined;
  }

  entries(): JournalEntry[] {
    return (prepared(this.db, 'SELECT * FROM journal_entries ORDER BY drafted_at, draft_id').all() as EntryRow[]).map(entryOf);
  }

  /** A draft seen for the first time; a second call for the same draft changes nothing. */
  insertEntry(entry: Omit<JournalEntry, 'decision' | 'decidedAt' | 'decisionQuote' | 'orderId' | 'clientId' | 'finalState'>, now: number): void {
    this.wrote(prepared(
      this.db,
      `INSERT OR IGNORE INTO journal_entries (draft_id, author, account, con_id, symbol, sec_type, side, quantity, multiplier, order_type,
         drafted_at, draft_bid, draft_ask, draft_last, position_before, warned, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      entry.draftId,
      entry.author,
      entry.account,
      entry.conId,
      entry.symbol,
      entry.secType,
      entry.side,
      entry.quantity,
      entry.multiplier,
      entry.orderType,
      entry.draftedAt,
      entry.draftQuote?.bid ?? null,
      entry.draftQuote?.ask ?? null,
      entry.draftQuote?.last ?? null,
      entry.positionBefore,
      entry.warned ? 1 : 0,
      now,
    ));
  }

  /** An edit changes what would be decided: the journal follows the draft until its decision. */
  updateUndecided(draftId: string, order: { quantity: number; orderType: string; side: 'BUY' | 'SELL' }, now: number): void {
    this.wrote(prepared(this.db, 'UPDATE journal_entries SET quantity = ?, order_type = ?, side = ?, updated_at = ? WHERE draft_id = ? AND decision IS NULL').run(
      order.quantity,
      order.orderType,
      order.side,
      now,
      draftId,
    ));
  }

  /** Written once: a decision already recorded is kept. */
  recordDecision(draftId: string, facts: JournalDecisionFacts, now: number): void {
    this.wrote(prepared(
      this.db,
      `UPDATE journal_entries SET decision = ?, decided_at = ?, decision_bid = ?, decision_ask = ?, decision_last = ?,
         position_before = COALESCE(?, position_before), warned = ?, order_id = ?, client_id = ?, updated_at = ?
       WHERE draft_id = ? AND decision IS NULL`,
    ).run(
      facts.decision,
      facts.decidedAt,
      facts.quote?.bid ?? null,
      facts.quote?.ask ?? null,
      facts.quote?.last ?? null,
      facts.positionBefore,
      facts.warned ? 1 : 0,
      facts.orderId,
      facts.clientId,
      now,
      draftId,
    ));
  }

  recordFinalState(draftId: string, state: string, now: number): void {
    this.wrote(prepared(this.db, 'UPDATE journal_entries SET final_state = ?, updated_at = ? WHERE draft_id = ? AND final_state IS NULL').run(state, now, draftId));
  }

  /** Replayed on every reconnect: kept once per execId. */
  recordExecution(e: JournalExecution): void {
    this.wrote(prepared(
      this.db,
      `INSERT OR IGNORE INTO journal_executions (exec_id, account, con_id, side, shares, price, at, order_ref, order_id, client_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(e.execId, e.account, e.conId, e.side, e.shares, e.price, e.at, e.orderRef, e.orderId, e.clientId));
  }

  executionsOfOrder(draftId: string): JournalExecution[] {
    return (prepared(this.db, 'SELECT * FROM journal_executions WHERE order_ref = ? ORDER BY at, exec_id').all(draftId) as ExecutionRow[]).map(executionOf);
  }

  executionsIn(account: string, conId: number, from: number): JournalExecution[] {
    return (
      prepared(this.db, 'SELECT * FROM journal_executions WHERE account = ? AND con_id = ? AND at >= ? ORDER BY at, exec_id').all(account, conId, from) as ExecutionRow[]
    ).map(executionOf);
  }

  /** Every journaled draft's executions by orderRef, in one read (the review and Claude's tool read the whole journal). */
  executionsByOrder(): Map<string, JournalExecution[]> {
    const rows = prepared(this.db, 'SELECT * FROM journal_executions WHERE order_ref IN (SELECT draft_id FROM journal_entries) ORDER BY at, exec_id').all() as ExecutionRow[];
    const byOrder = new Map<string, JournalExecution[]>();
    for (const row of rows) {
      const list = byOrder.get(row.order_ref);
      if (list) list.push(executionOf(row));
      else byOrder.set(row.order_ref, [executionOf(row)]);
    }
    return byOrder;
  }

  allOutcomes(): Map<string, StoredOutcome[]> {
    const rows = prepared(this.db, 'SELECT draft_id, horizon, session_date, price FROM journal_outcomes').all() as { draft_id: string; horizon: JournalHorizon; session_date: string; price: number }[];
    const byDraft = new Map<string, StoredOutcome[]>();
    for (const row of rows) {
      const outcome = { horizon: row.horizon, sessionDate: row.session_date, price: row.price };
      const list = byDraft.get(row.draft_id);
      if (list) list.push(outcome);
      else byDraft.set(row.draft_id, [outcome]);
    }
    return byDraft;
  }

  /** auditOf for every journaled draft, in one read. */
  allAudit(): Map<string, { created: number | null; decided: number | null; decidedAt: number | null }> {
    const rows = prepared(
      this.db,
      `SELECT draft_id, seq, at, action FROM audit_log WHERE draft_id IN (SELECT draft_id FROM journal_entries)
         AND action IN ('draft.created', 'draft.approved', 'draft.rejected', 'draft.expired') ORDER BY seq`,
    ).all() as { draft_id: string; seq: number; at: number; action: string }[];
    const byDraft = new Map<string, { created: number | null; decided: number | null; decidedAt: number | null }>();
    for (const row of rows) {
      const seen = byDraft.get(row.draft_id) ?? { created: null, decided: null, decidedAt: null };
      if (row.action === 'draft.created') seen.created ??= row.seq;
      else if (seen.decided === null) {
        seen.decided = row.seq;
        seen.decidedAt = row.at;
      }
      byDraft.set(row.draft_id, seen);
    }
    return byDraft;
  }

  outcomes(draftId: string): StoredOutcome[] {
    return (
      prepared(this.db, 'SELECT horizon, session_date, price FROM journal_outcomes WHERE draft_id = ?').all(draftId) as { horizon: JournalHorizon; session_date: string; price: number }[]
    ).map((row) => ({ horizon: row.horizon, sessionDate: row.session_date, price: row.price }));
  }

  /** Written once per horizon: a bar read again later (re-scaled, adjusted) never changes a recorded outcome. */
  recordOutcome(draftId: string, outcome: StoredOutcome, now: number): void {
    this.wrote(prepared(this.db, 'INSERT OR IGNORE INTO journal_outcomes (draft_id, horizon, session_date, price, recorded_at) VALUES (?, ?, ?, ?, ?)').run(
      draftId,
      outcome.horizon,
      outcome.sessionDate,
      outcome.price,
      now,
    ));
  }

  /**
   * Fills the order tracker confirmed and wrote to the audit trail since `from`
   * (read only): what the journal uses when it missed the session's own
   * execution (written while it could not be, or before a restart on a later day).
   */
  auditedFills(from: number): { at: number; execId: string; orderRef: string; shares: number; price: number }[] {
    const rows = prepared(this.db, "SELECT at, details FROM audit_log WHERE at >= ? AND action = 'broker.execution' ORDER BY seq").all(from) as { at: number; details: string }[];
    return rows.flatMap((row) => {
      try {
        const d = JSON.parse(row.details) as { execId?: unknown; orderRef?: unknown; shares?: unknown; price?: unknown };
        const shares = Number(d.shares);
        const price = Number(d.price);
        if (typeof d.execId !== 'string' || typeof d.orderRef !== 'string' || !(shares > 0) || !(price > 0)) return [];
        return [{ at: row.at, execId: d.execId, orderRef: d.orderRef, shares, price }];
      } catch {
        return [];
      }
    });
  }

  /** The audit trail's row numbers for a draft's creation and decision, and when it was decided (read only). */
  auditOf(draftId: string): { created: number | null; decided: number | null; decidedAt: number | null } {
    const rows = prepared(
      this.db,
      "SELECT seq, at, action FROM audit_log WHERE draft_id = ? AND action IN ('draft.created', 'draft.approved', 'draft.rejected', 'draft.expired') ORDER BY seq",
    ).all(draftId) as { seq: number; at: number; action: string }[];
    const decided = rows.find((r) => r.action !== 'draft.created');
    return { created: rows.find((r) => r.action === 'draft.created')?.seq ?? null, decided: decided?.seq ?? null, decidedAt: decided?.at ?? null };
  }
}
