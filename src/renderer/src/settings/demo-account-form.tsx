import { useEffect, useRef, useState } from 'react';
import { rendererApi } from '../api';

/**
 * The demo gateway's accounts are kept between runs; this is the one way to
 * start them over. It says what it clears and what it keeps, and asks first.
 */
export function DemoAccountForm() {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const start = useRef<HTMLButtonElement>(null);
  // Focus goes back to the button that asked once the question is answered (it is re-created then).
  const returnFocus = useRef(false);
  useEffect(() => {
    if (asking || !returnFocus.current) return;
    returnFocus.current = false;
    start.current?.focus();
  }, [asking]);

  const reset = async (): Promise<void> => {
    setBusy(true);
    const result = await rendererApi().resetDemoAccount({ confirmed: true });
    setBusy(false);
    returnFocus.current = true;
    setAsking(false);
    if (!result.ok) {
      setOutcome({ ok: false, text: `The demo account was not reset: ${result.error.message}` });
    } else {
      const kept = result.value.keptDamagedAs ? ` The damaged file was kept as ${result.value.keptDamagedAs}.` : '';
      setOutcome({ ok: true, text: `The demo account was reset to its starting balances.${kept}` });
    }
  };

  return (
    <section className="settings-form" aria-labelledby="demo-account-title" data-testid="demo-account">
      <h2 id="demo-account-title">Demo account</h2>
      <p className="muted">
        The demo gateway keeps its accounts (cash, positions, orders and fills) in this app&apos;s data folder, so they are still there after a
        reconnect, a switch to another gateway and back, or a restart.
      </p>
      {!asking ? (
        <button
          ref={start}
          type="button"
          onClick={() => {
            setOutcome(undefined);
            setAsking(true);
          }}
        >
          Reset demo account…
        </button>
      ) : (
        <div role="group" aria-labelledby="demo-reset-question" className="demo-reset-confirm">
          <p id="demo-reset-question">
            <strong>Reset the demo account?</strong> Both demo accounts go back to their starting cash and positions; their orders and fills
            are cleared. Drafts and the audit log are kept as they are, and a draft whose demo order was still working will ask to be
            checked. Order numbers carry on. This cannot be undone.
          </p>
          <div className="dialog-actions">
            <button type="button" className="halt" disabled={busy} onClick={() => void reset()}>
              Reset demo account
            </button>
            <button
              type="button"
              // The safe answer is where focus lands.
              autoFocus
              onClick={() => {
                returnFocus.current = true;
                setAsking(false);
              }}
            >
              Keep it
            </button>
          </div>
        </div>
      )}
      {outcome && (
        <p role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? undefined : 'settings-problem'}>
          {outcome.text}
        </p>
      )}
    </section>
  );
}
