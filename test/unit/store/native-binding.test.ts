import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBindingFailure, SqliteBindingError } from '../../../src/main/store/native-binding';
import { openStore } from '../../../src/main/store/open-store';
import { tempDir } from './support';

// Under `npm start` the store must load the Electron build of better-sqlite3
// (the composition root hands its path through); a binding that cannot load
// is reported as exactly that, never as a problem with the data folder.

const nodeBuild = path.join(path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build/Release/better_sqlite3.node');

describe('the SQLite native binding', () => {
  it('is loaded from the path it is given', () => {
    const copy = path.join(tempDir(), 'elsewhere', 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(copy));
    fs.copyFileSync(nodeBuild, copy);
    const store = openStore(tempDir(), undefined, { nativeBinding: copy });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
  });

  it('that is missing is reported as the missing library, with the fix, and creates no database', () => {
    const dir = tempDir();
    const missing = path.join(dir, 'no-such', 'better_sqlite3.node');
    const open = (): unknown => openStore(dir, undefined, { nativeBinding: missing });
    expect(open).toThrow(SqliteBindingError);
    expect(open).toThrow(/SQLite library[\s\S]*npm start/);
    expect(open).not.toThrow(/writable/);
    expect(fs.existsSync(path.join(dir, 'countersign.sqlite'))).toBe(false);
  });

  it('that cannot be loaded (not a library for this machine) is reported as such, not as a folder problem', () => {
    const dir = tempDir();
    const broken = path.join(dir, 'better_sqlite3.node');
    fs.writeFileSync(broken, 'not a shared library');
    const open = (): unknown => openStore(dir, undefined, { nativeBinding: broken });
    expect(open).toThrow(SqliteBindingError);
    expect(open).toThrow(new RegExp(`SQLite library.*${broken.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    expect(open).not.toThrow(/writable/);
  });

  it('built for another runtime is named an ABI mismatch, with the rebuild to run', () => {
    // Node's own wording when Electron's build is loaded by the system Node (or the reverse).
    const error = Object.assign(
      new Error(
        "The module '/app/.electron-native/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 150. This version of Node.js requires\nNODE_MODULE_VERSION 115. Please try re-compiling or re-installing\nthe module (for instance, using `npm rebuild` or `npm install`).",
      ),
      { code: 'ERR_DLOPEN_FAILED' },
    );
    const failure = describeBindingFailure(error, '/app/.electron-native/better_sqlite3.node');
    expect(failure).toBeInstanceOf(SqliteBindingError);
    expect(failure?.abiMismatch).toBe(true);
    expect(failure?.message).toMatch(/built for a different version of Node or Electron \(ABI mismatch: it has 150, this runtime needs 115\)/);
    expect(failure?.message).toMatch(/npm rebuild better-sqlite3/);
  });

  it('leaves every other error to the database checks', () => {
    expect(describeBindingFailure(Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' }), undefined)).toBeUndefined();
  });
});
