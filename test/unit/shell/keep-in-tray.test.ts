import { describe, expect, it, vi } from 'vitest';
import type { TraySettings } from '../../../src/shared/settings';
import { FakeBrowserWindow } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { keepInTrayOnClose, quitsWhenWindowsClose } = await import('../../../src/main/shell/keep-in-tray');

function setup(keepRunningInTray: boolean) {
  const settings: TraySettings = { keepRunningInTray };
  let quitting = false;
  const window = new FakeBrowserWindow({});
  keepInTrayOnClose(window as never, { settings: () => settings, quitting: () => quitting });
  return { window, settings, quit: () => (quitting = true) };
}

describe('closing the window', () => {
  it('hides it and keeps the app running when the tray setting is on', () => {
    const { window } = setup(true);
    window.close();
    expect(window.destroyed).toBe(false);
    expect(window.visible).toBe(false);
    expect(window.calls).toEqual(['hide']);
  });

  it('really closes it when the setting is off, including after it is switched off', () => {
    const off = setup(false).window;
    off.close();
    expect(off.destroyed).toBe(true);

    const { window, settings } = setup(true);
    settings.keepRunningInTray = false;
    window.close();
    expect(window.destroyed).toBe(true);
  });

  it('really closes it when the person quits, or when Windows ends the session', () => {
    const quitting = setup(true);
    quitting.quit();
    quitting.window.close();
    expect(quitting.window.destroyed).toBe(true);

    const ending = setup(true);
    ending.window.emit('session-end');
    ending.window.close();
    expect(ending.window.destroyed).toBe(true);
  });

  it('ends the app with its last window only where that is the convention and the tray is off', () => {
    expect(quitsWhenWindowsClose('win32', { keepRunningInTray: false })).toBe(true);
    expect(quitsWhenWindowsClose('linux', { keepRunningInTray: false })).toBe(true);
    expect(quitsWhenWindowsClose('linux', { keepRunningInTray: true })).toBe(false);
    expect(quitsWhenWindowsClose('darwin', { keepRunningInTray: false })).toBe(false);
  });
});
