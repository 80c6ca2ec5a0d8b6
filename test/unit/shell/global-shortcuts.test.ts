import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../src/main/contract/event-hub';
import type { EventName } from '../../../src/shared/contract';
import { FakeBrowserWindow, fakeGlobalShortcut } from './fake-electron';
import { draft, queue } from './queue-fixtures';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { registerGlobalShortcuts, QUEUE_SHORTCUT, HALT_SHORTCUT } = await import('../../../src/main/shell/global-shortcuts');
const { openOnQueue } = await import('../../../src/main/shell/bring-forward');

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

describe('global shortcuts', () => {
  beforeEach(() => {
    fakeGlobalShortcut.reset();
    log.warn.mockClear();
  });

  it('takes Ctrl/Cmd+Shift+A for the queue and Ctrl/Cmd+Shift+H for halt, and releases both', () => {
    const actions = { showQueue: vi.fn(), haltTrading: vi.fn() };
    const release = registerGlobalShortcuts(actions, log);
    expect([...fakeGlobalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+A', 'CommandOrControl+Shift+H']);
    fakeGlobalShortcut.press(HALT_SHORTCUT);
    expect(actions.haltTrading).toHaveBeenCalledTimes(1);
    expect(actions.showQueue).not.toHaveBeenCalled();
    fakeGlobalShortcut.press(QUEUE_SHORTCUT);
    expect(actions.showQueue).toHaveBeenCalledTimes(1);
    release();
    expect(fakeGlobalShortcut.registered.size).toBe(0);
  });

  it('keeps working when another app owns one combination, says so, and releases only what it took', () => {
    fakeGlobalShortcut.othersOwn.add(QUEUE_SHORTCUT);
    const actions = { showQueue: vi.fn(), haltTrading: vi.fn() };
    const release = registerGlobalShortcuts(actions, log);
    expect([...fakeGlobalShortcut.registered.keys()]).toEqual([HALT_SHORTCUT]);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('CommandOrControl+Shift+A is used by another application'));
    fakeGlobalShortcut.registered.set('Other+Key', () => {});
    release();
    expect([...fakeGlobalShortcut.registered.keys()]).toEqual(['Other+Key']);
  });

  it('brings the window forward on the oldest draft waiting, or just forward when none waits', () => {
    const events = new EventHub();
    const emitted: { name: EventName; payload: unknown }[] = [];
    events.subscribe((name, payload) => emitted.push({ name, payload }));
    const window = new FakeBrowserWindow({});
    window.visible = false;
    const windows = { current: () => window as never, open: () => window as never };
    let view = queue([]);
    registerGlobalShortcuts({ showQueue: () => openOnQueue(windows, events, view), haltTrading: vi.fn() }, log);

    fakeGlobalShortcut.press(QUEUE_SHORTCUT);
    expect(window.calls).toEqual(['show', 'focus']);
    expect(emitted).toEqual([]);

    const older = draft({ createdAt: 1 });
    view = queue([draft({ createdAt: 5 }), draft({ createdAt: 0, state: 'blocked' }), older]);
    fakeGlobalShortcut.press(QUEUE_SHORTCUT);
    expect(window.visible).toBe(true);
    expect(emitted).toEqual([{ name: 'focusDraft', payload: { draftId: older.id } }]);
  });
});
