import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DevSetupError, electronArch, prepareElectronDevelopment, type RunNodeScript } from '../../../scripts/electron-dev-setup';
import { devNativeBindingPath } from '../../../src/main/dev-native-binding';

// `npm start`'s prestart, with Electron's installer, prebuild-install and
// node-gyp replaced by fakes that do (or fail to do) what the real ones do
// on disk. Nothing here touches the network.

const VERSION = '45.4.1';
const roots: string[] = [];

/** A project folder laid out as `npm ci` leaves it: Electron's package without its binary, better-sqlite3 built for Node. */
function freshClone(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'countersign-prestart-'));
  roots.push(root);
  const file = (relative: string, text: string): void => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  };
  file('node_modules/electron/package.json', JSON.stringify({ name: 'electron', version: VERSION }));
  file('node_modules/electron/install.js', '');
  file('node_modules/better-sqlite3/package.json', JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
  file('node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'built for the system node');
  file('node_modules/prebuild-install/bin.js', '');
  file('node_modules/node-gyp/bin/node-gyp.js', '');
  return root;
}

interface FakeTools {
  electronDownloads: boolean;
  prebuildDownloads: boolean;
  compilerPresent: boolean;
}

/** Fakes of the three tools; each records its call and writes what the real one writes. */
function fakeTools(root: string, platform: NodeJS.Platform, tools: FakeTools) {
  const calls: { tool: string; script: string; args: string[]; cwd: string }[] = [];
  const run: RunNodeScript = (script, args, { cwd }) => {
    const tool = path.basename(path.dirname(script)) === 'bin' ? path.basename(path.dirname(path.dirname(script))) : path.basename(path.dirname(script));
    calls.push({ tool, script, args, cwd });
    if (tool === 'electron') {
      if (!tools.electronDownloads) return false;
      const executable = platform === 'win32' ? 'electron.exe' : platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
      mkdirSync(path.dirname(path.join(root, 'node_modules/electron/dist', executable)), { recursive: true });
      writeFileSync(path.join(root, 'node_modules/electron/dist', executable), 'binary');
      writeFileSync(path.join(root, 'node_modules/electron/dist/version'), `v${VERSION}`);
      writeFileSync(path.join(root, 'node_modules/electron/path.txt'), executable);
      return true;
    }
    const ok = tool === 'prebuild-install' ? tools.prebuildDownloads : tools.compilerPresent;
    if (!ok) return false;
    mkdirSync(path.join(cwd, 'build/Release'), { recursive: true });
    writeFileSync(path.join(cwd, 'build/Release/better_sqlite3.node'), `electron build by ${tool}`);
    return true;
  };
  return { calls, run };
}

function setup(platform: NodeJS.Platform, tools: FakeTools, arch = 'x64') {
  const root = freshClone();
  const fake = fakeTools(root, platform, tools);
  const printed: string[] = [];
  const start = () =>
    prepareElectronDevelopment({ root, platform, arch, runNodeScript: fake.run, print: (line) => printed.push(line), scratch: root });
  return { root, ...fake, printed, start };
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('prestart on a fresh clone', () => {
  it('downloads the Electron binary with Electron\'s own installer, so electron-vite finds path.txt', () => {
    const { root, calls, start } = setup('linux', { electronDownloads: true, prebuildDownloads: true, compilerPresent: true });
    const result = start();
    expect(calls[0]).toMatchObject({ tool: 'electron', script: path.join(root, 'node_modules/electron/install.js') });
    expect(readFileSync(path.join(root, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
    expect(result.electronBinary).toBe(path.join(root, 'node_modules/electron/dist/electron'));
  });

  it('prefers the published Electron prebuild of better-sqlite3 and leaves node_modules\' own build alone', () => {
    const { root, calls, start } = setup('linux', { electronDownloads: true, prebuildDownloads: true, compilerPresent: true });
    const result = start();
    expect(calls.map((call) => call.tool)).toEqual(['electron', 'prebuild-install']);
    expect(calls[1]?.args).toEqual(['--runtime', 'electron', '--target', VERSION, '--arch', 'x64', '--platform', 'linux', '--verbose']);
    expect(calls[1]?.cwd).not.toBe(path.join(root, 'node_modules/better-sqlite3'));
    expect(result).toMatchObject({ bindingSource: 'prebuilt', binding: devNativeBindingPath(root, VERSION, 'linux', 'x64') });
    expect(readFileSync(result.binding, 'utf8')).toBe('electron build by prebuild-install');
    expect(readFileSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), 'utf8')).toBe('built for the system node');
  });

  it('compiles with node-gyp when no prebuild can be fetched', () => {
    const { calls, start } = setup('darwin', { electronDownloads: true, prebuildDownloads: false, compilerPresent: true }, 'arm64');
    const result = start();
    expect(calls.map((call) => call.tool)).toEqual(['electron', 'prebuild-install', 'node-gyp']);
    expect(calls[2]?.args).toEqual(expect.arrayContaining(['rebuild', `--target=${VERSION}`, '--runtime=electron', '--arch=arm64']));
    expect(result.bindingSource).toBe('compiled');
    expect(readFileSync(result.binding, 'utf8')).toBe('electron build by node-gyp');
  });

  it('on Windows starts every tool as a JavaScript file under Node, never a .cmd shim from node_modules/.bin', () => {
    const { root, calls, start } = setup('win32', { electronDownloads: true, prebuildDownloads: false, compilerPresent: true });
    const result = start();
    expect(result.electronBinary).toBe(path.join(root, 'node_modules/electron/dist/electron.exe'));
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.script).toMatch(/\.js$/);
      expect(call.script).not.toContain(`${path.sep}.bin${path.sep}`);
      expect(existsSync(call.script)).toBe(true);
    }
    expect(result.binding).toBe(devNativeBindingPath(root, VERSION, 'win32', 'x64'));
  });

  it('says the network is needed when Electron cannot be downloaded, and builds nothing', () => {
    const { calls, start } = setup('linux', { electronDownloads: false, prebuildDownloads: true, compilerPresent: true });
    expect(start).toThrow(DevSetupError);
    expect(start).toThrow(/Electron 45\.4\.1 could not be downloaded[\s\S]*network access[\s\S]*HTTPS_PROXY/);
    expect(calls.every((call) => call.tool === 'electron')).toBe(true);
  });

  it('names what is missing on this platform when neither the prebuild nor the compiler works', () => {
    const windows = setup('win32', { electronDownloads: true, prebuildDownloads: false, compilerPresent: false });
    expect(windows.start).toThrow(/prebuilt binding could not be downloaded[\s\S]*Visual Studio Build Tools/);
    const linux = setup('linux', { electronDownloads: true, prebuildDownloads: false, compilerPresent: false });
    expect(linux.start).toThrow(/build-essential/);
    expect(existsSync(devNativeBindingPath(linux.root, VERSION, 'linux', 'x64'))).toBe(false);
  });

  it('does nothing on the next start when the binary and the binding are there', () => {
    const { calls, start, printed } = setup('linux', { electronDownloads: true, prebuildDownloads: true, compilerPresent: true });
    start();
    calls.length = 0;
    printed.length = 0;
    expect(start().bindingSource).toBe('present');
    expect(calls).toEqual([]);
    expect(printed).toEqual([]);
  });

  it('builds the binding for the architecture Electron is downloaded for (arm64 on Apple Silicon under Rosetta)', () => {
    expect(electronArch('darwin', 'x64', {}, () => true)).toBe('arm64');
    expect(electronArch('darwin', 'x64', {}, () => false)).toBe('x64');
    expect(electronArch('linux', 'x64', { npm_config_arch: 'arm64' }, () => false)).toBe('arm64');
    expect(electronArch('win32', 'x64', { ELECTRON_INSTALL_ARCH: 'ia32' }, () => false)).toBe('ia32');
  });
});
