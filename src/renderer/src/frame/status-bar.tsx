import { rendererApi } from '../api';
import { formatCountdown, useCountdown } from '../session/use-countdown';
import { useAppStore } from '../store';
import { PHASE_LABEL, PHASE_TONE } from './session-labels';
import { TRADING_STOPS } from './trading-words';

export function StatusBar({ onOpenSettings }: { onOpenSettings: () => void }) {
  const session = useAppStore((s) => s.session);
  const backendProblem = useAppStore((s) => s.backendProblem);
  const tradingState = useAppStore((s) => s.queue.tradingState);
  const stopped = TRADING_STOPS[tradingState];
  const mode = session?.mode ?? 'unknown';
  const seconds = useCountdown(session?.phase === 'reset_window' || session?.phase === 'lost' ? session.nextAttemptAt : undefined);
  const canReconnect = session && session.phase !== 'ready' && session.phase !== 'connecting' && session.phase !== 'syncing';
  return (
    <header className={`status-bar trading-bar-${tradingState}`} role="banner" data-trading={tradingState}>
      <span className="brand">Countersign</span>
      {stopped && (
        <strong className="trading-stopped" data-testid="trading-stopped">
          {stopped}
        </strong>
      )}
      <span className={`mode-badge mode-${mode}`} data-testid="mode-badge" aria-label={`Trading mode: ${mode}`}>
        {mode === 'live' ? 'LIVE' : mode === 'paper' ? 'PAPER' : 'NO ACCOUNT'}
      </span>
      {session && (
        <span
          className={`session tone-${PHASE_TONE[session.phase]}`}
          data-testid="session-state"
          data-phase={session.phase}
          role="status"
          aria-live="polite"
        >
          <span className="session-phase">{PHASE_LABEL[session.phase]}</span>
          <span className="session-message">{session.message}</span>
          {seconds !== undefined && (
            <span className="session-countdown" data-testid="session-countdown">
              {session.phase === 'reset_window' ? `Reconnecting in ${formatCountdown(seconds)}` : `Next try in ${formatCountdown(seconds)}`}
            </span>
          )}
          {session.gateway === 'demo' && <span className="demo-note">Demo gateway (simulated market)</span>}
        </span>
      )}
      {backendProblem && (
        <span className="backend-problem" role="alert">
          {backendProblem}
        </span>
      )}
      <span className="status-actions">
        {canReconnect && (
          <button type="button" onClick={() => void rendererApi().reconnectSession()}>
            Reconnect
          </button>
        )}
        <button type="button" onClick={onOpenSettings}>
          Settings…
        </button>
      </span>
    </header>
  );
}
