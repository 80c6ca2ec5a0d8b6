import { ZodError } from 'zod';
import { Draft, inFlightDraftStates, queueDraftStates, terminalDraftStates, type DraftState } from '../../shared/draft';
import type { UnreadableDraft } from '../../shared/queue';
import { canTransition } from '../approvals/lifecycle';
import { appendAudit, type AuditActor, type AuditRow } from './audit-log';
import { canonicalJson } from './canonical-json';
import { prepared, type Db } from './database';
import { deepFreeze } from './deep-freeze';

/** Someone else changed the draft first (a second approval click, a reconcile): nothing was written. */
export class DraftConflictError extends Error {
  override readonly name = 'DraftConflictError';
  constructor(
    readonly draftId: string,
    message: string,
  ) {
    super(message);
  }
}

/** A stored draft no longer matches the schema; it is reported, never dropped. */
export class StoredDraftUnreadableError extends Error {
  override readonly name = 'StoredDraftUnreadableError';
  constructor(
    readonly draftId: string,
    readonly problem: string,
  ) {
    super(`The saved draft ${draftId} cannot be read (${problem}); it was left as it is.`);
  }
}

export interface DraftAudit {
  actor: AuditActor;
  at: number;
  action: string;
  details?: Record<string, unknown>;
}

export interface DraftVersion {
  version: number;
  createdAt: number;
  draft: Draft;
}

function contentOf(d: Draft): string {
  return JSON.stringify([d.account, d.contract, d.order, d.author, d.rationale, d.risks, d.expiresAt]);
}

/** What the person approves: a change to any of it makes a new version. */
function sameContent(a: Draft, b: Draft): boolean {
  const shared =
    a.account === b.account && a.contract === b.contract && a.order === b.order && a.author === b.author && a.rationale === b.rationale && a.risks === b.risks && a.expiresAt === b.expiresAt;
  return shared || contentOf(a) === contentOf(b);
}

interface StoredDraftRow {
  id: string;
  state: string;
  body: string;
}

/** A stored body, or why it cannot be trusted: not JSON, not a draft, or another draft's body. */
function parseBody(id: string, body: string): Draft | StoredDraftUnreadableError {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return new StoredDraftUnreadableError(id, 'not valid JSON');
  }
  const parsed = Draft.safeParse(raw);
  if (!parsed.success) return new StoredDraftUnreadableError(id, parsed.error.issues.map((i) => i.message).join('; '));
  if (parsed.data.id !== id) return new StoredDraftUnreadableError(id, `the saved body belongs to draft ${parsed.data.id}`);
  return parsed.data;
}

/** A current draft must also agree with the state column that lists it in the queue or in flight. */
function parseStored(row: StoredDraftRow): Draft | StoredDraftUnreadableError {
  const parsed = parseBody(row.id, row.body);
  if (parsed instanceof StoredDraftUnreadableError || parsed.state === row.state) return parsed;
  return new StoredDraftUnreadableError(row.id, `the saved body says ${parsed.state} but the row says ${row.state}`);
}

/** How many parsed rows the repository remembers (the queue, the in-flight orders and the recent history fit easily). */
const REMEMBERED_ROWS = 2_000;

function parseVersion(id: string, body: string): Draft {
  const parsed = parseBody(id, body);
  if (parsed instanceof StoredDraftUnreadableError) throw parsed;
  return parsed;
}

/**
 * Drafts in SQLite. Every write commits the draft and its audit row in one
 * transaction, and every update is conditional on the version and state the
 * caller read: two approvals of the same draft cannot both succeed.
 */
export class DraftRepository {
  /**
   * Rows that cannot be read, by id. Such a row is quarantined: no reader
   * returns it, so nothing (the reconciler, the order tracker, an approval)
   * can act on it, and it is never written. The queue shows it for review.
   */
  private readonly quarantined = new Map<string, UnreadableDraft>();
  /** Quarantined rows whose order may be at the broker (see mayBeInFlight). */
  private readonly quarantinedInFlight = new Set<string>();
  /**
   * The last parse of each row, by id, with the exact text it was parsed
   * from. Every reader still reads the row from SQLite; only when the stored
   * text is byte for byte the remembered one is the (frozen) parse reused, so
   * a reader can never see anything but what is stored now.
   */
  private readonly parsedRows = new Map<string, { state: string; body: string; draft: Draft }>();
  /** The stored text each handed-out draft was read from (or written as): save() compares it with the row. */
  private readonly storedText = new WeakMap<Draft, string>();

