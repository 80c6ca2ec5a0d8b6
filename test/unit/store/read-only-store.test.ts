import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFileName, openStore } from '../../../src/main/store/open-store';

// Root ignores file permissions, so the backend is started in a child process
// as `nobody` (uid 65534) when the tests run as root; a non-root run uses its
// own user. Either way the permissions below are real for the process that opens the store.
const nobody = 65534;
const runAs = process.getuid?.() === 0 ? nobody : undefined;
const child = path.join(import.meta.dirname, 'children', 'open-store-child.ts');
const tsx = path.resolve('node_modules/tsx/dist/loader.mjs');

function startBackendAs(dataDirectory: string): { storeProblem: string | null; desk: boolean } {
  const out = execFileSync(process.execPath, ['--import', tsx, child, dataDirectory], {
    ...(runAs !== undefined ? { uid: runAs, gid: runAs } : {}),
    env: { ...process.env, HOME: os.tmpdir() },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return JSON.parse(out) as { storeProblem: string | null; desk: boolean };
}

/** A data directory with a healthy store, owned by the user the child runs as (as a real install is). */
function healthyDataDirectory(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-ro-'));
  fs.chmodSync(parent, 0o755);
  const dir = path.join(parent, 'data');
  openStore(dir).close();
  if (runAs !== undefined) {
    // The data folder, its files, and the audit key beside it.
    for (const name of ['', ...fs.readdirSync(parent)]) fs.chownSync(path.join(parent, name), runAs, runAs);
    for (const name of fs.readdirSync(dir)) fs.chownSync(path.join(dir, name), runAs, runAs);
  }
  return dir;
}

function snapshot(dir: string): Map<string, Buffer> {
  return new Map(fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(path.join(dir, name))]));
}

describe('a store that cannot be written', () => {
  it('opens normally when the user can write it (the child process itself works)', () => {
    expect(startBackendAs(healthyDataDirectory())).toEqual({ storeProblem: null, desk: true });
  });

  it('is reported at start-up, in plain words with the path and the fix, when the data file is read-only', () => {
    const dir = healthyDataDirectory();
    const file = path.join(dir, databaseFileName);
    fs.chmodSync(file, 0o444);
    const before = snapshot(dir);
    const seen = startBackendAs(dir);
    expect(seen.desk).toBe(false);
    expect(seen.storeProblem).toContain(file);
    expect(seen.storeProblem).toMatch(/read but not written/);
    expect(seen.storeProblem).toMatch(/permission/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('is reported at start-up when the data folder is read-only (SQLite cannot create its -wal there)', () => {
    const dir = healthyDataDirectory();
    fs.chmodSync(dir, 0o555);
    const before = snapshot(dir);
    const seen = startBackendAs(dir);
    expect(seen.desk).toBe(false);
    expect(seen.storeProblem).toContain(dir);
    expect(seen.storeProblem).toMatch(/read but not written/);
    expect(snapshot(dir)).toEqual(before);
  });
});
