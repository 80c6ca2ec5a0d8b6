// `npm start` runs the backend inside Electron, whose Node ABI differs from
// the system Node that runs the tests. Rather than rebuilding better-sqlite3
// in node_modules (which would break `npm test`), this builds an Electron
// copy of its native binding under .electron-native/ once per Electron
// version; the development app loads that copy (packaged builds get theirs
// from electron-builder). Needs network access the first time.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = process.cwd();
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const target = path.join(root, '.electron-native', electronVersion, 'better_sqlite3.node');

if (existsSync(target)) process.exit(0);

process.stdout.write(`Building better-sqlite3 for Electron ${electronVersion} (once)...\n`);
const work = mkdtempSync(path.join(os.tmpdir(), 'countersign-native-'));
try {
  for (const name of ['better-sqlite3', 'bindings', 'file-uri-to-path']) {
    const from = path.join(root, 'node_modules', name);
    if (existsSync(from)) cpSync(from, path.join(work, 'node_modules', name), { recursive: true });
  }
  rmSync(path.join(work, 'node_modules/better-sqlite3/build'), { recursive: true, force: true });
  execFileSync(
    path.join(root, 'node_modules/.bin/node-gyp'),
    ['rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: path.join(work, 'node_modules/better-sqlite3'), stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(path.join(work, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), target);
  process.stdout.write(`Done: ${path.relative(root, target)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
