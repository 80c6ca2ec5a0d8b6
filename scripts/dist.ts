// `npm run dist`: stage the built app outside the project, then package it
// with electron-builder. Outside matters: electron-builder's native rebuild
// (@electron/rebuild) looks for node_modules from the app folder up through
// its ancestors to the project root, so a staging folder inside the project
// would still get the project's own node_modules/better-sqlite3 rebuilt for
// Electron, and `npm test` (system Node) would fail afterwards.
//   npm run dist [-- --mac | --win | --linux] [--dir]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type CliOptions } from 'electron-builder';
import { stageApp } from './stage-app';

const root = process.cwd();
const args = new Set(process.argv.slice(2));
const stage = mkdtempSync(path.join(os.tmpdir(), 'countersign-dist-'));
const appDir = path.join(stage, 'app');
try {
  const staged = stageApp({ root, target: appDir });
  process.stdout.write(`Staged ${staged.packages.length} runtime packages in ${appDir}\n`);
  const options: CliOptions = {
    projectDir: root,
    // Merged into electron-builder.json by electron-builder.
    config: { directories: { app: appDir } },
    ...(args.has('--mac') ? { mac: [] } : {}),
    ...(args.has('--win') ? { win: [] } : {}),
    ...(args.has('--linux') ? { linux: [] } : {}),
    ...(args.has('--dir') ? { dir: true } : {}),
  };
  const artifacts = await build(options);
  for (const artifact of artifacts) process.stdout.write(`${path.relative(root, artifact)}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
