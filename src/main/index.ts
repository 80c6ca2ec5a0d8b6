import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, ipcMain, Notification, powerMonitor, session } from 'electron';
import type { HaltOutcome } from '../shared/shell-notices';
import { createBackend } from './backend';
import { systemWallClock } from './clock';
import { devNativeBindingPath } from './dev-native-binding';
import { RedactingLog } from './log';
import { settleAppFlavour } from './shell/app-flavour';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './shell/app-protocol';
import { bringForward, openOnDraft, openOnHaltConfirmation, openOnQueue, type MainWindowAccess } from './shell/bring-forward';
import { CONTENT_SECURITY_POLICY } from './shell/content-security-policy';
import { confirmEndpointWithDialog } from './shell/endpoint-confirmation';
import { bindGlobalShortcuts, WAYLAND_SHORTCUTS_FEATURE, waylandShortcutsNote } from './shell/global-shortcuts';
import { haltTradingFromShell } from './shell/halt-trading';
import { bindContract } from './shell/ipc-binding';
import { keepInTrayOnClose, quitsWhenWindowsClose } from './shell/keep-in-tray';
import { followLatest } from './shell/latest-event';
import { terminalAndFileSink } from './shell/log-file';
import { createMainWindow } from './shell/main-window';
import { routeClicksAfterRestart, routeNotificationClick } from './shell/notification-routing';
import { raiseNotifications } from './shell/notifications';
import { quitAfterBackendStops } from './shell/orderly-quit';
import { denyAllPermissions } from './shell/permissions';
import { openSafeStorageVault } from './shell/safe-storage-vault';
import { openSafeStorageAuditKey } from './shell/safe-storage-audit-key';
import { reportStartupFailure } from './shell/startup-failure';
import { createQueueTray, trayIcons } from './shell/tray';

// The composition root: the only place that wires Electron to the backend.
// Order matters and is pinned by test/unit/shell/composition-root.test.ts:
// identity and data folder, then the privileged scheme (before ready), then
// the single-instance lock (keyed on the data folder), then the handlers a
// second launch or a dock click needs, and only then the backend.

const here = path.dirname(fileURLToPath(import.meta.url));
const flavour = settleAppFlavour(app, process.platform);
const logFile = path.join(flavour.dataDirectory, 'logs', 'main.log');
const log = new RedactingLog(systemWallClock, terminalAndFileSink(logFile));
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const appOrigin = devServerUrl && !flavour.packaged ? new URL(devServerUrl).origin : APP_ORIGIN;
const startUrl = devServerUrl && !flavour.packaged ? devServerUrl : `${APP_ORIGIN}/index.html`;
// electron-builder copies resources/tray to <resources>/tray (extraResources).
const resourceDirectory = flavour.packaged ? process.resourcesPath : path.join(app.getAppPath(), 'resources');

registerAppScheme();
const shortcutsNote = waylandShortcutsNote(process.platform, process.env);
// Wayland lets no app grab keys itself; Chromium asks the desktop's portal instead.
if (shortcutsNote) app.commandLine.appendSwitch('enable-features', WAYLAND_SHORTCUTS_FEATURE);

let window: BrowserWindow | undefined;
let openWindow: (() => BrowserWindow) | undefined;
const windows: MainWindowAccess = {
  current: () => window,
  open: () => {
    if (!openWindow) throw new Error('The window cannot open before the app has started.');
    return openWindow();
  },
};

// Two instances would mean two backends owning one database and two gateway
// sockets: the second one hands over to the first and exits.
if (!app.requestSingleInstanceLock()) {
  log.info(`Countersign is already running with ${flavour.dataDirectory}; it was asked to come forward`);
  app.quit();
} else {
  // Registered before anything slow: a second launch or a dock click during
  // start-up is kept, and shows the window as soon as there is one.
  let started = false;
  let forwardWhenStarted = false;
  const comeForward = (): void => {
    if (started) bringForward(windows);
    else forwardWhenStarted = true;
  };
  app.on('second-instance', comeForward);
  app.on('activate', comeForward);
  main(() => {
    started = true;
    if (forwardWhenStarted) bringForward(windows);
  }).catch((error: unknown) => reportStartupFailure(error, { dialog, app, log, logFile }));
}