  constructor(private readonly db: Db) {
    // Every draft that may still need the person or the broker, read once at
    // start-up so an unreadable one is shown even before any reader meets it.
    const live = prepared(
      db,
      `SELECT id, state, body FROM drafts WHERE state NOT IN (${terminalDraftStates.map(() => '?').join(',')}) ORDER BY created_at, id`,
    ).all(...terminalDraftStates) as StoredDraftRow[];
    for (const row of live) this.readable(row);
  }

  /** The quarantined rows met so far (every live one, and any finished one a reader came across). */
  unreadable(): UnreadableDraft[] {
    return [...this.quarantined.values()];
  }

  /** Ids of quarantined rows whose order may be working at the broker: the checks cannot count them. */
  unreadableInFlight(): string[] {
    return [...this.quarantinedInFlight];
  }

  insert(draft: Draft, audit: DraftAudit): AuditRow {
    const valid = Draft.parse(draft);
    // A new draft enters the queue (drafted, or already checked into pending
    // or blocked) at version 1; it can never be stored straight into an
    // approved or broker state, so none can skip the checks.
    if (!queueDraftStates.includes(valid.state) || valid.version !== 1) {
      throw new DraftConflictError(valid.id, `A new draft starts in the queue at version 1, not ${valid.state} version ${valid.version}.`);
    }
    this.assertVerdictsFit(valid);
    const body = JSON.stringify(valid);
    return this.db.transaction((): AuditRow => {
      prepared(
        this.db,
        `INSERT INTO drafts (id, version, state, account, symbol, author, created_at, updated_at, expires_at, order_id, order_ref, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        valid.id,
        valid.version,
        valid.state,
        valid.account,
        valid.contract.symbol,
        valid.author,
        valid.createdAt,
        valid.updatedAt,
        valid.expiresAt,
        valid.orderId ?? null,
        valid.orderRef ?? null,
        body,
      );
      this.remember(valid, body);
      this.insertVersion(valid, body);
      return appendAudit(this.db, {
        at: audit.at,
        actor: audit.actor,
        draftId: valid.id,
        action: audit.action,
        details: { ...audit.details, state: valid.state, version: valid.version, draft: valid },
      });
    }).immediate();
  }

  /**
   * Replace `before` by `after`. A state change must be allowed by the
   * lifecycle; a content change must come with the next version number.
   * Throws DraftConflictError when the stored draft is no longer exactly `before`.
   */
  save(before: Draft, after: Draft, audit: DraftAudit): AuditRow {
    const valid = this.validAfter(before, after);
    if (valid.id !== before.id) throw new Error('save: before and after are different drafts');
    if (valid.state !== before.state && !canTransition(before.state, valid.state)) {
      throw new DraftConflictError(valid.id, `A ${before.state} draft cannot become ${valid.state}.`);
    }
    this.assertVerdictsFit(valid);
    if (valid.state === 'submitting' && (valid.orderId === undefined || valid.orderRef === undefined)) {
      throw new DraftConflictError(valid.id, 'An approved draft needs its order id and order reference.');
    }
    const edited = !sameContent(valid, before);
    if (edited && valid.version !== before.version + 1) {
      throw new DraftConflictError(valid.id, 'A changed draft needs the next version number.');
    }
    if (!edited && valid.version !== before.version) {
      throw new DraftConflictError(valid.id, 'The version changes only when the draft’s content does.');
    }
    const body = JSON.stringify(valid);
    const readAs = this.storedText.get(before);
    // The whole stored draft must be what the caller read, not just its
    // state and version: two reconcilers recording fills on the same
    // partially filled order must not overwrite each other. A draft this
    // repository handed out is compared by its stored text, in the UPDATE
    // itself; any other copy by its canonical form.
    const expected = readAs === undefined ? canonicalJson(Draft.parse(before)) : undefined;
    return this.db.transaction((): AuditRow => {
      if (expected !== undefined) {
        const stored = this.get(valid.id);
        if (stored === null || canonicalJson(stored) !== expected) throw this.changedMeanwhile(valid.id);
      }
      const result = prepared(
        this.db,
        `UPDATE drafts SET version = ?, state = ?, symbol = ?, updated_at = ?, expires_at = ?, order_id = ?, order_ref = ?, body = ?
         WHERE id = ? AND version = ? AND state = ? AND (? IS NULL OR body = ?)`,
      ).run(
        valid.version,
        valid.state,
        valid.contract.symbol,
        valid.updatedAt,
        valid.expiresAt,
        valid.orderId ?? null,
        valid.orderRef ?? null,
        body,
        valid.id,
        before.version,
        before.state,
        readAs ?? null,
        readAs ?? null,
      );
      if (result.changes !== 1) throw this.changedMeanwhile(valid.id);
      this.remember(valid, body);
      if (edited) this.insertVersion(valid, body);
      return appendAudit(this.db, {
        at: audit.at,
        actor: audit.actor,
        draftId: valid.id,
        action: audit.action,
        details: {
          ...audit.details,
          from: before.state,
          to: valid.state,
          version: valid.version,
          ...(edited ? { draft: valid } : {}),
          ...(valid.verdicts !== undefined && valid.verdicts !== before.verdicts ? { verdicts: valid.verdicts } : {}),
          ...(valid.orderId !== before.orderId ? { orderId: valid.orderId, orderRef: valid.orderRef } : {}),
          ...(valid.brokerMessage !== before.brokerMessage ? { brokerMessage: valid.brokerMessage } : {}),
          ...(valid.filledQty !== before.filledQty
            ? { filledQty: valid.filledQty, avgFillPrice: valid.avgFillPrice, commission: valid.commission }
            : {}),
        },
      });
    }).immediate();
  }

  /**
   * `after` as the schema reads it (unknown members dropped). When `before`
   * is a draft this repository parsed, the members `after` shares with it are
   * already valid and only the others are validated; the draft schema has no
   * rule across members, so that is the whole check. Any other `before`, and
   * any failure (for the error's full path), goes through the whole schema.
   */
  private validAfter(before: Draft, after: Draft): Draft {
    if (!this.storedText.has(before)) return Draft.parse(after);
    const shape = Draft.shape;
    const valid: Record<string, unknown> = {};
    try {
      for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
        const value = after[key];
        const checked: unknown = value === before[key] ? value : shape[key].parse(value);
        if (checked !== undefined) valid[key] = checked;
      }
    } catch (error) {
      if (!(error instanceof ZodError)) throw error;
      return Draft.parse(after);
    }
    return valid as Draft;
  }

  private changedMeanwhile(id: string): DraftConflictError {
    const current = this.get(id);
    return new DraftConflictError(
      id,
      current === null ? 'This draft does not exist.' : `This draft changed meanwhile (now ${current.state}, version ${current.version}); nothing was done.`,
    );
  }

  /** The draft, or null when there is none or its row is quarantined (see unreadable()). */
  get(id: string): Draft | null {
    const row = prepared(this.db, 'SELECT id, state, body FROM drafts WHERE id = ?').get(id) as StoredDraftRow | undefined;
    return row === undefined ? null : this.readable(row);
  }

  findByOrderRef(orderRef: string): Draft | null {
    const row = prepared(this.db, 'SELECT id, state, body FROM drafts WHERE order_ref = ?').get(orderRef) as StoredDraftRow | undefined;
    return row === undefined ? null : this.readable(row);
  }

  findByOrderId(orderId: number): Draft | null {
    const row = prepared(this.db, 'SELECT id, state, body FROM drafts WHERE order_id = ?').get(orderId) as StoredDraftRow | undefined;
    return row === undefined ? null : this.readable(row);
  }

  listByStates(states: readonly DraftState[]): Draft[] {
    if (states.length === 0) return [];
    const rows = prepared(this.db, `SELECT id, state, body FROM drafts WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY created_at, id`)
      .all(...states) as StoredDraftRow[];
    return this.readableOnly(rows);
  }

  /**
   * The `limit` most recently updated drafts in these states, newest first.
   * Only those rows are read and parsed, however many finished drafts the
   * history holds.
   */
  listRecentByStates(states: readonly DraftState[], limit: number): Draft[] {
    if (states.length === 0 || limit <= 0) return [];
    // Each state's newest rows straight off the (state, updated_at) index,
    // then the newest of those: one IN over the states would sort the index
    // entries of every finished draft in the history on each call. Bodies are
    // read for the rows that made the cut.
    const newestOf = states.map(() => 'SELECT rowid, updated_at FROM (SELECT rowid, updated_at FROM drafts WHERE state = ? ORDER BY updated_at DESC LIMIT ?)').join(' UNION ALL ');
    const rows = prepared(
      this.db,
      `SELECT id, state, body FROM drafts WHERE rowid IN (
         SELECT rowid FROM (${newestOf}) ORDER BY updated_at DESC LIMIT ?
       ) ORDER BY updated_at DESC, id`,
    ).all(...states.flatMap((state) => [state, limit]), limit) as StoredDraftRow[];
    return this.readableOnly(rows);
  }

  /**
   * One account's drafts in these states, most recently updated first, a
   * page at a time: `limit` of them after skipping the `offset` newest.
   */
  listRecentByStatesIn(states: readonly DraftState[], account: string, limit: number, offset = 0): Draft[] {
    if (states.length === 0 || limit <= 0) return [];
    const rows = prepared(
      this.db,
      `SELECT id, state, body FROM drafts WHERE rowid IN (
         SELECT rowid FROM drafts WHERE state IN (${states.map(() => '?').join(',')}) AND account = ? ORDER BY updated_at DESC, rowid DESC LIMIT ? OFFSET ?
       ) ORDER BY updated_at DESC, rowid DESC`,
    ).all(...states, account, limit, offset) as StoredDraftRow[];
    return this.readableOnly(rows);
  }

  /** The approval queue: drafted, pending and blocked drafts, oldest first. */
  listPending(): Draft[] {
    return this.listByStates(queueDraftStates);
  }

  /** Orders that may exist at the broker; reconciled by orderRef after a restart. */
  listInFlight(): Draft[] {
    return this.listByStates(inFlightDraftStates);
  }

  /** Queue drafts whose time has run out at `now`. */
  listExpired(now: number): Draft[] {
    return this.listPending().filter((d) => d.expiresAt <= now);
  }

  /** Every content version, oldest first. */
  versions(id: string): DraftVersion[] {
    const rows = prepared(this.db, 'SELECT version, created_at, body FROM draft_versions WHERE draft_id = ? ORDER BY version')
      .all(id) as { version: number; created_at: number; body: string }[];
    return rows.map((r) => ({ version: r.version, createdAt: r.created_at, draft: parseVersion(id, r.body) }));
  }

  /**
   * Whether a row that cannot be read may have an order at the broker. Only a
   * finished state (the order is over) or a queue state with no order id (it
   * never left) rules that out; a state that is not one of ours, damaged or
   * not, proves nothing, and neither does a queue state beside an order id.
   */
  private mayBeInFlight(row: StoredDraftRow): boolean {
    const state = row.state as DraftState;
    if (terminalDraftStates.includes(state)) return false;
    if (!queueDraftStates.includes(state)) return true;
    const stored = prepared(this.db, 'SELECT order_id FROM drafts WHERE id = ?').get(row.id) as { order_id: number | null } | undefined;
    return stored?.order_id !== null && stored?.order_id !== undefined;
  }

  private readable(row: StoredDraftRow): Draft | null {
    const known = this.parsedRows.get(row.id);
    if (known !== undefined && known.body === row.body && known.state === row.state) {
      // Seen again: it moves to the back of the eviction order.
      this.parsedRows.delete(row.id);
      this.parsedRows.set(row.id, known);
      return known.draft;
    }
    const parsed = parseStored(row);
    if (parsed instanceof StoredDraftUnreadableError) {
      // Forgotten, so a row repaired back to its old text is parsed (and leaves quarantine) again.
      this.parsedRows.delete(row.id);
      this.quarantined.set(row.id, { id: row.id, storedState: row.state, problem: parsed.problem });
      if (this.mayBeInFlight(row)) this.quarantinedInFlight.add(row.id);
      return null;
    }
    // A row repaired by hand (from a backup) is readable again.
    this.quarantined.delete(row.id);
    this.quarantinedInFlight.delete(row.id);
    return this.remember(parsed, row.body);
  }

  /**
   * Keeps a parse with the text it belongs to. Written rows are remembered
   * before their transaction commits: should it roll back, the stored text
   * differs and the entry is never used.
   */
  private remember(draft: Draft, body: string): Draft {
    const frozen = deepFreeze(draft);
    this.parsedRows.delete(frozen.id);
    this.parsedRows.set(frozen.id, { state: frozen.state, body, draft: frozen });
    if (this.parsedRows.size > REMEMBERED_ROWS) this.parsedRows.delete(this.parsedRows.keys().next().value as string);
    this.storedText.set(frozen, body);
    return frozen;
  }

  private readableOnly(rows: StoredDraftRow[]): Draft[] {
    const drafts: Draft[] = [];
    for (const row of rows) {
      const draft = this.readable(row);
      if (draft !== null) drafts.push(draft);
    }
    return drafts;
  }

  /**
   * Defence in depth behind the lifecycle: nothing is stored as approvable or
   * approved with a blocking verdict, and nothing is stored blocked without one.
   */
  private assertVerdictsFit(draft: Draft): void {
    const verdicts = draft.verdicts ?? [];
    const blocked = verdicts.some((v) => v.outcome === 'block');
    if ((draft.state === 'pending' || draft.state === 'submitting') && (verdicts.length === 0 || blocked)) {
      throw new DraftConflictError(draft.id, `A ${draft.state} draft needs risk verdicts without a block.`);
    }
    if (draft.state === 'blocked' && !blocked) {
      throw new DraftConflictError(draft.id, 'A blocked draft needs the verdict that blocks it.');
    }
  }

  private insertVersion(draft: Draft, body: string): void {
    prepared(this.db, 'INSERT INTO draft_versions (draft_id, version, created_at, body) VALUES (?, ?, ?, ?)')
      .run(draft.id, draft.version, draft.updatedAt, body);
  }
}
