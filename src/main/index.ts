import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, ipcMain, session } from 'electron';
import { createBackend } from './backend';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from './shell/content-security-policy';
import { bindContract } from './shell/ipc-binding';
import { createMainWindow } from './shell/main-window';
import { denyAllPermissions } from './shell/permissions';
import { notifySessionProblems } from './shell/session-notifications';

// The composition root: the only place that wires Electron to the backend.

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const appOrigin = devServerUrl && !app.isPackaged ? new URL(devServerUrl).origin : APP_ORIGIN;
const startUrl = devServerUrl && !app.isPackaged ? devServerUrl : `${APP_ORIGIN}/index.html`;

registerAppScheme();

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

  const backend = createBackend({
    dataDirectory: app.getPath('userData'),
    host: 'electron',
    version: app.getVersion(),
  });

  let window: BrowserWindow | undefined;
  const openWindow = (): BrowserWindow => {
    window = createMainWindow({
      preloadPath: path.join(here, '../preload/index.cjs'),
      appOrigin,
      startUrl,
    });
    window.on('closed', () => {
      window = undefined;
    });
    return window;
  };

  bindContract({ ipcMain, handlers: backend.handlers, events: backend.events, log: backend.log, window: () => window, appOrigin });
  notifySessionProblems(backend.events, () => window);
  await backend.start();
  openWindow();

  app.on('second-instance', () => {
    const existing = window ?? openWindow();
    if (existing.isMinimized()) existing.restore();
    existing.focus();
  });
  app.on('activate', () => {
    if (!window) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    void backend.stop();
  });
}
