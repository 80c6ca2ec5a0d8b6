import fs from 'node:fs';
import nodePath from 'node:path';
import Database from 'better-sqlite3';
import { describeBindingFailure } from './native-binding';

export type Db = Database.Database;

export type UnreadableReason = 'not_a_database' | 'corrupt' | 'cannot_open' | 'empty' | 'missing_beside_journal' | 'read_only';

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
    case 'empty':
      return 'Countersign’s data file is empty (0 bytes)';
    case 'missing_beside_journal':
      return 'Countersign’s data file is missing, but its journal is still there';
    case 'read_only':
      return 'Countersign’s data file can be read but not written';
  }
}

const keepTheFile =
  'Nothing was changed or deleted. Quit Countersign, keep a copy of this file (and any -wal file next to it), and restore it from a backup or contact support before starting again.';

/** Which compiled better-sqlite3 library to load; the default finds node_modules' own build (the system Node's). */
export interface DatabaseOptions {
  nativeBinding?: string;
}

function asUnreadable(path: string, error: unknown, options: DatabaseOptions = {}): Error {
  const binding = describeBindingFailure(error, options.nativeBinding);
  if (binding) return binding;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB') return new DatabaseUnreadableError(path, 'not_a_database', message, keepTheFile);
  if (code === 'SQLITE_CORRUPT') return new DatabaseUnreadableError(path, 'corrupt', message, keepTheFile);
  if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) return readOnlyError(path, message);
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

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** SQLite's companions of a database file: they hold committed data until a checkpoint. */
function companionsOf(file: string): string[] {
  return [`${file}-wal`, `${file}-shm`, `${file}-journal`].filter((companion) => statOf(companion) !== undefined);
}

/**
 * A new database is created only where nothing is: an empty or missing main
 * file beside a -wal would make SQLite start a fresh database and then delete
 * the -wal (the only copy of the last commits); an empty file may be a copy
 * or a restore that went wrong. Both are the person's to judge, untouched.
 */
function refuseToCreateOver(file: string, stat: fs.Stats | undefined): void {
  if (stat !== undefined && !stat.isFile()) {
    throw new DatabaseUnreadableError(file, 'not_a_database', 'there is a folder or other non-file at this path', keepTheFile);
  }
  const companions = companionsOf(file);
  const beside = companions.length > 0 ? `; next to it: ${companions.join(', ')}` : '';
  if (stat !== undefined && stat.size === 0) {
    throw new DatabaseUnreadableError(
      file,
      'empty',
      `the file exists but is empty${beside}`,
      companions.length > 0
        ? keepTheFile
        : 'Nothing was changed or deleted. If this file was restored or copied, restore it again from a backup; if you know it never held anything, delete it and start Countersign again.',
    );
  }
  if (stat === undefined && companions.length > 0) {
    throw new DatabaseUnreadableError(
      file,
      'missing_beside_journal',
      `the data file is not there${beside}`,
      'Nothing was changed or deleted. The data file was probably moved or deleted; put it back next to these files. If you want a fresh start, move these files somewhere safe first.',
    );
  }
}

function readOnlyError(file: string, detail: string): DatabaseUnreadableError {
  return new DatabaseUnreadableError(
    file,
    'read_only',
    detail,
    'Nothing was changed. Give your user permission to write the data folder and every file in it (check their owner and ' +
      'permissions, e.g. with ls -l), or move the folder off a read-only disk, then start Countersign again.',
  );
}

function writable(target: string): boolean | 'missing' {
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return false;
    throw error;
  }
}

/**
 * A read-only store opens and reads fine and fails only at the first write
 * (an approval, a halt), so it is refused before anything relies on it. The
 * folder must be writable too: SQLite creates the -wal and -shm files there.
 */
function refuseReadOnly(file: string, exists: boolean): void {
  const folder = nodePath.dirname(file);
  if (writable(folder) === false) {
    throw readOnlyError(file, `you have no permission to write the folder ${folder}, where its journal files must be created`);
  }
  for (const target of exists ? [file, ...companionsOf(file)] : []) {
    if (writable(target) === false) throw readOnlyError(file, `you have no permission to write ${target}`);
  }
}

/** Permissions are not the only way to be read-only (a read-only mount, a locked-down share): try a write and roll it back. */
function probeWrite(db: Db, file: string): void {
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec('CREATE TABLE main.countersign_write_probe (x INTEGER)');
    } finally {
      db.exec('ROLLBACK');
    }
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
      throw readOnlyError(file, error instanceof Error ? error.message : code);
    }
    throw error;
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
  let stat: fs.Stats | undefined;
  try {
    stat = statOf(path);
  } catch (error) {
    throw asUnreadable(path, error, options);
  }
  refuseToCreateOver(path, stat);
  const exists = stat !== undefined;
  try {
    refuseReadOnly(path, exists);
  } catch (error) {
    if (error instanceof DatabaseUnreadableError) throw error;
    throw asUnreadable(path, error, options);
  }
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
    probeWrite(db, path);
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
