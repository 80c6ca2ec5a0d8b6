import { BrowserWindow, shell, type WebPreferences } from 'electron';
import { isAllowedExternal, isSameOrigin } from './navigation';

/**
 * The renderer shows account data and a chat fed by a language model, so it
 * is treated as untrusted: sandboxed, isolated, no Node, and unable to
 * navigate away or open windows. These values are asserted by tests.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  appOrigin: string;
  startUrl: string;
  iconPath?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Countersign',
    backgroundColor: '#111418',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  guardNavigation(window, options.appOrigin);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.startUrl);
  return window;
}

/** Navigation inside the app is allowed; anything else is refused, and an allow-listed https link opens in the browser. */
export function guardNavigation(window: BrowserWindow, appOrigin: string): void {
  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (isSameOrigin(url, appOrigin)) return;
    event.preventDefault();
    if (isAllowedExternal(url)) void shell.openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isSameOrigin(url, appOrigin)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
