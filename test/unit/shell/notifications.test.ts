import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../src/main/ipc/event-hub';
import type { EventName } from '../../../src/shared/ipc-contract';
import type { SessionState } from '../../../src/shared/session';
import { defaultSettings, type NotificationSettings } from '../../../src/shared/settings';
import { FakeBrowserWindow, FakeNotification } from './fake-electron';
import { advanced, draft, queue } from './queue-fixtures';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { raiseNotifications } = await import('../../../src/main/shell/notifications');

function session(phase: SessionState['phase'], message = 'x'): SessionState {
  return { phase, message, gateway: 'demo', mode: 'paper', accounts: [], since: 1 };
}

/** The person is looking elsewhere: a window exists but is not in front. */
function setup(options: { settings?: Partial<NotificationSettings>; initial?: ReturnType<typeof queue>; window?: 'background' | 'front' | 'closed' } = {}) {
  const events = new EventHub();
  const emitted: { name: EventName; payload: unknown }[] = [];
  events.subscribe((name, payload) => emitted.push({ name, payload }));
  let window: FakeBrowserWindow | undefined = options.window === 'closed' ? undefined : new FakeBrowserWindow({});
  if (window) window.focused = options.window === 'front';
  const opened: FakeBrowserWindow[] = [];
  let clock = 1_800_000_000_000;
  const settings: NotificationSettings = { ...defaultSettings.notifications, ...options.settings };
  raiseNotifications({
    events,
    windows: {
      current: () => window as never,
      open: () => {
        window = new FakeBrowserWindow({});
        opened.push(window);
        return window as never;
      },
    },
    settings: () => settings,
    initialQueue: options.initial ?? queue([]),
    now: () => clock,
  });
  return {
    events,
    settings,
    emitted,
    opened,
    window: () => window,
    advanceClock: (ms: number) => (clock += ms),
    now: () => clock,
    focusDrafts: () => emitted.filter((event) => event.name === 'focusDraft').map((event) => event.payload),
  };
}

