import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The backend must run in plain Node (and in CI, where no Electron binary
// exists): only the shell, the composition root and the preload may import
// electron. This scan fails the build if anything else does.

const ALLOWED = [/^src\/main\/shell\//, /^src\/main\/index\.ts$/, /^src\/preload\//];
const ELECTRON_IMPORT = /(?:from\s+['"]electron(?:\/[^'"]*)?['"]|require\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\)|import\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\))/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry) ? [full] : [];
  });
}

describe('electron imports', () => {
  const root = process.cwd();
  const files = sourceFiles(path.join(root, 'src')).map((file) => path.relative(root, file).split(path.sep).join('/'));

  it('scans the source tree', () => {
    expect(files).toContain('src/main/backend.ts');
    expect(files).toContain('src/main/shell/main-window.ts');
  });

  it('appear only in the shell, the composition root and the preload', () => {
    const offenders = files.filter(
      (file) => ELECTRON_IMPORT.test(readFileSync(file, 'utf8')) && !ALLOWED.some((pattern) => pattern.test(file)),
    );
    expect(offenders).toEqual([]);
  });

  it('the pattern catches every form of import', () => {
    for (const line of [
      "import { app } from 'electron';",
      'import type { IpcMain } from "electron";',
      "const { app } = require('electron');",
      "await import('electron')",
      "import { ipcRenderer } from 'electron/renderer';",
    ]) {
      expect(ELECTRON_IMPORT.test(line), line).toBe(true);
    }
    expect(ELECTRON_IMPORT.test("import { build } from 'electron-vite';")).toBe(false);
  });
});
