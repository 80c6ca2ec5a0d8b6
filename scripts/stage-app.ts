// `npm run dist` packages from a staging folder outside the project (see
// dist.ts) rather than the project root. electron-builder rebuilds native
// modules for Electron in the app folder's node_modules; pointed at the
// project root, that replaced node_modules/better-sqlite3's build with an
// Electron one and `npm test` (system Node) failed with a module-version
// mismatch afterwards. The staging folder holds the built bundles, a
// package.json with only the runtime dependencies, and copies of exactly
// those packages, taken offline from the project's node_modules.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [field: string]: unknown;
}

/** Fields of the project's package.json the packaged app needs (electron-builder and Electron read them). */
const APP_FIELDS = ['name', 'productName', 'version', 'description', 'main', 'type', 'author', 'license', 'homepage', 'desktopName'] as const;

export interface StageOptions {
  root: string;
  /** The staging folder, outside the project (electron-builder's directories.app). */
  target: string;
  /** The built bundles (electron-vite's output). */
  outDir?: string;
}

export interface StageResult {
  /** Runtime packages copied, by name. */
  packages: string[];
}

export function stageApp(options: StageOptions): StageResult {
  const { root, target } = options;
  const outDir = options.outDir ?? path.join(root, 'out');
  if (!existsSync(path.join(outDir, 'main', 'index.js'))) throw new Error(`No built app in ${outDir}: run "electron-vite build" first.`);
  const project = readManifest(path.join(root, 'package.json'));
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });

  const manifest: Record<string, unknown> = {};
  for (const field of APP_FIELDS) if (project[field] !== undefined) manifest[field] = project[field];
  manifest['dependencies'] = project.dependencies ?? {};
  writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(outDir, path.join(target, 'out'), { recursive: true });

  const copied = new Set<string>();
  const visited = new Set<string>();
  const walk = (packageDir: string): void => {
    if (visited.has(packageDir)) return;
    visited.add(packageDir);
    const own = readManifest(path.join(packageDir, 'package.json'));
    const wanted = [
      ...Object.keys(own.dependencies ?? {}).map((name) => ({ name, optional: false })),
      ...Object.keys(own.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    ];
    for (const { name, optional } of wanted) {
      const found = resolvePackage(name, packageDir, root);
      if (!found) {
        if (optional) continue;
        throw new Error(`${own.name} needs ${name}, which is not installed: run "npm ci" first.`);
      }
      // A package nested in another's node_modules travels with its parent.
      const relative = path.relative(path.join(root, 'node_modules'), found);
      if (!relative.split(path.sep).includes('node_modules')) copied.add(name);
      walk(found);
    }
  };
  walk(root);
  for (const name of copied) {
    cpSync(path.join(root, 'node_modules', name), path.join(target, 'node_modules', name), { recursive: true, dereference: true });
  }
  return { packages: [...copied].sort() };
}

/** Node's lookup: the nearest node_modules/<name> from `fromDir` up to the project root. */
function resolvePackage(name: string, fromDir: string, root: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.resolve(dir) === path.resolve(root)) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function readManifest(file: string): Manifest {
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}
