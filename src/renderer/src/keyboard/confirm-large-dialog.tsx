import { useState, type FormEvent } from 'react';
import { formatMoney, formatPercent, formatQuantity } from '../../../shared/format-numbers';
import { approveConfirmed, currentDraft } from '../queue/approval-actions';
import { orderLine } from '../queue/describe-draft';
import { useAppStore } from '../store';
import { Modal } from './modal';

/** The deliberate second step for a large order: type its quantity to approve it. Main checks the typed quantity. */
export function ConfirmLargeDialog({ draftId }: { draftId: string }) {
  const closeDialog = useAppStore((s) => s.closeDialog);
  const size = useAppStore((s) => s.queue.review[draftId]?.size);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const draft = currentDraft(draftId);
  if (!draft) return null;
  const typedQuantity = Number(typed.replace(/,/g, '').trim());
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (typed.trim() === '' || typedQuantity !== draft.order.quantity) {
      setProblem(
        typed.trim() === ''
          ? `Type the quantity, ${formatQuantity(draft.order.quantity)}, to approve.`
          : `You typed ${typed.trim()}; the order is for ${formatQuantity(draft.order.quantity)}. Type ${formatQuantity(draft.order.quantity)} to approve, or Esc to go back.`,
      );
      return;
    }
    const failure = await approveConfirmed(draft, typedQuantity);
    if (failure) setProblem(failure);
    else closeDialog();
  };
  return (
    <Modal title="Approve a large order" testId="confirm-large-dialog">
      <p>
        <strong>{orderLine(draft)}</strong> in {draft.account}
      </p>
      <p data-testid="confirm-large-size">
        {size?.pctNetLiq === null || size?.pctNetLiq === undefined
          ? 'Its size against the account cannot be worked out now, so it counts as large.'
          : `About ${formatMoney(size.notional)} ${size.currency ?? ''} — ${formatPercent(size.pctNetLiq)} of the account's net liquidation, above your ${formatPercent(size.thresholdPct)} threshold.`}
      </p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label>
          Type the quantity ({formatQuantity(draft.order.quantity)}) to approve
          <input
            data-testid="confirm-quantity"
            inputMode="numeric"
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
              setProblem(undefined);
            }}
            autoComplete="off"
            aria-describedby={problem ? 'confirm-large-problem' : undefined}
          />
        </label>
        {problem && (
          <p role="alert" className="problem" id="confirm-large-problem" data-testid="confirm-large-problem">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="primary">
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
