import { describe, expect, it, vi } from 'vitest';
import { FakeApp } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { settleAppFlavour, INSTALLED_APP_ID, DEV_APP_ID } = await import('../../../src/main/shell/app-flavour');

function fakeApp(packaged: boolean): FakeApp {
  const app = new FakeApp();
  app.isPackaged = packaged;
  app.paths.set('appData', '/home/ada/.config');
  app.paths.set('userData', '/home/ada/.config/Countersign');
  return app;
}

describe("the app's identity on Windows", () => {
  it('gives the installed app the id its installer registers, and `npm start` another, so dev toasts never land on the installed app', () => {
    const installed = fakeApp(true);
    const dev = fakeApp(false);
    settleAppFlavour(installed, 'win32');
    settleAppFlavour(dev, 'win32');
    expect(installed.appUserModelId).toBe(INSTALLED_APP_ID);
    expect(dev.appUserModelId).toBe(DEV_APP_ID);
    expect(DEV_APP_ID).not.toBe(INSTALLED_APP_ID);
  });

  it('sets no id elsewhere (macOS and Linux take the identity from the bundle and the .desktop file)', () => {
    const app = fakeApp(true);
    settleAppFlavour(app, 'darwin');
    expect(app.appUserModelId).toBeUndefined();
  });
});
