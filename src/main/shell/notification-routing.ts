import type { Notification as ElectronNotification, NotificationConstructorOptions } from 'electron';
import type { QueueView } from '../../shared/queue';
import type { EventHub } from '../ipc/event-hub';
import { bringForward, openOnDraft, openOnQueue, type MainWindowAccess } from './bring-forward';

/**
 * A notification's tag says what it is about ("countersign:draft:<id>"). The
 * OS keeps notifications after the app quits (Windows' Action Center, macOS'
 * Notification Centre); a click on one then reaches a new process that never
 * created it, so the tag is all there is to route by.
 */
const DRAFT_TAG = 'countersign:draft:';
const WINDOW_TAG = 'countersign:window';

export function notificationTag(draftId?: string): string {
  return draftId ? `${DRAFT_TAG}${draftId}` : WINDOW_TAG;
}

/** The draft a tag names, if any; anything else (an unknown or empty tag) opens the window. */
export function draftOfTag(tag: string | undefined): string | undefined {
  const trimmed = tag?.trim();
  return trimmed?.startsWith(DRAFT_TAG) ? trimmed.slice(DRAFT_TAG.length) || undefined : undefined;
}

/**
 * Opens what a clicked notification was about: its draft while the queue
 * still has it, otherwise the queue (at the oldest draft waiting, if any).
 */
export function routeNotificationClick(tag: string | undefined, windows: MainWindowAccess, events: EventHub, queue: () => QueueView): void {
  const draftId = draftOfTag(tag);
  if (draftId && queue().drafts.some((draft) => draft.id === draftId)) openOnDraft(windows, events, draftId);
  else if (draftId) openOnQueue(windows, events, queue());
  else bringForward(windows);
}

/**
 * Windows passes the toast's launch argument on activation, so the toast is
 * described in XML with the tag as that argument. Texts are escaped: a
 * contract name or a broker message is not markup.
 */
export function windowsToastXml(spec: NotificationConstructorOptions, tag: string): string {
  const urgent = spec.urgency === 'critical' ? ' scenario="urgent"' : '';
  return (
    `<toast launch="${escapeXml(tag)}" activationType="foreground"${urgent}><visual><binding template="ToastGeneric">` +
    `<text>${escapeXml(spec.title ?? '')}</text><text>${escapeXml(spec.body ?? '')}</text>` +
    '</binding></visual></toast>'
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] ?? char);
}

export interface RestartRoutingOptions {
  platform: NodeJS.Platform;
  notifications: {
    handleActivation(callback: (details: { arguments: string }) => void): void;
    getHistory(): Promise<ElectronNotification[]>;
  };
  route: (tag: string | undefined) => void;
}

/**
 * Clicks on notifications this process did not create: on Windows every
 * activation (including the one that cold-started the app) arrives through
 * handleActivation; on macOS the delivered ones come back from getHistory
 * and get their click handlers again.
 */
export async function routeClicksAfterRestart(options: RestartRoutingOptions): Promise<void> {
  if (options.platform === 'win32') {
    options.notifications.handleActivation((details) => options.route(details.arguments));
  } else if (options.platform === 'darwin') {
    for (const restored of await options.notifications.getHistory()) {
      // Held, like the ones on screen: Electron drops the click handler of a collected notification.
      restoredNotifications.add(restored);
      restored.on('click', () => {
        restoredNotifications.delete(restored);
        options.route(restored.id);
      });
    }
  }
}

const restoredNotifications = new Set<ElectronNotification>();
