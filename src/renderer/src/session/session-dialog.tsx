import { useEffect, useRef, useState } from 'react';
import type { SessionState } from '../../../shared/session';
import { rendererApi } from '../api';
import { Modal } from '../keyboard/modal';
import { useAppStore } from '../store';
import { formatCountdown, useCountdown } from './use-countdown';

const TITLES: Partial<Record<SessionState['phase'], string>> = {
  taken: 'Your IB session was taken',
  lost: 'Connection to the gateway lost',
  failed: 'Not connected',
};

/**
 * The pop-up for a lost or taken session: what happened in plain words and
 * the actions that make sense. Closing it keeps the state in the status bar;
 * a new problem opens it again.
 */
export function SessionDialog({ onOpenSettings }: { onOpenSettings: () => void }) {
  const session = useAppStore((s) => s.session);
  const [dismissedSince, setDismissedSince] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const firstAction = useRef<HTMLButtonElement>(null);
  const title = session ? TITLES[session.phase] : undefined;
  const open = !!session && !!title && dismissedSince !== session.since;
  const seconds = useCountdown(open ? session?.nextAttemptAt : undefined);

  useEffect(() => {
    if (open) firstAction.current?.focus();
  }, [open, session?.phase]);

  if (!open || !session) return null;

  const run = async (action: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  const api = rendererApi();
  const close = (): void => setDismissedSince(session.since);
  const reconnect = (): Promise<void> => run(() => api.reconnectSession());
  const stay = (): Promise<void> => run(async () => {
    await api.stayDisconnected();
    close();
  });

  return (
    <Modal title={title} testId="session-dialog" role="alertdialog" onClose={close} describedBy="session-dialog-message">
      <p id="session-dialog-message">{session.message}</p>
      {session.nextStep && <p className="muted">{session.nextStep}</p>}
      {session.phase === 'lost' && seconds !== undefined && (
        <p className="muted" data-testid="reconnect-countdown">
          Attempt {session.reconnectAttempt ?? 1}; next try in {formatCountdown(seconds)}.
        </p>
      )}
      <p className="muted">Approvals are paused until the session is ready again. Drafts stay pending.</p>
      <div className="dialog-actions">
        {session.phase === 'taken' ? (
          <button ref={firstAction} type="button" className="primary" disabled={busy} onClick={() => void reconnect()}>
            Take the session back
          </button>
        ) : (
          <button ref={firstAction} type="button" className="primary" disabled={busy} onClick={() => void reconnect()}>
            Retry now
          </button>
        )}
        {session.phase !== 'failed' && (
          <button type="button" disabled={busy} onClick={() => void stay()}>
            Stay disconnected
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            close();
            onOpenSettings();
          }}
        >
          Open settings
        </button>
      </div>
    </Modal>
  );
}
