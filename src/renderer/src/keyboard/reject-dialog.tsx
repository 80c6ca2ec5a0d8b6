import { useState, type FormEvent } from 'react';
import { rendererApi } from '../api';
import { orderLine } from '../queue/describe-draft';
import { currentDraft } from '../queue/approval-actions';
import { useAppStore } from '../store';
import { Modal } from './modal';

/** Reject with an optional reason; when Claude drafted it, the reason goes back to Claude. */
export function RejectDialog({ draftId }: { draftId: string }) {
  const closeDialog = useAppStore((s) => s.closeDialog);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const draft = currentDraft(draftId);
  if (!draft) return null;
  const submit = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    const result = await rendererApi().rejectDraft({ id: draft.id, version: draft.version, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (result.ok) closeDialog();
    else setProblem(result.error.message);
  };
  return (
    <Modal title={`Reject ${orderLine(draft)}`} testId="reject-dialog">
      <form onSubmit={(event) => void submit(event)}>
        <label>
          Reason {draft.author === 'claude' ? '(sent back to Claude)' : '(kept in the audit trail)'}, optional
          <textarea
            value={reason}
            rows={3}
            onChange={(event) => setReason(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                void submit();
              }
            }}
          />
        </label>
        {problem && (
          <p role="alert" className="problem">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="primary">
            Reject
          </button>
          <button type="button" onClick={closeDialog}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
