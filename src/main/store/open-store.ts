import fs from 'node:fs';
import path from 'node:path';
import { DraftRepository } from './draft-repository';
import { openDatabase, type DatabaseOptions, type Db } from './database';
import { migrate, type MigrateResult } from './migrate';
import { createSettingsRepository, type InvalidSetting, type SettingsRepository } from './settings-repository';

export const databaseFileName = 'countersign.sqlite';

export interface Store {
  readonly db: Db;
  readonly path: string;
  readonly migration: MigrateResult;
  readonly drafts: DraftRepository;
  readonly settings: SettingsRepository;
  close(): void;
}

/**
 * Open the store in the app's data directory, creating it on first start.
 * Throws DatabaseUnreadableError (file left untouched), DatabaseTooNewError,
 * or SqliteBindingError when the compiled SQLite library cannot be loaded.
 */
export function openStore(dataDirectory: string, onInvalidSetting?: (invalid: InvalidSetting) => void, options: DatabaseOptions = {}): Store {
  fs.mkdirSync(dataDirectory, { recursive: true });
  const file = path.join(dataDirectory, databaseFileName);
  const db = openDatabase(file, options);
  let migration: MigrateResult;
  try {
    migration = migrate(db);
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
    close: () => db.close(),
  };
}
