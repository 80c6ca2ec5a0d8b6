import path from 'node:path';
import { Menu, Tray, type MenuItemConstructorOptions } from 'electron';
import type { QueueView } from '../../shared/queue';
import type { HaltOutcome } from '../../shared/shell-notices';
import { orderLine } from '../../shared/order-line';
import type { EventHub } from '../ipc/event-hub';
import { pendingDrafts } from './pending-drafts';

/** Drafts listed in the tray menu; the rest are a click away in the queue. */
export const TRAY_MENU_DRAFTS = 10;

export interface TrayIcons {
  idle: string;
  attention: string;
}

/**
 * macOS draws a template image in the menu bar's own colour and shows the
 * count as the title next to it; elsewhere an amber dot on the icon is the
 * only sign that drafts are waiting. Windows gets ICO files (16 and 32 px),
 * which it picks from for the display's scale instead of blurring a PNG.
 */
export function trayIcons(directory: string, platform: NodeJS.Platform): TrayIcons {
  if (platform === 'darwin') {
    const template = path.join(directory, 'trayTemplate.png');
    return { idle: template, attention: template };
  }
  if (platform === 'win32') return { idle: path.join(directory, 'tray.ico'), attention: path.join(directory, 'tray-attention.ico') };
  return { idle: path.join(directory, 'tray.png'), attention: path.join(directory, 'tray-attention.png') };
}

export interface TrayActions {
  openDraft(draftId: string): void;
  showWindow(): void;
  haltTrading(): void;
  quit(): void;
}

export interface TrayStatus {
  count: number;
  tooltip: string;
  title: string;
  attention: boolean;
}

/**
 * The tray's words. A halt asked for from the tray is told here too, not only
 * in a notification that the OS may never show: a failed halt stays in the
 * tooltip, the macOS title and the menu until a later halt succeeds.
 * Windows cuts tooltips at 127 characters, so they stay short.
 */
export function trayStatus(view: QueueView, halt?: HaltOutcome): TrayStatus {
  const count = pendingDrafts(view).length;
  const waiting = count === 0 ? 'no drafts waiting' : `${count} ${count === 1 ? 'draft' : 'drafts'} waiting for you`;
  const failed = halt && !halt.ok ? halt : undefined;
  const haltedAt = halt?.ok && view.tradingState === 'halted' ? ` at ${clockTime(halt.at)}` : '';
  const halted = view.tradingState === 'halted' ? ` · trading halted${haltedAt}` : '';
  const countTitle = count > 0 ? String(count) : '';
  if (failed) {
    return {
      count,
      tooltip: `Countersign: HALT FAILED at ${clockTime(failed.at)} · ${waiting}${halted}`,
      title: countTitle ? `Halt failed · ${countTitle}` : 'Halt failed',
      attention: true,
    };
  }
  return { count, tooltip: `Countersign: ${waiting}${halted}`, title: countTitle, attention: count > 0 };
}

/** Hours and minutes in the person's own time zone. */
export function clockTime(at: number): string {
  return new Date(at).toTimeString().slice(0, 5);
}

export function trayMenu(view: QueueView, actions: TrayActions, halt?: HaltOutcome): MenuItemConstructorOptions[] {
  const pending = pendingDrafts(view);
  const { count } = trayStatus(view, halt);
  const items: MenuItemConstructorOptions[] = [];
  if (halt && !halt.ok) items.push({ label: menuLabel(`Trading was NOT halted: ${halt.message}`), enabled: false });
  items.push({ label: count === 0 ? 'No drafts waiting' : `${count} ${count === 1 ? 'draft' : 'drafts'} waiting for you`, enabled: false });
  if (view.tradingState === 'halted') items.push({ label: 'Trading is halted', enabled: false });
  for (const draft of pending.slice(0, TRAY_MENU_DRAFTS)) {
    items.push({ label: menuLabel(orderLine(draft)), click: () => actions.openDraft(draft.id) });
  }
  if (pending.length > TRAY_MENU_DRAFTS) {
    items.push({ label: `${pending.length - TRAY_MENU_DRAFTS} more in the queue…`, click: () => actions.showWindow() });
  }
  items.push(
    { type: 'separator' },
    { label: 'Show Countersign', click: () => actions.showWindow() },
    // Always enabled: halting again re-sends the cancel for anything still open.
    { label: 'Halt trading', click: () => actions.haltTrading() },
    { type: 'separator' },
    { label: 'Quit Countersign', click: () => actions.quit() },
  );
  return items;
}

// Windows and Linux read '&' in a menu label as a keyboard-accelerator marker.
function menuLabel(text: string): string {
  return text.replaceAll('&', '&&');
}

export interface QueueTrayOptions {
  events: EventHub;
  icons: TrayIcons;
  actions: TrayActions;
  initial: QueueView;
  /** Told the pending count whenever it changes (the dock badge on macOS). */
  onCount?: (count: number) => void;
}

/** The tray icon that follows the approval queue. Returns a function that removes it. */
export function createQueueTray(options: QueueTrayOptions): () => void {
  const { icons, actions } = options;
  let status = trayStatus(options.initial);
  const tray = new Tray(status.attention ? icons.attention : icons.idle);
  let shown = '';
  let counted: number | undefined;
  let view = options.initial;
  let halt: HaltOutcome | undefined;
  const render = (next: QueueView): void => {
    view = next;
    status = trayStatus(view, halt);
    if (status.count !== counted) {
      counted = status.count;
      options.onCount?.(status.count);
    }
    const menu = trayMenu(view, actions, halt);
    // Queue events come with every draft change; rebuilding an unchanged
    // menu makes some Linux trays flicker or close an open menu.
    const key = JSON.stringify([status, menu.map((item) => item.label ?? item.type), pendingDrafts(view).map((draft) => draft.id)]);
    if (key === shown) return;
    shown = key;
    tray.setImage(status.attention ? icons.attention : icons.idle);
    tray.setToolTip(status.tooltip);
    tray.setTitle(status.title);
    tray.setContextMenu(Menu.buildFromTemplate(menu));
  };
  render(options.initial);
  // Windows and most Linux trays send a plain click on the icon here; macOS opens the menu instead.
  tray.on('click', () => actions.showWindow());
  const unsubscribe = options.events.subscribe((name, payload) => {
    if (name === 'queue') render(payload as QueueView);
    if (name === 'haltOutcome') {
      halt = payload as HaltOutcome;
      render(view);
    }
  });
  return () => {
    unsubscribe();
    tray.destroy();
  };
}
