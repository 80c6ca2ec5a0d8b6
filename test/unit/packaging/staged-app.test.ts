import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageApp, type StageResult } from '../../../scripts/stage-app';

// `npm run dist` cannot run offline (electron-builder downloads Electron), so
// what it would package is checked here: the staging folder it packages
// from, and electron-builder.json's globs applied to it.

const root = process.cwd();
const config = JSON.parse(readFileSync('electron-builder.json', 'utf8')) as {
  directories: { app?: string };
  files: string[];
  npmRebuild: boolean;
  extraResources: { from: string; to: string }[];
  linux: { executableName: string; syncDesktopName: boolean };
};
const project = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  desktopName: string;
};

let scratch: string;
let staged: string;
let result: StageResult;

/** Every file under `dir`, as a path relative to it with forward slashes (what electron-builder matches globs against). */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'node_modules' ? [] : filesUnder(full, base);
    return [path.relative(base, full).split(path.sep).join('/')];
  });
}

/** electron-builder's rule: a file ships when it matches a pattern and no later negation. */
function ships(file: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      if (minimatch(file, pattern.slice(1), { dot: true })) included = false;
    } else if (minimatch(file, pattern, { dot: true })) included = true;
  }
  return included;
}

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'countersign-stage-'));
  // The shape electron-vite build leaves in out/, sourcemaps included.
  const out = path.join(scratch, 'out');
  for (const file of ['main/index.js', 'main/index.js.map', 'main/chunks/sim-1a2b.js', 'preload/index.cjs', 'renderer/index.html', 'renderer/assets/index-3c4d.js', 'renderer/assets/index-3c4d.js.map']) {
    mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    writeFileSync(path.join(out, file), '// built');
  }
  staged = path.join(scratch, 'app');
  result = stageApp({ root, target: staged, outDir: out });
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }), 60_000);

/** The search electron-builder's native rebuild (@electron/rebuild) makes for node_modules folders to rebuild. */
async function rebuildSearch(): Promise<(cwd: string, rootPath: string) => Promise<string[]>> {
  const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
  const rebuildMain = requireFromBuilder.resolve('@electron/rebuild');
  const module = (await import(pathToFileURL(path.join(path.dirname(rebuildMain), 'search-module.js')).href)) as {
    searchForNodeModules: (cwd: string, rootPath: string) => Promise<string[]>;
  };
  return module.searchForNodeModules;
}

