import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { CallFailure } from '../../../src/main/ipc/call-error';
import { EventHub } from '../../../src/main/ipc/event-hub';
import type { EventName } from '../../../src/shared/ipc-contract';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import type { HaltOutcome } from '../../../src/shared/shell-notices';
import { FakeBrowserWindow, FakeNotification, FakeTray } from './fake-electron';
import { draft, queue } from './queue-fixtures';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { createQueueTray, trayIcons, clockTime, TRAY_MENU_DRAFTS } = await import('../../../src/main/shell/tray');
const { openOnDraft, bringForward } = await import('../../../src/main/shell/bring-forward');
const { haltTradingFromShell } = await import('../../../src/main/shell/halt-trading');
const { createBackend } = await import('../../../src/main/backend');

const silentLog = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const icons = trayIcons('/res/tray', 'linux');
const cleanups: (() => Promise<void> | void)[] = [];

function setup(initial = queue([])) {
  const events = new EventHub();
  const emitted: { name: EventName; payload: unknown }[] = [];
  events.subscribe((name, payload) => emitted.push({ name, payload }));
  const window = new FakeBrowserWindow({});
  window.visible = false;
  window.focused = false;
  const windows = { current: () => window as never, open: () => window as never };
  const actions = {
    openDraft: vi.fn((id: string) => openOnDraft(windows, events, id)),
    showWindow: vi.fn(() => void bringForward(windows)),
    haltTrading: vi.fn(),
    quit: vi.fn(),
  };
  const counts: number[] = [];
  const remove = createQueueTray({ events, icons, actions, initial, onCount: (count) => counts.push(count) });
  const tray = FakeTray.all.at(-1) as FakeTray;
  return { events, emitted, window, actions, tray, remove, counts };
}

function draftLabels(tray: FakeTray): string[] {
  return (tray.menu?.items ?? []).filter((item) => item.label?.startsWith('BUY') || item.label?.startsWith('SELL')).map((item) => item.label ?? '');
}

