import { useState } from 'react';
import { rendererApi } from '../api';
import { Modal } from '../keyboard/modal';
import { useAppStore } from '../store';

/**
 * A halt asked for from the tray, told in the window as well: the OS may
 * never show its notification (unsigned macOS builds, Focus), and a halt that
 * failed must not be something the person has to guess about.
 */
export function HaltOutcomeBanner() {
  const outcome = useAppStore((s) => s.haltOutcome);
  const dismiss = useAppStore((s) => s.setHaltOutcome);
  if (!outcome) return null;
  return (
    <p className={outcome.ok ? 'key-problem halt-done' : 'key-problem'} role={outcome.ok ? 'status' : 'alert'} data-testid="halt-outcome">
      <span>
        <strong>{outcome.title}</strong> (from the tray, {new Date(outcome.at).toLocaleTimeString()}): {outcome.message}
      </span>
      <button type="button" onClick={() => dismiss(undefined)} aria-label="Dismiss">
        ×
      </button>
    </p>
  );
}

/**
 * A global shortcut can be pressed by accident in another app, so it only
 * brings this question forward. "Keep trading" comes first and takes focus:
 * a stray Enter keeps things as they are.
 */
export function ConfirmHaltDialog() {
  const closeDialog = useAppStore((s) => s.closeDialog);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const halt = async (): Promise<void> => {
    const result = await rendererApi().haltTrading();
    if (result.ok) closeDialog();
    else setProblem(`Trading was NOT halted: ${result.error.message}`);
  };
  return (
    <Modal title="Halt trading?" testId="confirm-halt-dialog">
      <p>A global shortcut asked to halt trading. Halting stops every approval and asks IB to cancel the open orders.</p>
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={closeDialog}>
          Keep trading
        </button>
        <button type="button" className="halt" onClick={() => void halt()}>
          Halt trading
        </button>
      </div>
    </Modal>
  );
}
