import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, ipcMain, session } from 'electron';
import { createBackend } from './backend';
import { systemWallClock } from './clock';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './shell/app-protocol';
import { bringForward, openOnDraft, openOnQueue, type MainWindowAccess } from './shell/bring-forward';
import { CONTENT_SECURITY_POLICY } from './shell/content-security-policy';
import { registerGlobalShortcuts } from './shell/global-shortcuts';
import { confirmEndpointWithDialog } from './shell/endpoint-confirmation';
import { haltTradingFromShell } from './shell/halt-trading';
import { bindContract } from './shell/ipc-binding';
import { keepInTrayOnClose, quitsWhenWindowsClose } from './shell/keep-in-tray';
import { followLatest } from './shell/latest-event';
import { createMainWindow } from './shell/main-window';
import { raiseNotifications } from './shell/notifications';
import { denyAllPermissions } from './shell/permissions';
import { createSafeStorageVault } from './shell/safe-storage-vault';
import { createQueueTray, trayIcons } from './shell/tray';

// The composition root: the only place that wires Electron to the backend.

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const appOrigin = devServerUrl && !app.isPackaged ? new URL(devServerUrl).origin : APP_ORIGIN;
const startUrl = devServerUrl && !app.isPackaged ? devServerUrl : `${APP_ORIGIN}/index.html`;
// electron-builder copies resources/tray to <resources>/tray (extraResources).
const trayDirectory = app.isPackaged ? path.join(process.resourcesPath, 'tray') : path.join(app.getAppPath(), 'resources', 'tray');

registerAppScheme();
// Windows shows toasts (and routes their clicks) only for an app with an
// identity; the installer registers this same id from electron-builder.json.
if (process.platform === 'win32') app.setAppUserModelId('app.countersign.desktop');

// Two instances would mean two backends owning one database and two gateway
// sockets: the second one hands over to the first and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void main();
}

async function main(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  serveRenderer(path.join(here, '../renderer'));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  let window: BrowserWindow | undefined;
  const backend = createBackend({
    dataDirectory: app.getPath('userData'),
    host: 'electron',
    version: app.getVersion(),
    now: systemWallClock,
    keyVault: createSafeStorageVault(path.join(app.getPath('userData'), 'claude-key.bin')),
    confirmEndpoint: confirmEndpointWithDialog(() => window),
    packaged: app.isPackaged,
  });
  const settings = followLatest(backend.events, 'settings', await backend.handlers.getSettings(undefined));
  const queue = followLatest(backend.events, 'queue', await backend.handlers.getQueue(undefined));
  let quitting = false;

  const windows: MainWindowAccess = {
    current: () => window,
    open: () => {
      const opened = createMainWindow({
        preloadPath: path.join(here, '../preload/index.cjs'),
        appOrigin,
        startUrl,
      });
      keepInTrayOnClose(opened, { settings: () => settings.current().tray, quitting: () => quitting });
      opened.on('closed', () => {
        if (window === opened) window = undefined;
      });
      window = opened;
      return opened;
    },
  };
  const haltTrading = (): void => {
    void haltTradingFromShell(backend.handlers, backend.log);
  };

  bindContract({ ipcMain, handlers: backend.handlers, events: backend.events, log: backend.log, window: windows.current, appOrigin });
  raiseNotifications({
    events: backend.events,
    windows,
    settings: () => settings.current().notifications,
    initialQueue: queue.current(),
    now: systemWallClock,
  });
  createQueueTray({
    events: backend.events,
    icons: trayIcons(trayDirectory, process.platform),
    initial: queue.current(),
    onCount: (count) => app.setBadgeCount(count),
    actions: {
      openDraft: (draftId) => openOnDraft(windows, backend.events, draftId),
      showWindow: () => bringForward(windows),
      haltTrading,
      quit: () => app.quit(),
    },
  });
  const releaseShortcuts = registerGlobalShortcuts(
    { showQueue: () => openOnQueue(windows, backend.events, queue.current()), haltTrading },
    backend.log,
  );
  await backend.start();
  windows.open();

  app.on('second-instance', () => bringForward(windows));
  app.on('activate', () => bringForward(windows));
  app.on('window-all-closed', () => {
    if (quitsWhenWindowsClose(process.platform, settings.current().tray)) app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
    void backend.stop();
  });
  app.on('will-quit', releaseShortcuts);
}
