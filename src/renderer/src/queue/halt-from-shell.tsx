import { useEffect, useState } from 'react';
import type { HaltPlan } from '../../../shared/queue';
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
  // Main says what this halt would cancel and keep, from IB's open orders now.
  const [plan, setPlan] = useState<HaltPlan | undefined>(undefined);
  useEffect(() => {
    void rendererApi()
      .previewHalt({ scope: 'countersign' })
      .then((result) => result.ok && setPlan(result.value));
  }, []);
  const halt = async (): Promise<void> => {
    const result = await rendererApi().haltTrading();
    if (result.ok) closeDialog();
    else setProblem(`Trading was NOT halted: ${result.error.message}`);
  };
  return (
    <Modal title="Halt trading?" testId="confirm-halt-dialog">
      <p>A global shortcut asked to halt trading. Halting stops every approval and cancels the orders Countersign placed.</p>
      {plan && (
        <div data-testid="halt-plan">
          <p>
            {plan.cancel.length === 0 ? 'No open order of Countersign’s to cancel.' : `Cancelled (${plan.cancel.length}):`}
          </p>
          {plan.cancel.length > 0 && (
            <ul aria-label="Orders the halt cancels">
              {plan.cancel.map((order) => (
                <li key={`c${order.clientId}:${order.orderId}`}>{order.description}</li>
              ))}
            </ul>
          )}
          {plan.keep.length > 0 && (
            <>
              <p>Kept ({plan.keep.length}):</p>
              <ul aria-label="Orders the halt keeps">
                {plan.keep.map((order) => (
                  <li key={`k${order.clientId}:${order.orderId}`}>
                    {order.description}: {order.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
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
