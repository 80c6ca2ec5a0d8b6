import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeBrowserWindow, fakeShell } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { createMainWindow, secureWebPreferences } = await import('../../../src/main/shell/main-window');

const APP_ORIGIN = 'app://countersign';

function openWindow(): FakeBrowserWindow {
  return createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    appOrigin: APP_ORIGIN,
    startUrl: `${APP_ORIGIN}/index.html`,
  }) as unknown as FakeBrowserWindow;
}

describe('the main window', () => {
  beforeEach(() => {
    fakeShell.openExternal.mockClear();
  });

  it('is sandboxed and isolated, with no Node and no security overrides', () => {
    const window = openWindow();
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toEqual(secureWebPreferences('/app/out/preload/index.cjs'));
    expect(prefs['contextIsolation']).toBe(true);
    expect(prefs['sandbox']).toBe(true);
    expect(prefs['nodeIntegration']).toBe(false);
    expect(prefs['nodeIntegrationInSubFrames']).toBe(false);
    expect(prefs['webSecurity']).toBe(true);
    expect(prefs['allowRunningInsecureContent']).toBe(false);
    expect(prefs['webviewTag']).toBe(false);
    expect(prefs['preload']).toBe('/app/out/preload/index.cjs');
    expect(window.loadedUrls).toEqual([`${APP_ORIGIN}/index.html`]);
  });

  it('stays on its own origin and refuses look-alike hosts', () => {
    const window = openWindow();
    const contents = window.webContents;
    expect(contents.attempt('will-navigate', `${APP_ORIGIN}/index.html#queue`)).toBe(false);
    expect(contents.attempt('will-navigate', 'app://countersign.attacker.com/index.html')).toBe(true);
    expect(contents.attempt('will-navigate', 'https://example.com.attacker.com/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fakeShell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses a look-alike of an allowed origin when the app runs on a dev server', () => {
    const window = createMainWindow({
      preloadPath: '/p.cjs',
      appOrigin: 'https://example.com',
      startUrl: 'https://example.com/',
    }) as unknown as FakeBrowserWindow;
    expect(window.webContents.attempt('will-navigate', 'https://example.com/queue')).toBe(false);
    expect(window.webContents.attempt('will-navigate', 'https://example.com.attacker.com/')).toBe(true);
    expect(window.webContents.attempt('will-navigate', 'http://example.com/')).toBe(true);
  });

  it('denies every new window and opens only allow-listed https links in the browser', () => {
    const window = openWindow();
    const handler = window.webContents.windowOpenHandler;
    expect(handler).toBeDefined();
    expect(handler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(fakeShell.openExternal).not.toHaveBeenCalled();
    expect(handler?.({ url: 'https://www.interactivebrokers.com/en/trading/ib-api.php' })).toEqual({ action: 'deny' });
    expect(fakeShell.openExternal).toHaveBeenCalledWith('https://www.interactivebrokers.com/en/trading/ib-api.php');
    expect(handler?.({ url: 'http://www.interactivebrokers.com/' })).toEqual({ action: 'deny' });
    expect(fakeShell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses to attach webviews', () => {
    const window = openWindow();
    expect(window.webContents.attempt('will-attach-webview', '')).toBe(true);
  });
});
