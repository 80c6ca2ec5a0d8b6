import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../src/main/ipc/event-hub';
import type { EventName } from '../../../src/shared/ipc-contract';
import { defaultShortcutSettings, Settings } from '../../../src/shared/settings';
import type { GlobalShortcutStatus } from '../../../src/shared/shell-notices';
import { FakeBrowserWindow, fakeGlobalShortcut } from './fake-electron';
import { draft, queue } from './queue-fixtures';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { bindGlobalShortcuts, waylandShortcutsNote } = await import('../../../src/main/shell/global-shortcuts');
const { openOnQueue, openOnHaltConfirmation } = await import('../../../src/main/shell/bring-forward');

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const HALT = 'CommandOrControl+Alt+Shift+H';

function setup() {
  const actions = { showQueue: vi.fn(), askToHalt: vi.fn() };
  const published: GlobalShortcutStatus[] = [];
  const shortcuts = bindGlobalShortcuts({ actions, log, publish: (status) => published.push(status) });
  return { actions, published, shortcuts };
}

describe('global shortcuts', () => {
  beforeEach(() => {
    fakeGlobalShortcut.reset();
    log.warn.mockClear();
  });

  it("by default take no combination that VS Code, Chrome, Finder or JetBrains use, and never one that halts", () => {
    const { shortcuts } = setup();
    shortcuts.apply(defaultShortcutSettings);
    expect([...fakeGlobalShortcut.registered.keys()]).toEqual(['CommandOrControl+Alt+Shift+Y']);
    for (const taken of ['CommandOrControl+Shift+A', 'CommandOrControl+Shift+H']) expect(fakeGlobalShortcut.isRegistered(taken)).toBe(false);
    expect(shortcuts.status().shortcuts.find((entry) => entry.action === 'haltTrading')).toMatchObject({ state: 'off' });
  });

  it('settings stored before shortcuts were configurable get the safe defaults', () => {
    const stored = { connection: { target: 'demo', host: '127.0.0.1', port: 4002, clientId: 17, liveTradingEnabled: false }, theme: 'system' };
    expect(Settings.parse(stored).shortcuts).toEqual({ showQueue: 'CommandOrControl+Alt+Shift+Y', haltTrading: '' });
  });

  it('refuses a combination without a modifier: it would take a plain key from every app', () => {
    expect(Settings.shape.shortcuts.safeParse({ showQueue: 'H', haltTrading: '' }).success).toBe(false);
    expect(Settings.shape.shortcuts.safeParse({ showQueue: 'Alt+Shift+F9', haltTrading: HALT }).success).toBe(true);
  });

  it('a halt shortcut the person set only asks, in the window, whether to halt', () => {
    const { actions, shortcuts } = setup();
    shortcuts.apply({ showQueue: '', haltTrading: HALT });
    fakeGlobalShortcut.press(HALT);
    expect(actions.askToHalt).toHaveBeenCalledTimes(1);

    const events = new EventHub();
    const emitted: { name: EventName; payload: unknown }[] = [];
    events.subscribe((name, payload) => emitted.push({ name, payload }));
    const window = new FakeBrowserWindow({});
    window.visible = false;
    openOnHaltConfirmation({ current: () => window as never, open: () => window as never }, events, 1234);
    expect(window.visible).toBe(true);
    expect(emitted).toEqual([{ name: 'confirmHalt', payload: { requestedAt: 1234 } }]);
    expect(emitted.some((event) => event.name === 'queue')).toBe(false);
  });

  it('says which combination another app owns, keeps the rest, and releases only what it took', () => {
    fakeGlobalShortcut.othersOwn.add('CommandOrControl+Alt+Shift+Y');
    const { shortcuts, published } = setup();
    shortcuts.apply({ showQueue: 'CommandOrControl+Alt+Shift+Y', haltTrading: HALT });
    expect([...fakeGlobalShortcut.registered.keys()]).toEqual([HALT]);
    expect(published.at(-1)?.shortcuts).toEqual([
      expect.objectContaining({ action: 'showQueue', state: 'refused', message: expect.stringContaining('already used by another application') }),
      expect.objectContaining({ action: 'haltTrading', state: 'active' }),
    ]);
    fakeGlobalShortcut.registered.set('Other+Key', () => {});
    shortcuts.release();
    expect([...fakeGlobalShortcut.registered.keys()]).toEqual(['Other+Key']);
  });

  it('tells the person what to do when the OS accepted a combination and delivers it elsewhere', () => {
    fakeGlobalShortcut.silentlyTaken.add('CommandOrControl+Alt+Shift+Y');
    const { actions, shortcuts } = setup();
    const status = shortcuts.apply(defaultShortcutSettings);
    fakeGlobalShortcut.press('CommandOrControl+Alt+Shift+Y');
    expect(actions.showQueue).not.toHaveBeenCalled();
    expect(status.shortcuts[0]?.message).toMatch(/If pressing it does nothing, another application took it first/);
  });

  it('follows a change of settings: the old combination is released, the new one taken', () => {
    const { shortcuts } = setup();
    shortcuts.apply(defaultShortcutSettings);
    shortcuts.apply({ showQueue: 'CommandOrControl+Alt+Shift+F9', haltTrading: '' });
    expect([...fakeGlobalShortcut.registered.keys()]).toEqual(['CommandOrControl+Alt+Shift+F9']);
  });

  it('on Wayland says that they go through the desktop portal, and nowhere else', () => {
    expect(waylandShortcutsNote('linux', { XDG_SESSION_TYPE: 'wayland' })).toMatch(/GlobalShortcuts portal[\s\S]*unavailable/);
    expect(waylandShortcutsNote('linux', { XDG_SESSION_TYPE: 'x11' })).toBeUndefined();
    expect(waylandShortcutsNote('darwin', { XDG_SESSION_TYPE: 'wayland' })).toBeUndefined();
  });

  it('brings the window forward on the oldest draft waiting, or just forward when none waits', () => {
    const events = new EventHub();
    const emitted: { name: EventName; payload: unknown }[] = [];
    events.subscribe((name, payload) => emitted.push({ name, payload }));
    const window = new FakeBrowserWindow({});
    window.visible = false;
    const windows = { current: () => window as never, open: () => window as never };
    let view = queue([]);
    const shortcuts = bindGlobalShortcuts({ actions: { showQueue: () => openOnQueue(windows, events, view), askToHalt: vi.fn() }, log, publish: vi.fn() });
    shortcuts.apply(defaultShortcutSettings);

    fakeGlobalShortcut.press(defaultShortcutSettings.showQueue);
    expect(window.calls).toEqual(['show', 'focus']);
    expect(emitted).toEqual([]);

    const older = draft({ createdAt: 1 });
    view = queue([draft({ createdAt: 5 }), draft({ createdAt: 0, state: 'blocked' }), older]);
    fakeGlobalShortcut.press(defaultShortcutSettings.showQueue);
    expect(window.visible).toBe(true);
    expect(emitted).toEqual([{ name: 'focusDraft', payload: { draftId: older.id } }]);
  });
});