describe('OS notifications', () => {
  beforeEach(() => {
    FakeNotification.reset();
  });

  describe('a new draft from Claude', () => {
    it('raises exactly one notification, however often the queue repeats it, and its click opens that draft', () => {
      const { events, window, focusDrafts } = setup();
      const buy = draft();
      const other = draft({ state: 'drafted', createdAt: buy.createdAt + 1 });
      events.emit('queue', queue([other]));
      events.emit('queue', queue([buy, other]));
      events.emit('queue', queue([buy, { ...other, state: 'working' }]));
      events.emit('queue', queue([advanced(buy, { version: 2, order: { ...buy.order, quantity: 12 } })]));
      expect(FakeNotification.shown).toHaveLength(1);
      const notification = FakeNotification.shown[0];
      expect(notification?.options.title).toBe('Claude drafted BUY 10 AAPL LMT 190.00 DAY');
      expect(notification?.options.body).toBe('DU1234567 · Adding to the position on the pullback.');
      expect(focusDrafts()).toEqual([]);

      notification?.emit('click');
      expect(window()?.calls).toEqual(['show', 'focus']);
      expect(focusDrafts()).toEqual([{ draftId: buy.id }]);
    });

    it('reopens a closed window on the draft once its page has loaded', () => {
      const { events, opened, focusDrafts } = setup({ window: 'closed' });
      const buy = draft();
      events.emit('queue', queue([buy]));
      FakeNotification.shown[0]?.emit('click');
      expect(opened).toHaveLength(1);
      expect(focusDrafts()).toEqual([]);
      opened[0]?.webContents.emit('did-finish-load');
      expect(focusDrafts()).toEqual([{ draftId: buy.id }]);
    });

    it('waits for a window that is still loading, and restores a minimised one', () => {
      const { events, window, focusDrafts } = setup();
      const current = window() as FakeBrowserWindow;
      current.minimized = true;
      current.webContents.loading = true;
      const buy = draft();
      events.emit('queue', queue([buy]));
      FakeNotification.shown[0]?.emit('click');
      expect(current.calls).toEqual(['restore', 'show', 'focus']);
      expect(focusDrafts()).toEqual([]);
      current.webContents.emit('did-finish-load');
      expect(focusDrafts()).toEqual([{ draftId: buy.id }]);
    });

    it('says so when a risk check blocked the draft', () => {
      const { events } = setup();
      const verdicts = [{ check: 'price-collar', label: 'Price collar', outcome: 'block' as const, explanation: 'The limit is 9.1% from the last price (collar 5%).' }];
      events.emit('queue', queue([draft({ state: 'blocked', verdicts })]));
      expect(FakeNotification.shown.map((n) => n.options.body)).toEqual(['DU1234567 · Blocked: The limit is 9.1% from the last price (collar 5%).']);
    });

    it('stays quiet for the person own ticket drafts and for drafts already there at start', () => {
      const waiting = draft();
      const { events } = setup({ initial: queue([waiting]) });
      events.emit('queue', queue([waiting]));
      events.emit('queue', queue([waiting, draft({ author: 'person' })]));
      expect(FakeNotification.shown).toHaveLength(0);
    });

    it('announces a draft that was still being checked when the app started, once it is ready', () => {
      const checking = draft({ state: 'drafted' });
      const { events } = setup({ initial: queue([checking]) });
      events.emit('queue', queue([checking]));
      expect(FakeNotification.shown).toHaveLength(0);
      events.emit('queue', queue([{ ...checking, state: 'pending' }]));
      expect(FakeNotification.shown.map((n) => n.options.title)).toEqual(['Claude drafted BUY 10 AAPL LMT 190.00 DAY']);
    });

    it('stays quiet while the window is in front, and does not come back later', () => {
      const { events, window } = setup({ window: 'front' });
      const buy = draft();
      events.emit('queue', queue([buy]));
      (window() as FakeBrowserWindow).focused = false;
      events.emit('queue', queue([buy]));
      expect(FakeNotification.shown).toHaveLength(0);
    });
  });

  describe('fills and rejections', () => {
    it('tells each fill, partial ones included, and opens the draft on click', () => {
      const sent = draft({ state: 'working', orderId: 7 });
      const { events, focusDrafts } = setup({ initial: queue([sent]) });
      const partial = advanced(sent, { state: 'partially_filled', filledQty: 4, avgFillPrice: 189.95 });
      events.emit('queue', queue([partial]));
      events.emit('queue', queue([partial]));
      const more = advanced(partial, { filledQty: 6, avgFillPrice: 189.97 });
      events.emit('queue', queue([more]));
      events.emit('queue', queue([advanced(more, { state: 'filled', filledQty: 10, avgFillPrice: 189.98 })]));
      expect(FakeNotification.shown.map((n) => n.options.title)).toEqual([
        'Partly filled: BUY 4 of 10 AAPL at 189.95',
        'Partly filled: BUY 6 of 10 AAPL at 189.97',
        'Filled: BUY 10 AAPL at 189.98',
      ]);
      expect(FakeNotification.shown[2]?.options.body).toBe('DU1234567 · BUY 10 AAPL LMT 190.00 DAY');
      FakeNotification.shown[2]?.emit('click');
      expect(focusDrafts()).toEqual([{ draftId: sent.id }]);
    });

    it('tells a broker rejection with the broker words, once', () => {
      const sent = draft({ state: 'submitting', orderId: 8 });
      const { events } = setup({ initial: queue([sent]) });
      const rejected = advanced(sent, { state: 'broker_rejected', brokerMessage: '201: Order rejected - reason: insufficient margin' });
      events.emit('queue', queue([rejected]));
      events.emit('queue', queue([rejected]));
      expect(FakeNotification.shown).toHaveLength(1);
      expect(FakeNotification.shown[0]?.options).toMatchObject({
        title: 'IB rejected BUY 10 AAPL LMT 190.00 DAY',
        body: 'DU1234567 · 201: Order rejected - reason: insufficient margin',
        urgency: 'critical',
      });
    });

    it('tells once, urgently, that an order needs checking at IB, with the reason', () => {
      const sent = draft({ state: 'submitting', orderId: 9 });
      const { events, focusDrafts } = setup({ initial: queue([sent]) });
      const review = advanced(sent, { state: 'needs_review', brokerMessage: 'Not found at IB after the restart.' });
      events.emit('queue', queue([review]));
      events.emit('queue', queue([review]));
      expect(FakeNotification.shown).toHaveLength(1);
      expect(FakeNotification.shown[0]?.options).toMatchObject({
        title: 'Check at IB: BUY 10 AAPL LMT 190.00 DAY',
        body: 'DU1234567 · Not found at IB after the restart.',
        urgency: 'critical',
      });
      expect(FakeNotification.shown[0]?.options.actions ?? []).toEqual([]);
      FakeNotification.shown[0]?.emit('click');
      expect(focusDrafts()).toEqual([{ draftId: sent.id }]);
    });

    it('does not repeat fills and rejections that happened before the app started', () => {
      const filled = draft({ state: 'filled', filledQty: 10, avgFillPrice: 190 });
      const rejected = draft({ state: 'broker_rejected', brokerMessage: 'no' });
      const { events } = setup({ initial: queue([filled, rejected]) });
      events.emit('queue', queue([filled, rejected]));
      expect(FakeNotification.shown).toHaveLength(0);
    });
  });

  describe('the session', () => {
    it('tells a person who is looking elsewhere that the session was taken, once, and brings the window forward on click', () => {
      const { events, window } = setup();
      events.emit('sessionState', session('ready'));
      events.emit('sessionState', session('taken', 'Another login took this IB session (TWS, the web portal or the mobile app).'));
      events.emit('sessionState', session('taken', 'again'));
      expect(FakeNotification.shown).toHaveLength(1);
      const notification = FakeNotification.shown[0];
      expect(notification?.options.title).toBe('Your IB session was taken');
      expect(notification?.options.body).toContain('Another login took this IB session');
      notification?.emit('click');
      expect(window()?.calls).toContain('focus');
    });

    it('tells a lost connection with the next step, and stays quiet for healthy states', () => {
      const { events } = setup();
      events.emit('sessionState', { ...session('lost', 'The gateway stopped answering.'), nextStep: 'Countersign is reconnecting.' });
      events.emit('sessionState', session('connecting'));
      events.emit('sessionState', session('syncing'));
      events.emit('sessionState', session('ready'));
      expect(FakeNotification.shown.map((n) => [n.options.title, n.options.body])).toEqual([
        ['Connection to the gateway lost', 'The gateway stopped answering. Countersign is reconnecting.'],
      ]);
    });

    it('stays quiet when the window is in front (the pop-up is enough)', () => {
      const { events, window } = setup({ window: 'front' });
      events.emit('sessionState', session('lost'));
      (window() as FakeBrowserWindow).focused = false;
      events.emit('sessionState', session('ready'));
      expect(FakeNotification.shown).toHaveLength(0);
    });
  });

  describe('settings', () => {
    it('honours each kind on its own', () => {
      const sent = draft({ state: 'working' });
      const { events, settings } = setup({ initial: queue([sent]), settings: { newDraft: false, fills: false } });
      events.emit('queue', queue([sent, draft()]));
      events.emit('queue', queue([advanced(sent, { state: 'filled', filledQty: 10, avgFillPrice: 190 })]));
      events.emit('sessionState', session('lost'));
      expect(FakeNotification.shown.map((n) => n.options.title)).toEqual(['Connection to the gateway lost']);

      settings.sessionProblems = false;
      settings.rejections = false;
      settings.newDraft = true;
      const second = draft({ state: 'submitting' });
      events.emit('sessionState', session('ready'));
      events.emit('sessionState', session('taken'));
      events.emit('queue', queue([second]));
      events.emit('queue', queue([advanced(second, { state: 'broker_rejected' })]));
      const third = draft({ rationale: '' });
      events.emit('queue', queue([third]));
      expect(FakeNotification.shown.map((n) => n.options.title)).toEqual([
        'Connection to the gateway lost',
        'Claude drafted BUY 10 AAPL LMT 190.00 DAY',
      ]);
      expect(FakeNotification.shown[1]?.options.body).toBe('DU1234567 · Waiting for your approval in Countersign.');
    });

    it('keeps every kind quiet during a do-not-disturb period, and speaks again after it', () => {
      const sent = draft({ state: 'working' });
      const { events, settings, now, advanceClock } = setup({ initial: queue([sent]) });
      settings.focusUntil = now() + 30 * 60_000;
      events.emit('queue', queue([sent, draft()]));
      events.emit('queue', queue([advanced(sent, { state: 'broker_rejected' })]));
      events.emit('sessionState', session('taken'));
      advanceClock(30 * 60_000 - 1);
      events.emit('queue', queue([draft()]));
      expect(FakeNotification.shown).toHaveLength(0);

      advanceClock(1);
      const after = draft();
      events.emit('queue', queue([after]));
      expect(FakeNotification.shown.map((n) => n.options.title)).toEqual(['Claude drafted BUY 10 AAPL LMT 190.00 DAY']);
    });

    it('does nothing where the OS has no notifications', () => {
      FakeNotification.supported = false;
      const { events } = setup();
      events.emit('queue', queue([draft()]));
      events.emit('sessionState', session('taken'));
      expect(FakeNotification.constructed).toHaveLength(0);
    });
  });

  it('never offers an action on any notification: approving takes a keypress in the window', () => {
    const sent = draft({ state: 'working' });
    const other = draft({ state: 'submitting' });
    const { events } = setup({ initial: queue([sent, other]) });
    events.emit('queue', queue([sent, other, draft(), draft({ state: 'blocked' })]));
    events.emit('queue', queue([advanced(sent, { state: 'partially_filled', filledQty: 2 }), advanced(other, { state: 'broker_rejected' })]));
    events.emit('queue', queue([advanced(sent, { state: 'filled', filledQty: 10 })]));
    events.emit('sessionState', session('lost'));
    events.emit('sessionState', session('taken'));
    events.emit('sessionState', session('failed'));
    expect(FakeNotification.constructed).toHaveLength(8);
    for (const notification of FakeNotification.constructed) {
      expect(notification.options.actions).toBeUndefined();
      expect(notification.options).not.toHaveProperty('hasReply');
      expect(notification.listenerCount('action')).toBe(0);
      expect(notification.listenerCount('reply')).toBe(0);
    }
  });
});
