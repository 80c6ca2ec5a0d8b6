import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../src/main/contract/event-hub';
import type { SessionState } from '../../../src/shared/session';
import { FakeBrowserWindow, FakeNotification } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { notifySessionProblems } = await import('../../../src/main/shell/session-notifications');

function state(phase: SessionState['phase'], message = 'x'): SessionState {
  return { phase, message, gateway: 'demo', mode: 'paper', accounts: [], since: Date.now() };
}

describe('OS notifications for session problems', () => {
  beforeEach(() => {
    FakeNotification.shown.length = 0;
  });

  it('tells a person who is looking elsewhere that the session was taken, once, and brings the window forward on click', () => {
    const events = new EventHub();
    const window = new FakeBrowserWindow({});
    window.focused = false;
    notifySessionProblems(events, () => window as never);
    events.emit('sessionState', state('ready'));
    events.emit('sessionState', state('taken', 'Another login took this IB session (TWS, the web portal or the mobile app).'));
    events.emit('sessionState', state('taken', 'again'));
    expect(FakeNotification.shown).toHaveLength(1);
    const notification = FakeNotification.shown[0];
    expect(notification?.options.title).toBe('Your IB session was taken');
    expect(notification?.options.body).toContain('Another login took this IB session');
    expect(notification?.options.actions).toBeUndefined();
    notification?.emit('click');
    expect(window.calls).toContain('focus');
  });

  it('stays quiet when the window is in front (the pop-up is enough) and for healthy states', () => {
    const events = new EventHub();
    const window = new FakeBrowserWindow({});
    notifySessionProblems(events, () => window as never);
    events.emit('sessionState', state('lost'));
    window.focused = false;
    events.emit('sessionState', state('ready'));
    events.emit('sessionState', state('syncing'));
    expect(FakeNotification.shown).toHaveLength(0);
  });
});
