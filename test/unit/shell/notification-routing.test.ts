import { describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../src/main/ipc/event-hub';
import type { EventName } from '../../../src/shared/ipc-contract';
import { FakeBrowserWindow, FakeNotification } from './fake-electron';
import { draft, queue } from './queue-fixtures';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { routeClicksAfterRestart, routeNotificationClick, notificationTag, windowsToastXml } = await import('../../../src/main/shell/notification-routing');
const { raiseNotifications } = await import('../../../src/main/shell/notifications');

// A click on a notification left over from an earlier run (Windows' Action
// Center, macOS' Notification Centre) reaches a process that never created
// it: the tag it carries is what routes it.

function setup(view = queue([])) {
  FakeNotification.reset();
  FakeBrowserWindow.all.length = 0;
  const events = new EventHub();
  const emitted: { name: EventName; payload: unknown }[] = [];
  events.subscribe((name, payload) => emitted.push({ name, payload }));
  let window: FakeBrowserWindow | undefined;
  const windows = {
    current: () => window as never,
    open: () => {
      window = new FakeBrowserWindow({});
      return window as never;
    },
  };
  const route = (tag: string | undefined): void => routeNotificationClick(tag, windows, events, () => view);
  const focused = (): unknown[] => emitted.filter((event) => event.name === 'focusDraft').map((event) => event.payload);
  const finishLoading = (): void => void window?.webContents.emit('did-finish-load');
  return { events, emitted, windows, route, focused, finishLoading, window: () => window };
}

describe('notification clicks after a restart', () => {
  it('on Windows, the click that cold-started the app opens its draft once the window has loaded', async () => {
    const waiting = draft();
    const { route, focused, finishLoading, window } = setup(queue([waiting]));
    FakeNotification.activate(notificationTag(waiting.id));
    await routeClicksAfterRestart({ platform: 'win32', notifications: FakeNotification as never, route });
    expect(window()?.calls).toEqual(expect.arrayContaining(['show', 'focus']));
    finishLoading();
    expect(focused()).toEqual([{ draftId: waiting.id }]);
  });

  it('a draft that is gone opens the queue at the oldest draft waiting instead', async () => {
    const older = draft({ createdAt: 1 });
    const { route, focused, finishLoading } = setup(queue([draft({ createdAt: 9 }), older]));
    await routeClicksAfterRestart({ platform: 'win32', notifications: FakeNotification as never, route });
    FakeNotification.activate(notificationTag('5c4f1d7e-0d0e-4c8a-9a55-2f4c6f7f7a11'));
    finishLoading();
    expect(focused()).toEqual([{ draftId: older.id }]);
  });

  it('a session notice (or an unknown tag) just brings the window forward', async () => {
    const { route, focused, window } = setup(queue([draft()]));
    await routeClicksAfterRestart({ platform: 'win32', notifications: FakeNotification as never, route });
    FakeNotification.activate('');
    expect(window()?.calls).toEqual(expect.arrayContaining(['show', 'focus']));
    expect(focused()).toEqual([]);
  });

  it('on macOS, notifications still in Notification Centre get their click back and open their draft', async () => {
    const waiting = draft();
    const { route, focused, finishLoading } = setup(queue([waiting]));
    const restored = new FakeNotification({ title: 'Claude drafted BUY 10 AAPL', body: '', id: notificationTag(waiting.id) });
    FakeNotification.history = [restored];
    await routeClicksAfterRestart({ platform: 'darwin', notifications: FakeNotification as never, route });
    restored.emit('click');
    finishLoading();
    expect(focused()).toEqual([{ draftId: waiting.id }]);
  });

  it('each draft notification carries its tag, and on Windows a toast whose launch argument is that tag', () => {
    const { events, windows } = setup();
    const stop = raiseNotifications({ events, windows, settings: () => ({ newDraft: true, sessionProblems: true, fills: true, rejections: true, needsReview: true }), initialQueue: queue([]), platform: 'win32', now: () => 0 });
    const fresh = draft({ contract: { symbol: 'AT&T<', secType: 'STK', exchange: 'SMART', currency: 'USD' } });
    events.emit('queue', queue([fresh]));
    const shown = FakeNotification.shown[0];
    expect(shown?.options.id).toBe(notificationTag(fresh.id));
    expect(shown?.options['toastXml']).toContain(`launch="${notificationTag(fresh.id)}"`);
    expect(shown?.options['toastXml']).toContain('AT&amp;T&lt;');
    stop();
  });

  it('escapes what it puts in the toast: a broker message is not markup', () => {
    expect(windowsToastXml({ title: '"quoted"', body: "<b>x</b> & 'y'", urgency: 'critical' }, 'countersign:window')).toBe(
      '<toast launch="countersign:window" activationType="foreground" scenario="urgent"><visual><binding template="ToastGeneric"><text>&quot;quoted&quot;</text><text>&lt;b&gt;x&lt;/b&gt; &amp; &apos;y&apos;</text></binding></visual></toast>',
    );
  });
});
