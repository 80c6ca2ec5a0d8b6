import { readSeal, type AuditSeal } from './audit-chain-key';
import { readAuditHead, writeAuditHead } from './audit-head';
import { chainStart, headProblem, sealedRowsProblem, sealProblem, sequenceProblem, verifyAuditChain, walkChain, type ChainPosition, type ChainReport } from './audit-log';
import type { Db } from './database';

/** What the person is shown about the audit log. */
export interface AuditStatus {
  ok: boolean;
  /** Rows verified so far. */
  rows: number;
  problem?: string;
}

export interface AuditGuardOptions {
  db: Db;
  key: Buffer;
  headFile: string;
  /** How long after the last appended row of a burst the new rows are verified (default 250 ms). */
  debounceMs?: number;
}

/**
 * Keeps the audit chain checked while the app runs. At start-up it verifies
 * from the head recorded outside the database (so a cut tail or a rewritten
 * head shows at once, without re-reading the whole log); after every burst of
 * writes it verifies the new rows and moves the head. A broken chain stays
 * reported for the rest of the run, and the head is then left where it was,
 * as evidence. The full walk is verifyAll() (the Verify button, `npm run audit`).
 */
export class AuditGuard {
  private position: ChainPosition | undefined;
  /** The head found outside the database at start-up, kept as evidence even when the chain no longer reaches it. */
  private recordedHead: ChainPosition | undefined;
  private current: AuditStatus = { ok: true, rows: 0 };
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(status: AuditStatus) => void>();
  private readonly seal: AuditSeal | undefined;

  constructor(private readonly options: AuditGuardOptions) {
    this.seal = readSeal(options.db);
  }

  status(): AuditStatus {
    return this.current;
  }

  onChange(listener: (status: AuditStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** At start-up: find where the verified chain stood, then verify what came after. */
  start(): AuditStatus {
    const { db, key, headFile } = this.options;
    const sealed = sealProblem(this.seal, key);
    if (sealed) return this.fail(sealed.problem as string);
    const reading = readAuditHead(headFile, key);
    if (reading.kind === 'unreadable') return this.fail(reading.problem);
    const newest = db.prepare('SELECT COUNT(*) AS rows, MAX(seq) AS seq FROM audit_log').get() as { rows: number; seq: number | null };
    if (reading.kind === 'missing') {
      // The head is written right after the seal; without a keyed row, a
      // missing head is a crash in between, and the seal itself vouches for
      // the legacy rows. With keyed rows, the head was lost or removed.
      if ((newest.seq ?? 0) <= (this.seal?.legacyRows ?? 0)) {
        const { report, last } = walkChain(db, chainStart, this.seal, key);
        return this.settle(report, last);
      }
      return this.fail(
        `The audit head record ${headFile} is missing, so rows cut from the end of the log could go unnoticed. ${this.fullWalkSummary()}`,
      );
    }
    this.recordedHead = reading.head;
    const cut = headProblem(db, reading.head, { rows: newest.rows, seq: newest.seq ?? 0, hash: '' });
    if (cut) return this.fail(cut.problem as string);
    this.position = reading.head;
    const { report, last } = walkChain(db, reading.head, this.seal, key);
    return this.settle(report, last);
  }

  /** Writes the head for a freshly sealed chain (the first start with a key). */
  startSealed(at: ChainPosition): AuditStatus {
    const sealed = sealProblem(this.seal, this.options.key);
    if (sealed) return this.fail(sealed.problem as string);
    this.writeHead(at);
    this.position = at;
    return this.check();
  }

  /** Called after every appended row: verify once the burst is over. */
  noteAppend(): void {
    if (!this.current.ok) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.check();
    }, this.options.debounceMs ?? 250);
    this.timer.unref?.();
  }

  /** Verify the rows after the last verified one, now. */
  check(): AuditStatus {
    if (!this.current.ok || this.position === undefined) return this.current;
    const { db } = this.options;
    const still = headProblem(db, this.position, this.position, false);
    if (still) return this.fail(still.problem as string);
    const { report, last } = walkChain(db, this.position, this.seal, this.options.key);
    return this.settle(report, last);
  }

  /** The whole chain from the first row, against the head; a problem found earlier in this run stays reported. */
  verifyAll(): ChainReport {
    this.check();
    const head = this.position ?? this.recordedHead;
    const full = verifyAuditChain(this.options.db, { key: this.options.key, ...(head ? { head } : {}) });
    if (!full.ok) {
      if (this.current.ok) this.fail(full.problem as string);
      return full;
    }
    return this.current.ok ? full : { ok: false, rows: full.rows, problem: this.current.problem as string };
  }

  /** Verifies what was written last and records the head before the database closes. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.check();
  }

  private settle(report: ChainReport, last: ChainPosition): AuditStatus {
    if (!report.ok) return this.fail(report.problem as string);
    const cut = sequenceProblem(this.options.db, last) ?? sealedRowsProblem(this.seal, last);
    if (cut) return this.fail(cut.problem as string);
    const moved = this.position === undefined || last.seq !== this.position.seq;
    this.position = last;
    if (moved) this.writeHead(last);
    return this.current.ok ? this.set({ ok: true, rows: last.rows }) : this.current;
  }

  private writeHead(head: ChainPosition): void {
    try {
      writeAuditHead(this.options.headFile, this.options.key, head);
    } catch (error) {
      this.fail(
        `The audit head record ${this.options.headFile} could not be written (${error instanceof Error ? error.message : String(error)}): rows cut from the end of the log would go unnoticed.`,
      );
    }
  }

  private fullWalkSummary(): string {
    const full = verifyAuditChain(this.options.db, { key: this.options.key });
    return full.ok ? `The ${full.rows} rows that are there verify.` : `The log is also broken: ${full.problem ?? ''}`;
  }

  private fail(problem: string): AuditStatus {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.set({ ok: false, rows: this.position?.rows ?? this.current.rows, problem });
  }

  private set(status: AuditStatus): AuditStatus {
    const changed = status.ok !== this.current.ok || status.problem !== this.current.problem || status.rows !== this.current.rows;
    this.current = status;
    if (changed) for (const listener of this.listeners) listener(status);
    return status;
  }
}