async function main(onStarted: () => void): Promise<void> {
  if (!flavour.packaged) {
    log.info(`Development build: data in ${flavour.dataDirectory} (the installed app's folder is not used)`);
  }
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  serveRenderer(path.join(here, '../renderer'));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  const backend = createBackend({
    dataDirectory: flavour.dataDirectory,
    host: 'electron',
    version: app.getVersion(),
    now: systemWallClock,
    log,
    keyVault: await openSafeStorageVault(path.join(flavour.dataDirectory, 'claude-key.bin'), process.platform, log),
    auditKey: await openSafeStorageAuditKey(flavour.dataDirectory, process.platform, log),
    confirmEndpoint: confirmEndpointWithDialog(() => window),
    packaged: flavour.packaged,
    // node_modules holds the system Node's build of better-sqlite3 (the tests
    // run on it); under `npm start` the prestart step's Electron build is
    // loaded instead. A packaged app's node_modules was rebuilt for Electron.
    ...(flavour.packaged ? {} : { nativeBinding: devNativeBindingPath(app.getAppPath(), process.versions.electron ?? '', process.platform, process.arch) }),
  });
  const settings = followLatest(backend.events, 'settings', await backend.handlers.getSettings(undefined));
  const queue = followLatest(backend.events, 'queue', await backend.handlers.getQueue(undefined));
  let quitting = false;
  const quit = quitAfterBackendStops({
    app,
    powerMonitor,
    stopBackend: () => backend.stop(),
    log,
    onQuitting: () => {
      quitting = true;
    },
  });

  const shortcuts = bindGlobalShortcuts({
    actions: {
      showQueue: () => openOnQueue(windows, backend.events, queue.current()),
      askToHalt: () => openOnHaltConfirmation(windows, backend.events, systemWallClock()),
    },
    log,
    publish: (status) => backend.events.emit('globalShortcuts', status),
    ...(shortcutsNote ? { platformNote: shortcutsNote } : {}),
  });

  openWindow = () => {
    const opened = createMainWindow({
      preloadPath: path.join(here, '../preload/index.cjs'),
      appOrigin,
      startUrl,
      // Linux has no executable icon to fall back on (electron-builder ships icon.png as a resource).
      ...(process.platform === 'linux' ? { iconPath: path.join(resourceDirectory, 'icon.png') } : {}),
    });
    keepInTrayOnClose(opened, { settings: () => settings.current().tray, quitting: () => quitting });
    quit.watchSessionEnd(opened);
    // What the shell knows that the page cannot ask for: told on every load.
    opened.webContents.on('did-finish-load', () => {
      backend.events.emit('globalShortcuts', shortcuts.status());
      if (lastHalt) backend.events.emit('haltOutcome', lastHalt);
    });
    opened.on('closed', () => {
      if (window === opened) window = undefined;
    });
    window = opened;
    return opened;
  };
  // The last halt asked for from the tray, told again to a window that loads later.
  let lastHalt: HaltOutcome | undefined;
  const haltTrading = (): void => {
    const report = (outcome: HaltOutcome): void => {
      lastHalt = outcome;
      backend.events.emit('haltOutcome', outcome);
    };
    void haltTradingFromShell(backend.handlers, backend.log, report, systemWallClock);
  };

  bindContract({ ipcMain, handlers: backend.handlers, events: backend.events, log: backend.log, window: windows.current, appOrigin });
  raiseNotifications({
    events: backend.events,
    windows,
    settings: () => settings.current().notifications,
    initialQueue: queue.current(),
    now: systemWallClock,
  });
  const routeClick = (tag: string | undefined): void => routeNotificationClick(tag, windows, backend.events, queue.current);
  createQueueTray({
    events: backend.events,
    icons: trayIcons(path.join(resourceDirectory, 'tray'), process.platform),
    initial: queue.current(),
    onCount: (count) => app.setBadgeCount(count),
    actions: {
      openDraft: (draftId) => openOnDraft(windows, backend.events, draftId),
      showWindow: () => bringForward(windows),
      haltTrading,
      quit: () => app.quit(),
    },
  });
  shortcuts.apply(settings.current().shortcuts);
  let appliedShortcuts = JSON.stringify(settings.current().shortcuts);
  backend.events.subscribe((name) => {
    if (name !== 'settings' || JSON.stringify(settings.current().shortcuts) === appliedShortcuts) return;
    appliedShortcuts = JSON.stringify(settings.current().shortcuts);
    shortcuts.apply(settings.current().shortcuts);
  });
  app.on('window-all-closed', () => {
    if (quitsWhenWindowsClose(process.platform, settings.current().tray)) app.quit();
  });
  app.on('will-quit', () => shortcuts.release());

  await backend.start();
  windows.open();
  onStarted();
  // After the window exists: a click that cold-started the app opens its draft in it.
  await routeClicksAfterRestart({ platform: process.platform, notifications: Notification, route: routeClick }).catch((error: unknown) =>
    log.warn('Notifications from an earlier run cannot be routed', error),
  );
}