describe('packaging from a staging folder', () => {
  it('is what `npm run dist` hands electron-builder, and it lies outside the project', () => {
    expect(project.scripts['dist']).toBe('electron-vite build && node --import tsx scripts/dist.ts');
    const dist = readFileSync('scripts/dist.ts', 'utf8');
    expect(dist).toContain('mkdtempSync(path.join(os.tmpdir()');
    expect(dist).toContain('config: { directories: { app: appDir } }');
    expect(config.directories.app).toBeUndefined();
    expect(config.npmRebuild).toBe(true);
  });

  it('so the native rebuild finds the staged node_modules and never the project’s own', async () => {
    const searchForNodeModules = await rebuildSearch();
    // electron-builder passes the project folder as the root of the search.
    const found = await searchForNodeModules(staged, root);
    expect(found).toContain(path.join(staged, 'node_modules'));
    expect(found).not.toContain(path.join(root, 'node_modules'));

    // Why not build/app inside the project: the search walks up to the project and rebuilds its node_modules too.
    const project = path.join(scratch, 'project');
    for (const dir of ['node_modules', 'build/app/node_modules']) mkdirSync(path.join(project, dir), { recursive: true });
    writeFileSync(path.join(project, 'package.json'), '{}');
    writeFileSync(path.join(project, 'build/app/package.json'), '{}');
    expect(await searchForNodeModules(path.join(project, 'build/app'), project)).toContain(path.join(project, 'node_modules'));
  });

  it("is where electron-builder's own collector takes the packaged node_modules from", async () => {
    const requireFromHere = createRequire(import.meta.url);
    const { getCollectorByPackageManager } = requireFromHere('app-builder-lib/out/node-module-collector/index.js') as {
      getCollectorByPackageManager: (pm: string, dir: string, temp: unknown) => { getNodeModules(options: { packageName: string }): Promise<{ nodeModules: unknown[] }> };
    };
    const { TmpDir } = requireFromHere('temp-file') as { TmpDir: new () => { cleanup(): Promise<void> } };
    const temp = new TmpDir();
    const collected = JSON.stringify(await getCollectorByPackageManager('npm', staged, temp).getNodeModules({ packageName: 'countersign' }));
    await temp.cleanup();
    expect(collected).toContain(JSON.stringify(path.join(staged, 'node_modules', 'better-sqlite3')));
    expect(collected).not.toContain(JSON.stringify(path.join(root, 'node_modules', 'better-sqlite3')));
  }, 60_000);

  it('holds a package.json with the runtime dependencies only', () => {
    const manifest = JSON.parse(readFileSync(path.join(staged, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'countersign', productName: 'Countersign', main: './out/main/index.js', desktopName: 'countersign.desktop' });
    expect(manifest['dependencies']).toEqual(project.dependencies);
    expect(manifest['devDependencies']).toBeUndefined();
    expect(manifest['scripts']).toBeUndefined();
  });

  it('copies the runtime packages and what they need, and none of the tooling', () => {
    for (const name of ['better-sqlite3', 'bindings', 'zod', '@stoqey/ib', '@anthropic-ai/sdk']) {
      expect(existsSync(path.join(staged, 'node_modules', name, 'package.json')), name).toBe(true);
    }
    expect(result.packages).toContain('better-sqlite3');
    for (const name of ['electron', 'electron-builder', 'vitest', 'playwright-core', 'typescript', 'tsx', 'vite']) {
      expect(existsSync(path.join(staged, 'node_modules', name)), name).toBe(false);
    }
  });

  it('leaves out what the renderer bundle already contains', () => {
    for (const name of ['react', 'react-dom', 'echarts', 'zustand']) {
      expect(Object.keys(project.dependencies), name).not.toContain(name);
      expect(existsSync(path.join(staged, 'node_modules', name)), name).toBe(false);
    }
  });

  it('ships the built bundles and nothing else: no sources, tests, harness or sourcemaps', () => {
    const shipped = filesUnder(staged).filter(ships);
    expect(shipped).toEqual(expect.arrayContaining(['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']));
    expect(shipped.filter((file) => /(^|\/)(src|test|bench|harness)\/|\.map$|\.ts$/.test(file))).toEqual([]);
    // The globs still refuse them should anything put them there.
    for (const file of ['src/main/index.ts', 'test/unit/shell/fake-electron.ts', 'out/main/index.js.map', 'bench/run-all.ts']) expect(ships(file), file).toBe(false);
  });

  it('packages the window icon Linux needs and names the .desktop file Electron looks for', () => {
    expect(config.extraResources).toContainEqual({ from: 'resources/icon.png', to: 'icon.png' });
    expect(existsSync('resources/icon.png')).toBe(true);
    expect(project.desktopName).toBe(`${config.linux.executableName}.desktop`);
    expect(config.linux.syncDesktopName).toBe(true);
  });
});

describe('the package manifest', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
    engines: { node: string };
    allowScripts: Record<string, boolean>;
    scripts: Record<string, string>;
  };
  const electron = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { engines: { node: string } };

  it("asks for the Node that Electron's own tooling requires", () => {
    expect(manifest.engines.node.replace(/\s/g, '')).toBe(electron.engines.node.replace(/\s/g, ''));
  });

  it("allows the install scripts the project needs, so a stricter npm cannot silently skip them", () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean; dev?: boolean }> };
    expect(manifest.allowScripts).toMatchObject({ 'better-sqlite3': true, esbuild: true, electron: true });
    for (const [location, entry] of Object.entries(lock.packages)) {
      if (!entry.hasInstallScript) continue;
      const name = location.replace(/^.*node_modules\//, '');
      expect(manifest.allowScripts[name], `${name} has an install script: allow or deny it`).toBeTypeOf('boolean');
    }
  });

  it('builds what the benchmarks need before running them', () => {
    expect(manifest.scripts['bench']).toMatch(/^electron-vite build && /);
  });
});
