import type { BrowserWindow } from 'electron';
import type { QueueView } from '../../shared/queue';
import type { EventHub } from '../ipc/event-hub';
import { pendingDrafts } from './pending-drafts';

/** How the shell reaches the one main window: the one that exists, or a new one when it was closed. */
export interface MainWindowAccess {
  current(): BrowserWindow | undefined;
  open(): BrowserWindow;
}

/** Shows the window in front of everything, opening it again if it was closed. Reports whether it had to be opened. */
export function bringForward(windows: MainWindowAccess): { window: BrowserWindow; opened: boolean } {
  const existing = windows.current();
  const opened = !existing || existing.isDestroyed();
  const window = opened ? windows.open() : existing;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return { window, opened };
}

/**
 * Brings the window forward and has the renderer open one draft. A window
 * that is still loading would drop the event, so it is sent once the page is up.
 */
export function openOnDraft(windows: MainWindowAccess, events: EventHub, draftId: string): void {
  bringForwardAndTell(windows, () => events.emit('focusDraft', { draftId }));
}

/** Brings the window forward and has it ask whether to halt: a global shortcut never halts by itself. */
export function openOnHaltConfirmation(windows: MainWindowAccess, events: EventHub, requestedAt: number): void {
  bringForwardAndTell(windows, () => events.emit('confirmHalt', { requestedAt }));
}

function bringForwardAndTell(windows: MainWindowAccess, tell: () => void): void {
  const { window, opened } = bringForward(windows);
  if (opened || window.webContents.isLoading()) window.webContents.once('did-finish-load', tell);
  else tell();
}

/** Brings the window forward on the queue, at the oldest draft waiting for a decision when there is one. */
export function openOnQueue(windows: MainWindowAccess, events: EventHub, view: QueueView): void {
  const oldest = pendingDrafts(view)[0];
  if (oldest) openOnDraft(windows, events, oldest.id);
  else bringForward(windows);
}
