import { Notification, type BrowserWindow } from 'electron';
import type { SessionState } from '../../shared/session';
import type { EventHub } from '../contract/event-hub';

const ALERT_PHASES: Partial<Record<SessionState['phase'], string>> = {
  taken: 'Your IB session was taken',
  lost: 'Connection to the gateway lost',
  failed: 'Countersign is not connected',
};

/**
 * When the session is lost or taken and the window is not in front, an OS
 * notification says so (the in-app pop-up is waiting behind it). One per
 * change of phase, not one per reconnect attempt.
 */
export function notifySessionProblems(events: EventHub, window: () => BrowserWindow | undefined): () => void {
  let lastPhase: SessionState['phase'] | undefined;
  return events.subscribe((name, payload) => {
    if (name !== 'sessionState') return;
    const state = payload as SessionState;
    const title = ALERT_PHASES[state.phase];
    const changed = state.phase !== lastPhase;
    lastPhase = state.phase;
    const target = window();
    if (!title || !changed || !Notification.isSupported()) return;
    if (target && !target.isDestroyed() && target.isFocused()) return;
    const notification = new Notification({ title, body: state.message, urgency: 'critical' });
    notification.on('click', () => {
      const current = window();
      if (current && !current.isDestroyed()) {
        if (current.isMinimized()) current.restore();
        current.show();
        current.focus();
      }
    });
    notification.show();
  });
}
