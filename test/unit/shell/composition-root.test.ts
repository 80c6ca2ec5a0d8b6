import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callChannel, type CallName, type CallResult } from '../../../src/shared/ipc-contract';
import { devNativeBindingPath } from '../../../src/main/dev-native-binding';
import type { FakeApp, FakeBrowserWindow, FakeElectron } from './fake-electron';

// The composition root (src/main/index.ts) run end to end against the
// electron double, with the real backend (demo gateway on port 0, SQLite in a
// folder of its own). Each launch re-imports index.ts on a fresh fake app.

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

type Electron = FakeElectron & { resetFakeElectron(): void };

const ELECTRON_VERSION = '45.4.1';
const nodeBuild = path.join(path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build/Release/better_sqlite3.node');
const folders: string[] = [];
const running: Electron[] = [];
const originalElectronVersion = process.versions.electron;

function folder(prefix: string): string {
  const made = mkdtempSync(path.join(os.tmpdir(), prefix));
  folders.push(made);
  return made;
}

/** Polls until `read` returns something truthy; fails with `what` after the deadline. */
async function eventually<T>(what: string, read: () => T, deadlineMs = 10_000): Promise<NonNullable<T>> {
  const until = performance.now() + deadlineMs;
  for (;;) {
    const value = read();
    if (value) return value as NonNullable<T>;
    if (performance.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

interface LaunchOptions {
  packaged?: boolean;
  /** Put prestart's Electron build of the binding where the dev app looks for it (default true). */
  devBinding?: boolean;
  before?: (electron: Electron) => void;
}

async function launch(options: LaunchOptions = {}) {
  const electron = (await import('electron')) as unknown as Electron;
  electron.resetFakeElectron();
  vi.resetModules();
  const appData = folder('countersign-appdata-');
  const projectRoot = folder('countersign-project-');
  Object.assign(process.versions, { electron: ELECTRON_VERSION });
  const binding = devNativeBindingPath(projectRoot, ELECTRON_VERSION, process.platform, process.arch);
  if (options.devBinding ?? true) {
    mkdirSync(path.dirname(binding), { recursive: true });
    copyFileSync(nodeBuild, binding);
  }
  const { app } = electron;
  app.isPackaged = options.packaged ?? false;
  app.appPath = projectRoot;
  app.paths.set('appData', appData);
  // Electron's default: <appData>/<productName>.
  app.paths.set('userData', path.join(appData, 'Countersign'));
  if (app.isPackaged) Object.assign(process, { resourcesPath: path.join(projectRoot, 'resources') });
  options.before?.(electron);
  await import('../../../src/main/index');
  running.push(electron);
  return { electron, app, appData, projectRoot, binding };
}

/** Another instance holds the single-instance lock on <appData>/<folderName>. */
function lockHeldOn(electron: Electron, folderName: string): void {
  (electron.app.constructor as typeof FakeApp).lockedElsewhere.add(path.join(electron.app.getPath('appData'), folderName));
}

function mainWindow(electron: Electron): FakeBrowserWindow {
  const window = electron.BrowserWindow.all.at(-1);
  if (!window) throw new Error('No window was opened');
  return window;
}

async function call<N extends CallName>(electron: Electron, name: N): Promise<CallResult<unknown>> {
  const window = mainWindow(electron);
  const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
  return (await electron.ipcMain.invoke(callChannel(name), event, undefined)) as CallResult<unknown>;
}

async function quitAndWait(electron: Electron): Promise<void> {
  electron.app.quit();
  await eventually('the app to exit', () => electron.app.exited);
}

afterEach(async () => {
  for (const electron of running.splice(0)) {
    if (electron.app.isReady() && !electron.app.exited) await quitAndWait(electron);
  }
  Object.assign(process.versions, { electron: originalElectronVersion });
  for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
});

describe('the composition root', () => {
  it('registers the app:// scheme, takes the lock and listens for a second launch before ready, and opens the window after the backend started', async () => {
    const { electron, app } = await launch();
    expect(electron.protocol.privileged.map((scheme) => scheme.scheme)).toEqual(['app']);
    expect(app.listenerCount('second-instance')).toBe(1);
    expect(app.listenerCount('activate')).toBe(1);
    expect(electron.BrowserWindow.all).toHaveLength(0);

    // A second launch while the backend is still starting is not lost.
    app.emit('second-instance', {}, [], '/');
    app.becomeReady();
    const window = await eventually('the main window', () => electron.BrowserWindow.all.at(-1));
    expect(electron.protocol.registeredLate).toBe(false);
    expect(electron.protocol.handlers.has('app')).toBe(true);
    expect(window.calls).toEqual(expect.arrayContaining(['show', 'focus']));
    const info = await call(electron, 'getAppInfo');
    expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });
    expect((info as { value: { storeProblem?: string } }).value.storeProblem).toBeUndefined();
  });

  it('gives a development build its own data folder and lock, so it neither migrates nor waits on the installed app', async () => {
    // The installed app is running and holds the lock on its own folder.
    const { electron, app, appData } = await launch({ before: (fake) => lockHeldOn(fake, 'Countersign') });
    app.becomeReady();
    await eventually('the main window', () => electron.BrowserWindow.all.at(-1));
    const devFolder = path.join(appData, 'Countersign Dev');
    expect(app.getPath('userData')).toBe(devFolder);
    expect(existsSync(path.join(devFolder, 'countersign.sqlite'))).toBe(true);
    expect(existsSync(path.join(appData, 'Countersign'))).toBe(false);
    expect(readFileSync(path.join(devFolder, 'logs', 'main.log'), 'utf8')).toContain(`Development build: data in ${devFolder}`);
    const info = (await call(electron, 'getAppInfo')) as { value: { dataDirectory: string } };
    expect(info.value.dataDirectory).toBe(devFolder);
  });

  it('keeps the installed app on its usual folder and its node_modules binding', async () => {
    const { electron, app, appData, projectRoot } = await launch({ packaged: true, devBinding: false });
    app.becomeReady();
    const window = await eventually('the main window', () => electron.BrowserWindow.all.at(-1));
    // Linux has no executable icon: the window is given the packaged icon.png.
    if (process.platform === 'linux') expect(window.options['icon']).toBe(path.join(projectRoot, 'resources', 'icon.png'));
    expect(app.getPath('userData')).toBe(path.join(appData, 'Countersign'));
    expect(existsSync(path.join(appData, 'Countersign', 'countersign.sqlite'))).toBe(true);
    expect((await call(electron, 'getAppInfo')) as unknown).not.toMatchObject({ value: { storeProblem: expect.anything() } });
    // The audit chain's key is sealed by the OS keychain, beside (not inside) the data folder; no plain key exists.
    expect(readFileSync(path.join(appData, 'Countersign.audit-key.sealed')).toString()).toMatch(/^enc:/);
    expect(existsSync(path.join(appData, 'Countersign.audit-key'))).toBe(false);
  });

  it('hands the Electron build of the SQLite binding to the store under `npm start`, and says so when it is missing', async () => {
    const { electron, app, appData } = await launch({ devBinding: false });
    app.becomeReady();
    await eventually('the main window', () => electron.BrowserWindow.all.at(-1));
    const info = (await call(electron, 'getAppInfo')) as { value: { storeProblem?: string } };
    expect(info.value.storeProblem).toMatch(/SQLite library \(.*\.electron-native.*better_sqlite3\.node\) could not be loaded/);
    expect(info.value.storeProblem).toMatch(/npm start/);
    expect(info.value.storeProblem).not.toMatch(/writable/);
    expect(existsSync(path.join(appData, 'Countersign Dev', 'countersign.sqlite'))).toBe(false);
  });

  it('a second instance on the same data folder quits without starting a backend', async () => {
    const { electron, app, appData } = await launch({ before: (fake) => lockHeldOn(fake, 'Countersign Dev') });
    expect(app.quitRequests).toBe(1);
    app.becomeReady();
    await new Promise((resolve) => setImmediate(resolve));
    expect(electron.BrowserWindow.all).toHaveLength(0);
    expect(existsSync(path.join(appData, 'Countersign Dev', 'countersign.sqlite'))).toBe(false);
  });

  it('quits only after the backend has stopped: the database is closed (WAL checkpointed) before the process exits', async () => {
    const { electron, app, appData } = await launch();
    app.becomeReady();
    await eventually('the main window', () => electron.BrowserWindow.all.at(-1));
    const wal = path.join(appData, 'Countersign Dev', 'countersign.sqlite-wal');
    expect(existsSync(wal)).toBe(true);
    const order: string[] = [];
    app.on('quit', () => order.push(existsSync(wal) ? 'quit with the WAL open' : 'quit after the checkpoint'));
    app.quit();
    expect(app.exited).toBe(false);
    await eventually('the app to exit', () => app.exited);
    expect(order).toEqual(['quit after the checkpoint']);
    expect(app.exitCode).toBe(0);
  });

  it('shuts down cleanly when the OS does (Linux and macOS delay it while the backend stops)', async () => {
    const { electron, app } = await launch();
    app.becomeReady();
    await eventually('the main window', () => electron.BrowserWindow.all.at(-1));
    expect(electron.powerMonitor.shutDown().defaultPrevented).toBe(true);
    await eventually('the app to exit', () => app.exited);
  });

  it("on Windows' log-off stops the backend and lets the session end", async () => {
    const { electron, app } = await launch();
    app.becomeReady();
    const window = await eventually('the main window', () => electron.BrowserWindow.all.at(-1));
    let prevented = false;
    window.emit('query-session-end', { reasons: ['logoff'], preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await eventually('the app to exit', () => app.exited);
  });

  it('shows a native error dialog with the cause and the log path when start-up throws, and exits', async () => {
    const { electron, app, appData } = await launch({
      before: (fake) => {
        fake.Tray.failNext = new Error('Error processing argument at index 0, conversion failure from /missing/tray.png');
      },
    });
    app.becomeReady();
    const box = await eventually('the error dialog', () => electron.dialog.errorBoxes[0]);
    expect(box.title).toBe('Countersign could not start');
    expect(box.content).toContain('conversion failure from /missing/tray.png');
    expect(box.content).toContain(path.join(appData, 'Countersign Dev', 'logs', 'main.log'));
    expect(app.exitCode).toBe(1);
  });
});
