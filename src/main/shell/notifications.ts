import { Notification, type NotificationConstructorOptions } from 'electron';
import type { Draft, DraftState } from '../../shared/draft';
import type { QueueView } from '../../shared/queue';
import type { SessionState } from '../../shared/session';
import type { NotificationSettings } from '../../shared/settings';
import { formatMoney, formatQuantity } from '../../shared/format-numbers';
import { orderLine } from '../../shared/order-line';
import type { EventHub } from '../ipc/event-hub';
import { bringForward, openOnDraft, type MainWindowAccess } from './bring-forward';
import { notificationTag, windowsToastXml } from './notification-routing';

export type NotificationKind = 'newDraft' | 'sessionProblems' | 'fills' | 'rejections' | 'needsReview';

const SESSION_ALERTS: Partial<Record<SessionState['phase'], string>> = {
  taken: 'Your IB session was taken',
  lost: 'Connection to the gateway lost',
  failed: 'Countersign is not connected',
};

export interface NotificationOptions {
  events: EventHub;
  windows: MainWindowAccess;
  settings: () => NotificationSettings;
  /** The queue as it stands when the shell starts: what is already there is not news. */
  initialQueue: QueueView;
  /** Wall-clock ms: a focus period ("quiet until") is a time of day the person chose. */
  now: () => number;
  platform?: NodeJS.Platform;
}

interface Seen {
  state: DraftState;
  filledQty: number;
}

/**
 * OS notifications for what happens while the person looks elsewhere: a new
 * draft from Claude, a fill, a broker rejection, an order whose outcome is
 * unknown (needs review), a lost or taken session.
 * A notification only ever opens the app; approving takes the person's own
 * keypress in the window, so no notification carries an action button.
 * Returns a function that stops them.
 */
export function raiseNotifications(options: NotificationOptions): () => void {
  const { events, windows } = options;
  const { now } = options;
  // Electron drops the click handler of a notification that was garbage
  // collected, so the ones still on screen are held here.
  const onScreen = new Set<Notification>();
  const drafts = new Map<string, Seen>();
  for (const draft of options.initialQueue.drafts) {
    // A draft still being checked at start has not been put to the person yet.
    if (draft.state !== 'drafted') drafts.set(draft.id, { state: draft.state, filledQty: draft.filledQty });
  }
  let lastPhase: SessionState['phase'] | undefined;

  const allowed = (kind: NotificationKind): boolean => {
    const settings = options.settings();
    if (!settings[kind]) return false;
    if (settings.focusUntil !== undefined && now() < settings.focusUntil) return false;
    const window = windows.current();
    // The window in front already shows it (the queue, the session pop-up).
    return !(window && !window.isDestroyed() && window.isFocused());
  };

  const platform = options.platform ?? process.platform;
  // The tag travels with the notification, so a click that reaches a later
  // process (Action Center, Notification Centre) still finds its draft.
  const show = (spec: NotificationConstructorOptions, onClick: () => void, draftId?: string): void => {
    if (!Notification.isSupported()) return;
    const tag = notificationTag(draftId);
    const notification = new Notification({ ...spec, id: tag, ...(platform === 'win32' ? { toastXml: windowsToastXml(spec, tag) } : {}) });
    onScreen.add(notification);
    const forget = (): void => {
      onScreen.delete(notification);
    };
    notification.on('click', () => {
      forget();
      // Windows delivers every click through Notification.handleActivation (see notification-routing.ts).
      if (platform !== 'win32') onClick();
    });
    notification.on('close', forget);
    notification.on('failed', forget);
    notification.show();
  };

  const onDraft = (draft: Draft): void => {
    const before = drafts.get(draft.id);
    drafts.set(draft.id, { state: draft.state, filledQty: draft.filledQty });
    const open = (): void => openOnDraft(windows, events, draft.id);
    // A queue event repeats every draft; only the first sight of a draft
    // that is ready for a decision is news.
    if (before === undefined && (draft.state === 'pending' || draft.state === 'blocked')) {
      if (draft.author === 'claude' && allowed('newDraft')) show(newDraftNotice(draft), open, draft.id);
      return;
    }
    if (before === undefined && draft.state === 'drafted') {
      drafts.delete(draft.id);
      return;
    }
    const filledNow = draft.state === 'filled' && before?.state !== 'filled';
    const filledMore = draft.state === 'partially_filled' && draft.filledQty > (before?.filledQty ?? 0);
    if ((filledNow || filledMore) && allowed('fills')) show(fillNotice(draft), open, draft.id);
    if (draft.state === 'broker_rejected' && before?.state !== 'broker_rejected' && allowed('rejections')) {
      show(rejectionNotice(draft), open, draft.id);
    }
    if (draft.state === 'needs_review' && before?.state !== 'needs_review' && allowed('needsReview')) show(reviewNotice(draft), open, draft.id);
  };

  const onSession = (state: SessionState): void => {
    const title = SESSION_ALERTS[state.phase];
    const changed = state.phase !== lastPhase;
    lastPhase = state.phase;
    // One per change of phase, not one per reconnect attempt.
    if (!title || !changed || !allowed('sessionProblems')) return;
    show({ title, body: state.nextStep ? `${state.message} ${state.nextStep}` : state.message, urgency: 'critical' }, () => {
      bringForward(windows);
    });
  };

  const unsubscribe = events.subscribe((name, payload) => {
    if (name === 'queue') for (const draft of (payload as QueueView).drafts) onDraft(draft);
    else if (name === 'sessionState') onSession(payload as SessionState);
  });
  return () => {
    unsubscribe();
    onScreen.clear();
  };
}

function newDraftNotice(draft: Draft): NotificationConstructorOptions {
  const blocked = draft.state === 'blocked';
  const block = draft.verdicts?.find((verdict) => verdict.outcome === 'block');
  const reason = blocked ? `Blocked: ${block?.explanation ?? 'a risk check said no.'}` : firstLine(draft.rationale);
  return {
    title: `Claude drafted ${orderLine(draft)}`,
    body: [draft.account, reason || 'Waiting for your approval in Countersign.'].join(' · '),
  };
}

function fillNotice(draft: Draft): NotificationConstructorOptions {
  const { order, contract } = draft;
  const price = draft.avgFillPrice === null ? '' : ` at ${formatMoney(draft.avgFillPrice)}`;
  const title =
    draft.state === 'filled'
      ? `Filled: ${order.side} ${formatQuantity(draft.filledQty)} ${contract.symbol}${price}`
      : `Partly filled: ${order.side} ${formatQuantity(draft.filledQty)} of ${formatQuantity(order.quantity)} ${contract.symbol}${price}`;
  return { title, body: `${draft.account} · ${orderLine(draft)}` };
}

function rejectionNotice(draft: Draft): NotificationConstructorOptions {
  return {
    title: `IB rejected ${orderLine(draft)}`,
    body: `${draft.account} · ${draft.brokerMessage ?? 'The broker refused the order. Open Countersign for the details.'}`,
    urgency: 'critical',
  };
}

function reviewNotice(draft: Draft): NotificationConstructorOptions {
  return {
    title: `Check at IB: ${orderLine(draft)}`,
    body: `${draft.account} · ${draft.brokerMessage ?? 'Countersign could not tell what became of this order. It will not be sent again; look in TWS and mark it in the queue.'}`,
    urgency: 'critical',
  };
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
