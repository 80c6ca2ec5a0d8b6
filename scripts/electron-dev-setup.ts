// What `npm start` needs before electron-vite can launch the app:
// 1. the Electron binary itself. Electron 45 no longer downloads it when the
//    package is installed, and electron-vite only reads
//    node_modules/electron/path.txt ("Electron uninstall" when it is missing),
//    so Electron's own installer is run here;
// 2. an Electron build of better-sqlite3's native binding under
//    .electron-native/ (node_modules keeps the system-Node build the tests
//    use). The published prebuild is preferred; compiling from source with
//    node-gyp (Python and a C++ toolchain) is the fallback.
// Every step runs a JavaScript file with the current Node executable rather
// than a node_modules/.bin shim: on Windows those shims are .cmd files that
// execFile cannot start without a shell.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { devNativeBindingPath } from '../src/main/dev-native-binding';

/** Runs `node <script> <args>` in `cwd`; true when it exited with status 0. */
export type RunNodeScript = (script: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) => boolean;

export interface DevSetupOptions {
  root: string;
  platform: NodeJS.Platform;
  arch: string;
  runNodeScript: RunNodeScript;
  print: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Where the binding is built away from node_modules (default: the OS temp folder). */
  scratch?: string;
}

/** A step that could not be done; the message says what is missing and what to do. */
export class DevSetupError extends Error {
  override readonly name = 'DevSetupError';
}

export interface DevSetupResult {
  electronVersion: string;
  electronBinary: string;
  binding: string;
  /** How the binding was obtained this time ('present' when an earlier run made it). */
  bindingSource: 'present' | 'prebuilt' | 'compiled';
}

export function prepareElectronDevelopment(options: DevSetupOptions): DevSetupResult {
  const electronVersion = readVersion(options.root);
  const electronBinary = ensureElectronBinary(options, electronVersion);
  const { binding, bindingSource } = ensureSqliteBinding(options, electronVersion);
  return { electronVersion, electronBinary, binding, bindingSource };
}

/**
 * The architecture Electron's installer downloads, which the binding must
 * match: it honours ELECTRON_INSTALL_ARCH and npm_config_arch, and picks
 * arm64 on Apple Silicon even when an x64 Node runs under Rosetta.
 */
export function electronArch(platform: NodeJS.Platform, nodeArch: string, env: NodeJS.ProcessEnv, underRosetta: () => boolean): string {
  const chosen = env['ELECTRON_INSTALL_ARCH'] || env['npm_config_arch'];
  if (chosen) return chosen;
  if (platform === 'darwin' && nodeArch === 'x64' && underRosetta()) return 'arm64';
  return nodeArch;
}

function readVersion(root: string): string {
  const manifest = path.join(root, 'node_modules', 'electron', 'package.json');
  if (!existsSync(manifest)) throw new DevSetupError('Electron is not installed in node_modules: run `npm ci` first.');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** The executable electron-vite will start, as Electron's installer records it; undefined when it is not there. */
export function installedElectronBinary(root: string, version: string): string | undefined {
  const electronDir = path.join(root, 'node_modules', 'electron');
  try {
    const recorded = readFileSync(path.join(electronDir, 'path.txt'), 'utf8');
    const distVersion = readFileSync(path.join(electronDir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
    const binary = path.join(electronDir, 'dist', recorded);
    return distVersion === version && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

function ensureElectronBinary(options: DevSetupOptions, version: string): string {
  const present = installedElectronBinary(options.root, version);
  if (present) return present;
  options.print(`Downloading Electron ${version} for ${options.platform}-${options.arch} (once, about 100 MB)...`);
  const installer = path.join(options.root, 'node_modules', 'electron', 'install.js');
  const ran = options.runNodeScript(installer, [], { cwd: options.root, env: options.env ?? process.env });
  const installed = installedElectronBinary(options.root, version);
  if (ran && installed) return installed;
  throw new DevSetupError(
    [
      `Electron ${version} could not be downloaded, so the app cannot start.`,
      'The first `npm start` needs network access to github.com (Electron\'s releases).',
      'Behind a proxy, set HTTPS_PROXY; with a mirror, set ELECTRON_MIRROR. Then run `npm start` again.',
    ].join('\n'),
  );
}

function ensureSqliteBinding(options: DevSetupOptions, electronVersion: string): Pick<DevSetupResult, 'binding' | 'bindingSource'> {
  const binding = devNativeBindingPath(options.root, electronVersion, options.platform, options.arch);
  if (existsSync(binding)) return { binding, bindingSource: 'present' };
  const env = { ...(options.env ?? process.env), npm_config_nodedir: '' };
  const modules = path.join(options.root, 'node_modules');
  const work = mkdtempSync(path.join(options.scratch ?? os.tmpdir(), 'countersign-native-'));
  try {
    // A copy, so node_modules/better-sqlite3/build (the system-Node build) is never touched.
    const copy = path.join(work, 'better-sqlite3');
    cpSync(path.join(modules, 'better-sqlite3'), copy, { recursive: true });
    rmSync(path.join(copy, 'build'), { recursive: true, force: true });
    const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');

    options.print(`Fetching better-sqlite3's prebuilt binding for Electron ${electronVersion} (once)...`);
    const prebuilt =
      options.runNodeScript(
        path.join(modules, 'prebuild-install', 'bin.js'),
        ['--runtime', 'electron', '--target', electronVersion, '--arch', options.arch, '--platform', options.platform, '--verbose'],
        { cwd: copy, env },
      ) && existsSync(built);
    let bindingSource: DevSetupResult['bindingSource'] = 'prebuilt';
    if (!prebuilt) {
      options.print('No prebuilt binding could be fetched; compiling better-sqlite3 for Electron from source...');
      const compiled =
        options.runNodeScript(
          path.join(modules, 'node-gyp', 'bin', 'node-gyp.js'),
          ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${options.arch}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
          { cwd: copy, env },
        ) && existsSync(built);
      if (!compiled) throw new DevSetupError(bindingFailure(electronVersion, options.platform));
      bindingSource = 'compiled';
    }
    mkdirSync(path.dirname(binding), { recursive: true });
    cpSync(built, binding);
    options.print(`SQLite binding for Electron ready: ${path.relative(options.root, binding)}`);
    return { binding, bindingSource };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function bindingFailure(electronVersion: string, platform: NodeJS.Platform): string {
  const toolchain: Partial<Record<NodeJS.Platform, string>> = {
    win32: 'Python 3 and Visual Studio Build Tools with the "Desktop development with C++" workload',
    darwin: 'Python 3 and the Xcode Command Line Tools (`xcode-select --install`)',
    linux: 'Python 3, make and a C++ compiler (Debian/Ubuntu: `sudo apt-get install python3 build-essential`)',
  };
  return [
    `better-sqlite3 could not be prepared for Electron ${electronVersion}, so the app would have no database.`,
    '- The prebuilt binding could not be downloaded from github.com (WiseLibs/better-sqlite3 releases): check the network or set HTTPS_PROXY.',
    `- Compiling it instead needs ${toolchain[platform] ?? 'Python 3 and a C++ toolchain'}.`,
    'Fix either one, then run `npm start` again.',
  ].join('\n');
}
