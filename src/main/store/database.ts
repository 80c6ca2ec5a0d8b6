import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describeBindingFailure } from './native-binding';

export type Db = Database.Database;

export type UnreadableReason = 'not_a_database' | 'corrupt' | 'cannot_open';

/**
 * The database file exists but cannot be used. The file is left exactly as it
 * was: the person's trading record is in there, and only they decide what
 * happens to it.
 */
export class DatabaseUnreadableError extends Error {
  override readonly name = 'DatabaseUnreadableError';
  constructor(
    readonly path: string,
    readonly reason: UnreadableReason,
    readonly detail: string,
    readonly nextStep: string,
  ) {
    super(`${describe(reason)} (${path}): ${detail}. ${nextStep}`);
  }
}

function describe(reason: UnreadableReason): string {
  switch (reason) {
    case 'not_a_database':
      return 'Countersign’s data file is not a database it can read';
    case 'corrupt':
      return 'Countersign’s data file is damaged';
    case 'cannot_open':
      return 'Countersign cannot open its data file';
  }
}

const keepTheFile =
  'Nothing was changed or deleted. Quit Countersign, keep a copy of this file (and any -wal file next to it), and restore it from a backup or contact support before starting again.';

/** Which compiled better-sqlite3 library to load; the default finds node_modules' own build (the system Node's). */
export interface DatabaseOptions {
  nativeBinding?: string;
}

function asUnreadable(path: string, error: unknown, options: DatabaseOptions): Error {
  const binding = describeBindingFailure(error, options.nativeBinding);
  if (binding) return binding;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB') return new DatabaseUnreadableError(path, 'not_a_database', message, keepTheFile);
  if (code === 'SQLITE_CORRUPT') return new DatabaseUnreadableError(path, 'corrupt', message, keepTheFile);
  return new DatabaseUnreadableError(
    path,
    'cannot_open',
    message,
    'Check that the folder exists, is writable by you and is not full, then start Countersign again.',
  );
}

/** Throws DatabaseUnreadableError when quick_check reports anything but "ok". */
function quickCheck(db: Db, path: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new DatabaseUnreadableError(path, 'corrupt', problems.slice(0, 3).join('; '), keepTheFile);
  }
}

/**
 * Open (or create) the store at `path`. An existing file is first checked
 * through a read-only connection, so a damaged file is reported before
 * anything could write to it (a read-write connection would change the
 * header when switching to WAL, or checkpoint into it on close).
 */
export function openDatabase(path: string, options: DatabaseOptions = {}): Db {
  const binding = options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding };
  const exists = fs.existsSync(path) && fs.statSync(path).size > 0;
  if (exists) {
    let probe: Db | undefined;
    try {
      probe = new Database(path, { readonly: true, fileMustExist: true, ...binding });
      quickCheck(probe, path);
    } catch (error) {
      if (error instanceof DatabaseUnreadableError) throw error;
      throw asUnreadable(path, error, options);
    } finally {
      probe?.close();
    }
  }

  let db: Db | undefined;
  try {
    db = new Database(path, binding);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // FULL: a draft approved (state submitting, order id written) must survive
    // a power cut before placeOrder's bytes leave, or a restart could not know
    // the order might exist.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (!exists) quickCheck(db, path);
    const mode = db.pragma('journal_mode', { simple: true });
    if (mode !== 'wal') {
      throw new DatabaseUnreadableError(
        path,
        'cannot_open',
        `the journal mode stayed "${String(mode)}"`,
        'The data folder must be on a local disk that supports shared memory; move it and start again.',
      );
    }
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof DatabaseUnreadableError) throw error;
    throw asUnreadable(path, error, options);
  }
}

/**
 * Open an existing store for reading only (verification, export): nothing
 * about the file can change, not even its journal mode.
 */
export function openDatabaseReadOnly(path: string): Db {
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    quickCheck(db, path);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof DatabaseUnreadableError) throw error;
    throw asUnreadable(path, error, {});
  }
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement, compiled once per connection and SQL text. The hot
 * path (approve: several reads and writes) otherwise spends as long compiling
 * SQL as running it.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
