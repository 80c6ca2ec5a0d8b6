import type { Db } from './database';

/** SQLite's own threshold (pages in the WAL), kept as the safety net. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;
/** Only if the checkpoints below could not keep up (a long burst of writes): SQLite then checkpoints on a commit. */
const SAFETY_NET_PAGES = 4_000;

export interface WalCheckpointOptions {
  /** How soon after a write the WAL is copied into the database (default 200 ms). */
  delayMs?: number;
  /** A checkpoint that failed; SQLite checkpoints on commit again from then on. */
  onProblem?: (error: unknown) => void;
}

/**
 * Moves SQLite's WAL checkpoints off the commits. By default the commit that
 * fills the WAL past 1,000 pages also copies them into the database and syncs
 * it: every ten or so draft-and-approve cycles one commit (an approval's
 * durable write among them) took several times the disk's own commit time.
 * Here a checkpoint runs on its own turn of the event loop shortly after
 * writes, never inside a transaction; the commit itself stays one append and
 * one sync of the WAL. Durability is the same: a commit is durable once the
 * WAL is synced, checkpointed or not.
 */
export class WalCheckpoint {
  private timer: NodeJS.Timeout | undefined;
  private fallenBack = false;

  constructor(
    private readonly db: Db,
    private readonly options: WalCheckpointOptions = {},
  ) {
    db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  }

  /**
   * At start-up: a process that was killed (or lost power) never ran its
   * last checkpoint, and every later open would read through what it left.
   * Copy it all now and empty the WAL, before anything waits on the store.
   */
  settle(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** After a write: checkpoint soon (at most one waiting at a time). */
  noteWrite(): void {
    if (this.timer || this.fallenBack) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, this.options.delayMs ?? 200);
    this.timer.unref?.();
  }

  /** PASSIVE: copies what no reader still needs, never waits for a lock. */
  run(): void {
    if (!this.db.open || this.fallenBack) return;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // The WAL still holds every commit; hand checkpointing back to SQLite
      // and say so, rather than let the WAL grow.
      this.fallenBack = true;
      this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
      this.options.onProblem?.(error);
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
