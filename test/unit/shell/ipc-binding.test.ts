import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callChannel, eventChannel } from '../../../src/shared/ipc-contract';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { FakeBrowserWindow, FakeIpcMain, type FakeFrame } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { bindContract } = await import('../../../src/main/shell/ipc-binding');
const { createBackend } = await import('../../../src/main/backend');

const APP_ORIGIN = 'app://countersign';
const silentLog = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function setup() {
  const ipcMain = new FakeIpcMain();
  const window = new FakeBrowserWindow({});
  const backend = createBackend({
    dataDirectory: mkdtempSync(path.join(os.tmpdir(), 'countersign-ipc-')),
    host: 'electron',
    version: 'test',
    log: silentLog,
    now: new TradingHoursClock().read,
  });
  const updateSettings = vi.spyOn(backend.handlers, 'updateSettings');
  bindContract({
    ipcMain: ipcMain as never,
    handlers: backend.handlers,
    events: backend.events,
    log: silentLog,
    window: () => window as never,
    appOrigin: APP_ORIGIN,
  });
  const eventFrom = (frame: FakeFrame | null, sender = window.webContents) => ({ sender, senderFrame: frame });
  return { ipcMain, window, backend, updateSettings, eventFrom };
}

describe('binding the contract to ipcMain', () => {
  beforeEach(() => {
    FakeBrowserWindow.all.length = 0;
    silentLog.warn.mockClear();
  });

  it('answers our own window main frame', async () => {
    const { ipcMain, window, eventFrom } = setup();
    const result = await ipcMain.invoke(callChannel('getSessionState'), eventFrom(window.webContents.mainFrame), undefined);
    expect(result).toMatchObject({ ok: true, value: { phase: 'idle' } });
  });

  it('refuses a frame from a foreign origin', async () => {
    const { ipcMain, window, updateSettings, eventFrom } = setup();
    window.webContents.mainFrame.url = 'https://evil.example/';
    const result = await ipcMain.invoke(callChannel('updateSettings'), eventFrom(window.webContents.mainFrame), { theme: 'dark' });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden_sender', message: expect.any(String) } });
    expect(updateSettings).not.toHaveBeenCalled();
  });

  it('refuses a look-alike origin', async () => {
    const { ipcMain, window, eventFrom } = setup();
    window.webContents.mainFrame.url = 'app://countersign.attacker.com/index.html';
    const result = await ipcMain.invoke(callChannel('getAppInfo'), eventFrom(window.webContents.mainFrame), undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses a sub-frame, even at our origin', async () => {
    const { ipcMain, window, updateSettings, eventFrom } = setup();
    const subFrame: FakeFrame = { url: `${APP_ORIGIN}/index.html`, parent: window.webContents.mainFrame };
    const result = await ipcMain.invoke(callChannel('updateSettings'), eventFrom(subFrame), { theme: 'dark' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(updateSettings).not.toHaveBeenCalled();
  });

  it('refuses a null frame (the frame is already gone)', async () => {
    const { ipcMain, eventFrom } = setup();
    const result = await ipcMain.invoke(callChannel('getAppInfo'), eventFrom(null), undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses another window', async () => {
    const { ipcMain } = setup();
    const stranger = new FakeBrowserWindow({});
    const result = await ipcMain.invoke(
      callChannel('getAppInfo'),
      { sender: stranger.webContents, senderFrame: stranger.webContents.mainFrame },
      undefined,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses a payload that fails its schema with a typed error and never calls the handler', async () => {
    const { ipcMain, window, updateSettings, eventFrom } = setup();
    const frame = window.webContents.mainFrame;
    for (const payload of [{ theme: 'neon' }, { connection: { port: 70000 } }, { apiKey: 'sk-ant-xxx' }, 'dark', 42]) {
      const result = await ipcMain.invoke(callChannel('updateSettings'), eventFrom(frame), payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'bad_payload' } });
    }
    const extra = await ipcMain.invoke(callChannel('getAppInfo'), eventFrom(frame), { unexpected: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad_payload' } });
    expect(updateSettings).not.toHaveBeenCalled();
  });

  it('applies a valid change and pushes the event to the window', async () => {
    const { ipcMain, window, updateSettings, eventFrom } = setup();
    const result = await ipcMain.invoke(callChannel('updateSettings'), eventFrom(window.webContents.mainFrame), { theme: 'dark' });
    expect(result).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(updateSettings).toHaveBeenCalledTimes(1);
    expect(window.webContents.sent).toContainEqual({ channel: eventChannel('settings'), payload: expect.objectContaining({ theme: 'dark' }) });
  });
});
