import type { Db } from './database';
import { migrations as appMigrations, type Migration } from './migrations/index';
import { systemWallClock, type WallClock } from '../clock';

/** The database was written by a newer Countersign; this one must not touch it. */
export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';
  constructor(
    readonly databaseVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `This data was written by a newer version of Countersign (schema ${databaseVersion}; this app knows up to ${appVersion}). ` +
        'Nothing was changed. Install the newer version again to open it.',
    );
  }
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export interface MigrateResult {
  from: number;
  to: number;
  applied: number[];
}

function checkSequence(list: readonly Migration[]): void {
  list.forEach((m, index) => {
    if (m.id !== index + 1) throw new MigrationError(`Migration "${m.name}" has id ${m.id}; expected ${index + 1}.`);
  });
}

export function schemaVersion(db: Db): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT MAX(id) AS id FROM schema_migrations').get() as { id: number | null };
  return row.id ?? 0;
}

/**
 * Bring the schema up to `target` (default: the newest) in one transaction:
 * either every step applies or none does. There are no down-migrations; a
 * database newer than the app is refused untouched.
 */
export function migrate(db: Db, target?: number, list: readonly Migration[] = appMigrations, now: WallClock = systemWallClock): MigrateResult {
  checkSequence(list);
  const latest = list.length;
  const goal = target ?? latest;
  if (!Number.isInteger(goal) || goal < 0 || goal > latest) {
    throw new MigrationError(`Cannot migrate to ${goal}: known migrations are 1..${latest}.`);
  }
  const run = db.transaction((): MigrateResult => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
    const applied = db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all() as { id: number; name: string }[];
    const current = applied.length === 0 ? 0 : applied[applied.length - 1]!.id;
    if (current > latest) throw new DatabaseTooNewError(current, latest);
    for (const row of applied) {
      const known = list[row.id - 1];
      if (known === undefined || known.name !== row.name) {
        throw new MigrationError(`Applied migration ${row.id} "${row.name}" does not match this app's migration list.`);
      }
    }
    if (goal < current) {
      throw new MigrationError(`The database is at schema ${current}; migrations never go back (asked for ${goal}).`);
    }
    const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
    const done: number[] = [];
    for (const m of list.slice(current, goal)) {
      m.up(db);
      record.run(m.id, m.name, now());
      done.push(m.id);
    }
    return { from: current, to: goal, applied: done };
  });
  return run.immediate();
}