describe('the tray', () => {
  beforeEach(() => {
    FakeTray.all.length = 0;
    FakeNotification.reset();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('shows how many drafts wait for the person, and follows the queue', () => {
    const { events, tray, counts } = setup();
    expect(tray.tooltip).toBe('Countersign: no drafts waiting');
    expect(tray.title).toBe('');
    expect(tray.image).toBe('/res/tray/tray.png');
    expect(tray.item('No drafts waiting').enabled).toBe(false);

    const first = draft();
    const second = draft({ createdAt: first.createdAt + 1 });
    // Only 'pending' counts: checking, blocked and in-flight drafts cannot be approved.
    events.emit('queue', queue([first, second, draft({ state: 'blocked' }), draft({ state: 'drafted' }), draft({ state: 'working' })]));
    expect(tray.tooltip).toBe('Countersign: 2 drafts waiting for you');
    expect(tray.title).toBe('2');
    expect(tray.image).toBe('/res/tray/tray-attention.png');
    expect(tray.item('2 drafts waiting for you').enabled).toBe(false);

    events.emit('queue', queue([{ ...first, state: 'submitting' }, second]));
    expect(tray.tooltip).toBe('Countersign: 1 draft waiting for you');
    expect(tray.title).toBe('1');

    events.emit('queue', queue([{ ...second, state: 'rejected' }], 'halted'));
    expect(tray.tooltip).toBe('Countersign: no drafts waiting · trading halted');
    expect(tray.title).toBe('');
    expect(tray.image).toBe('/res/tray/tray.png');
    expect(tray.item('Trading is halted').enabled).toBe(false);
    expect(counts).toEqual([0, 2, 1, 0]);
  });

  it('starts from the queue as it already is', () => {
    const { tray } = setup(queue([draft(), draft()]));
    expect(tray.tooltip).toBe('Countersign: 2 drafts waiting for you');
    expect(tray.image).toBe('/res/tray/tray-attention.png');
  });

  it('lists the oldest pending drafts, at most ten, and each opens the window on that draft', () => {
    const { events, tray, window, emitted } = setup();
    const sell = draft({
      createdAt: 1_790_000_000_000 - 1,
      order: { side: 'SELL', quantity: 5, orderType: 'STP_LMT', stopPrice: 180, limitPrice: 179.5, tif: 'GTC', outsideRth: false },
      contract: { symbol: 'MSFT', secType: 'STK', exchange: 'SMART', currency: 'USD' },
    });
    const buys = Array.from({ length: 11 }, (_, i) => draft({ createdAt: 1_790_000_000_000 + i, order: { side: 'BUY', quantity: i + 1, orderType: 'MKT', tif: 'DAY', outsideRth: false } }));
    events.emit('queue', queue([...buys.reverse(), sell]));
    const labels = draftLabels(tray);
    expect(labels).toHaveLength(TRAY_MENU_DRAFTS);
    expect(labels[0]).toBe('SELL 5 MSFT STP LMT stop 180.00 limit 179.50 GTC');
    expect(labels.slice(1)).toEqual(Array.from({ length: 9 }, (_, i) => `BUY ${i + 1} AAPL MKT DAY`));
    expect(tray.tooltip).toBe('Countersign: 12 drafts waiting for you');

    tray.item('BUY 3 AAPL MKT DAY').click?.();
    expect(window.calls).toEqual(['show', 'focus']);
    expect(window.visible).toBe(true);
    const third = buys.find((b) => b.order.quantity === 3);
    expect(emitted.filter((e) => e.name === 'focusDraft').map((e) => e.payload)).toEqual([{ draftId: third?.id }]);

    tray.item('2 more in the queue…').click?.();
    expect(window.calls).toEqual(['show', 'focus', 'show', 'focus']);
  });

  it('shows the window, halts and quits from the menu; a click on the icon shows the window', () => {
    const { tray, actions } = setup();
    tray.item('Show Countersign').click?.();
    expect(actions.showWindow).toHaveBeenCalledTimes(1);
    tray.emit('click');
    expect(actions.showWindow).toHaveBeenCalledTimes(2);
    tray.item('Halt trading').click?.();
    expect(actions.haltTrading).toHaveBeenCalledTimes(1);
    tray.item('Quit Countersign').click?.();
    expect(actions.quit).toHaveBeenCalledTimes(1);
  });

  it('does not rebuild an unchanged menu on every queue event, but does when a draft is replaced by a look-alike', () => {
    const { events, tray } = setup();
    const first = draft();
    events.emit('queue', queue([first]));
    const built = tray.menusBuilt;
    events.emit('queue', queue([first, draft({ state: 'working' })]));
    expect(tray.menusBuilt).toBe(built);
    const lookAlike = draft();
    events.emit('queue', queue([{ ...first, state: 'rejected' }, lookAlike]));
    expect(tray.menusBuilt).toBe(built + 1);
    expect(draftLabels(tray)).toEqual(['BUY 10 AAPL LMT 190.00 DAY']);
  });

  it('goes away when removed', () => {
    const { events, tray, remove } = setup();
    remove();
    expect(tray.destroyed).toBe(true);
    events.emit('queue', queue([draft()]));
    expect(tray.tooltip).toBe('Countersign: no drafts waiting');
  });

  it('uses the template image on macOS, where the count is the title next to it, and the ICO files on Windows', () => {
    expect(trayIcons('/r', 'darwin')).toEqual({ idle: '/r/trayTemplate.png', attention: '/r/trayTemplate.png' });
    expect(trayIcons('/r', 'win32')).toEqual({ idle: '/r/tray.ico', attention: '/r/tray-attention.ico' });
    expect(trayIcons('/r', 'linux')).toEqual({ idle: '/r/tray.png', attention: '/r/tray-attention.png' });
  });
});

describe('halting trading from the tray', () => {
  let backend: Backend | undefined;
  let directory: string | undefined;

  beforeEach(() => {
    FakeNotification.reset();
    directory = mkdtempSync(path.join(os.tmpdir(), 'countersign-tray-'));
    backend = createBackend({ dataDirectory: directory, host: 'electron', version: 'test', log: silentLog, now: new TradingHoursClock().read, connectOnStart: false });
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await backend?.stop();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('halts through the contract, the tray shows it, and a notification confirms it', async () => {
    const live = backend as Backend;
    await live.handlers.setTradingState({ state: 'active' });
    const tray = setupWithBackend(live);
    const result = await haltTradingFromShell(live.handlers, silentLog, report(live), () => HALT_AT);
    expect(result).toEqual({ ok: true, value: 'halted' });
    expect(await live.handlers.getQueue(undefined)).toMatchObject({ tradingState: 'halted' });
    expect(tray.tooltip).toBe(`Countersign: no drafts waiting · trading halted at ${clockTime(HALT_AT)}`);
    expect(FakeNotification.shown.map((n) => [n.options.title, n.options.body])).toEqual([
      ['Trading halted', 'No draft can be approved. Countersign is not connected to IB, so open orders could not be cancelled from here.'],
    ]);
    expect(FakeNotification.shown[0]?.options.actions).toBeUndefined();
  });

  it('says loudly when the halt did not happen', async () => {
    const live = backend as Backend;
    const handlers = {
      ...live.handlers,
      haltTrading: () => {
        throw new CallFailure('unavailable', 'The database could not be opened.');
      },
    };
    const result = await haltTradingFromShell(handlers, silentLog, report(live), () => HALT_AT);
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(FakeNotification.shown.map((n) => n.options)).toEqual([
      expect.objectContaining({ title: 'Trading was NOT halted', body: 'The database could not be opened.', urgency: 'critical' }),
    ]);
  });

  it('tells a failed halt in the tray and the window when the OS never shows the notification', async () => {
    FakeNotification.delivered = false;
    const live = backend as Backend;
    const tray = setupWithBackend(live);
    const told: unknown[] = [];
    live.events.subscribe((name, payload) => name === 'haltOutcome' && told.push(payload));
    const failing = {
      ...live.handlers,
      haltTrading: () => {
        throw new CallFailure('unavailable', 'The database could not be opened.');
      },
    };
    await haltTradingFromShell(failing, silentLog, report(live), () => HALT_AT);
    expect(FakeNotification.seen).toEqual([]);
    expect(tray.tooltip).toBe(`Countersign: HALT FAILED at ${clockTime(HALT_AT)} · no drafts waiting`);
    expect(tray.title).toBe('Halt failed');
    expect(tray.item('Trading was NOT halted: The database could not be opened.').enabled).toBe(false);
    // The window hears it through the contract event, whatever the OS does with notifications.
    expect(told).toEqual([{ ok: false, title: 'Trading was NOT halted', message: 'The database could not be opened.', at: HALT_AT }]);

    await live.handlers.setTradingState({ state: 'active' });
    await haltTradingFromShell(live.handlers, silentLog, report(live), () => HALT_AT + 60_000);
    expect(tray.tooltip).toBe(`Countersign: no drafts waiting · trading halted at ${clockTime(HALT_AT + 60_000)}`);
    expect(tray.title).toBe('');
  });
});

const HALT_AT = 1_790_000_000_000;

/** What the composition root does with a halt's outcome: tell it on the contract's event. */
function report(backend: Backend) {
  return (outcome: HaltOutcome): void => backend.events.emit('haltOutcome', outcome);
}

function setupWithBackend(backend: Backend): FakeTray {
  const window = new FakeBrowserWindow({});
  const windows = { current: () => window as never, open: () => window as never };
  const remove = createQueueTray({
    events: backend.events,
    icons,
    initial: queue([]),
    actions: { openDraft: (id) => openOnDraft(windows, backend.events, id), showWindow: () => bringForward(windows), haltTrading: vi.fn(), quit: vi.fn() },
  });
  cleanups.push(remove);
  return FakeTray.all.at(-1) as FakeTray;
}
