import fs from 'node:fs';
import path from 'node:path';
import { keyChain, readSeal } from './audit-chain-key';
import { AuditGuard } from './audit-guard';
import { auditHeadPath } from './audit-head';
import { fileAuditKeySource, type AuditKeySource } from './audit-key';
import { genesisHash } from './audit-log';
import { ensureSeal } from './audit-seal';
import { DraftRepository } from './draft-repository';
import { openDatabase, type DatabaseOptions, type Db } from './database';
import { systemWallClock } from '../clock';
import { migrate, type MigrateResult } from './migrate';
import { createSettingsRepository, type InvalidSetting, type SettingsRepository } from './settings-repository';
import { WalCheckpoint } from './wal-checkpoint';

export const databaseFileName = 'countersign.sqlite';

export interface Store {
  readonly db: Db;
  readonly path: string;
  readonly migration: MigrateResult;
  readonly drafts: DraftRepository;
  readonly settings: SettingsRepository;
  /** The audit chain's running verification (start-up, and after every write burst). */
  readonly audit: AuditGuard;
  close(): void;
}

export interface StoreOptions {
  /** Where the audit chain's key is kept (default: a file beside the data directory). */
  auditKey?: AuditKeySource;
  now?: () => number;
  auditDebounceMs?: number;
  /** A WAL checkpoint that failed (SQLite then checkpoints on commit again). */
  onCheckpointProblem?: (error: unknown) => void;
}

/**
 * Open the store in the app's data directory, creating it on first start.
 * Throws DatabaseUnreadableError (file left untouched), DatabaseTooNewError,
 * or SqliteBindingError when the compiled SQLite library cannot be loaded.
 */
export function openStore(dataDirectory: string, onInvalidSetting?: (invalid: InvalidSetting) => void, options: StoreOptions & DatabaseOptions = {}): Store {
  fs.mkdirSync(dataDirectory, { recursive: true });
  const file = path.join(dataDirectory, databaseFileName);
  const db = openDatabase(file, options);
  let migration: MigrateResult;
  let audit: AuditGuard;
  const checkpoint = new WalCheckpoint(db, options.onCheckpointProblem ? { onProblem: options.onCheckpointProblem } : {});
  try {
    migration = migrate(db, undefined, undefined, options.now ?? systemWallClock);
    checkpoint.settle();
    audit = keyAuditChain(db, dataDirectory, options, () => checkpoint.noteWrite());
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    db,
    path: file,
    migration,
    drafts: new DraftRepository(db),
    settings: createSettingsRepository(db, onInvalidSetting),
    audit,
    close: () => {
      audit.close();
      checkpoint.close();
      db.close();
    },
  };
}

/** Seals the legacy chain on the first start with a key, keys every later row, and starts the running verification. */
function keyAuditChain(db: Db, dataDirectory: string, options: StoreOptions, written: () => void): AuditGuard {
  const key = (options.auditKey ?? fileAuditKeySource(dataDirectory)).obtain();
  const wasSealed = readSeal(db) !== undefined;
  const seal = ensureSeal(db, key, (options.now ?? systemWallClock)());
  const audit = new AuditGuard({ db, key, headFile: auditHeadPath(dataDirectory), ...(options.auditDebounceMs !== undefined ? { debounceMs: options.auditDebounceMs } : {}) });
  // Every draft transition and recorded broker answer appends a row: the write bursts the guard and the checkpoint follow.
  keyChain(db, {
    key,
    legacyRows: seal.legacyRows,
    onAppend: () => {
      audit.noteAppend();
      written();
    },
  });
  if (wasSealed) {
    audit.start();
  } else {
    const newest = db.prepare('SELECT COUNT(*) AS rows, MAX(seq) AS seq FROM audit_log').get() as { rows: number; seq: number | null };
    const hash = (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(newest.seq ?? 0) as { hash: string } | undefined)?.hash;
    audit.startSealed({ rows: newest.rows, seq: newest.seq ?? 0, hash: hash ?? genesisHash });
  }
  return audit;
}
