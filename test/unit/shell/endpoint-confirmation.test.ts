import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeDialog } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { confirmEndpointWithDialog } = await import('../../../src/main/shell/endpoint-confirmation');

describe('the endpoint confirmation main shows', () => {
  afterEach(() => fakeDialog.reset());

  it('is a native dialog over the window that names the host, with Cancel as the default', async () => {
    const window = new FakeBrowserWindow({});
    const confirm = confirmEndpointWithDialog(() => window as never);
    expect(await confirm({ host: 'proxy.example.com:8443', url: 'https://proxy.example.com:8443/' })).toBe(false);
    const [shown] = fakeDialog.shown;
    expect(shown?.parent).toBe(window);
    expect(shown?.options).toMatchObject({
      message: 'Send your Anthropic API key to proxy.example.com:8443?',
      buttons: ['Cancel', 'Use proxy.example.com:8443'],
      defaultId: 0,
      cancelId: 0,
    });
    expect(String(shown?.options['detail'])).toContain('https://proxy.example.com:8443/');
  });

  it('says yes only when the person pressed the button that names the host', async () => {
    fakeDialog.nextResponse = 1;
    const confirm = confirmEndpointWithDialog(() => undefined);
    expect(await confirm({ host: 'proxy.example.com', url: 'https://proxy.example.com/' })).toBe(true);
    expect(fakeDialog.shown[0]?.parent).toBeUndefined();
  });
});
