import { useState, type FormEvent } from 'react';
import { formatMoney, formatPercent, formatQuantity } from '../../../shared/format-numbers';
import { approveNow, currentDraft } from '../queue/approval-actions';
import { orderLine } from '../queue/describe-draft';
import { reviewFigures } from '../queue/review-figures';
import { useAppStore } from '../store';
import { Modal } from './modal';

/** The deliberate second step for a large order: type its quantity to approve it. */
export function ConfirmLargeDialog({ draftId }: { draftId: string }) {
  const closeDialog = useAppStore((s) => s.closeDialog);
  const accounts = useAppStore((s) => s.accounts);
  const positions = useAppStore((s) => s.positions);
  const quotes = useAppStore((s) => s.quotes);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const draft = currentDraft(draftId);
  if (!draft) return null;
  const figures = reviewFigures(draft, accounts[draft.account], Object.values(positions), Object.values(quotes));
  const matches = Number(typed.replace(/,/g, '')) === draft.order.quantity;
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!matches) {
      setProblem(`Type ${draft.order.quantity} to approve.`);
      return;
    }
    const failure = await approveNow(draft);
    if (failure) setProblem(failure);
    else closeDialog();
  };
  return (
    <Modal title="Approve a large order" testId="confirm-large-dialog">
      <p>
        <strong>{orderLine(draft)}</strong> in {draft.account}
      </p>
      <p>
        About {formatMoney(figures.notional)} — {formatPercent(figures.pctNetLiq)} of the account&apos;s net liquidation.
      </p>
      <form onSubmit={(event) => void submit(event)}>
        <label>
          Type the quantity ({formatQuantity(draft.order.quantity)}) to approve
          <input data-testid="confirm-quantity" inputMode="numeric" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
        </label>
        {problem && (
          <p role="alert" className="problem">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={!matches}>
            Approve
          </button>
          <button type="button" onClick={closeDialog}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
