import { useState, type FormEvent } from 'react';
import type { Draft } from '../../../shared/draft';
import { rendererApi } from '../api';
import { formatMoney } from '../format/numbers';
import { ageText, orderLine, STATE_LABEL } from './describe-draft';

interface Props {
  draft: Draft;
  /** Why approving is impossible right now (session not ready, halted), or undefined. */
  approvalBlockedReason: string | undefined;
  now: number;
}

/**
 * One draft as a careful reviewer needs it: the order in one line, every
 * check with its verdict, IB's what-if, Claude's thesis and stated risks,
 * age and expiry, and the actions that apply to its state.
 */
export function DraftCard({ draft, approvalBlockedReason, now }: Props) {
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const api = rendererApi();
  const blocked = draft.state === 'blocked';
  const waiting = draft.state === 'pending' || blocked;

  const act = async (action: () => Promise<{ ok: boolean; error?: { message: string } }>): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await action();
      if (!result.ok) setProblem(result.error?.message ?? 'That did not work.');
    } finally {
      setBusy(false);
    }
  };

  const approveDisabledReason = blocked ? 'A risk check blocks this draft.' : approvalBlockedReason;

  return (
    <article
      className={`draft-card state-${draft.state}`}
      aria-label={`${STATE_LABEL[draft.state]}: ${orderLine(draft)}`}
      data-testid="draft-card"
      data-draft-id={draft.id}
      data-state={draft.state}
    >
      <header className="draft-head">
        <span className={`draft-line side-${draft.order.side === 'BUY' ? 'buy' : 'sell'}`}>{orderLine(draft)}</span>
        <span className="draft-state" data-testid="draft-state">
          {STATE_LABEL[draft.state]}
        </span>
      </header>
      <p className="draft-meta muted">
        {draft.account} · {draft.author === 'claude' ? 'drafted by Claude' : 'your ticket'} · v{draft.version} · {ageText(draft.createdAt, now)} old
        {waiting && ` · expires in ${ageText(now, draft.expiresAt)}`}
      </p>
      {draft.brokerMessage && <p className="broker-message">{draft.brokerMessage}</p>}
      {(draft.filledQty > 0 || draft.state === 'filled') && (
        <p className="fill-line">
          Filled {draft.filledQty} at {formatMoney(draft.avgFillPrice)}
          {draft.commission !== null && ` · commission ${formatMoney(draft.commission)}`}
        </p>
      )}
      {waiting && draft.rationale && <p className="rationale">{draft.rationale}</p>}
      {waiting && draft.risks.length > 0 && (
        <ul className="stated-risks" aria-label="Risks Claude stated">
          {draft.risks.map((risk) => (
            <li key={risk}>{risk}</li>
          ))}
        </ul>
      )}
      {waiting && draft.verdicts && (
        <ul className="verdicts" aria-label="Risk checks">
          {draft.verdicts.map((verdict) => (
            <li key={verdict.check} className={`verdict verdict-${verdict.outcome}`} data-outcome={verdict.outcome}>
              <span className="verdict-outcome">{verdict.outcome === 'pass' ? '✓' : verdict.outcome === 'warn' ? '!' : '✕'}</span>
              <span className="verdict-label">{verdict.label}</span>
              {verdict.outcome !== 'pass' && <span className="verdict-text">{verdict.explanation}</span>}
            </li>
          ))}
        </ul>
      )}
      {waiting && (
        <p className="what-if" data-testid="what-if">
          {draft.whatIf
            ? `IB what-if: commission ${formatMoney(draft.whatIf.commission)} ${draft.whatIf.commissionCurrency ?? ''} · initial margin ${formatMoney(draft.whatIf.initMarginChange)} · maintenance ${formatMoney(draft.whatIf.maintMarginChange)} · equity with loan after ${formatMoney(draft.whatIf.equityWithLoanAfter)}`
            : 'IB what-if: waiting for the gateway…'}
        </p>
      )}
      {editing && waiting && <EditForm draft={draft} onDone={() => setEditing(false)} />}
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      {waiting && (
        <div className="draft-actions">
          <button
            type="button"
            className="approve"
            disabled={busy || approveDisabledReason !== undefined}
            title={approveDisabledReason}
            aria-describedby={approveDisabledReason ? `why-${draft.id}` : undefined}
            onClick={() => void act(() => api.approveDraft({ id: draft.id, version: draft.version }))}
          >
            Approve
          </button>
          <button type="button" disabled={busy} onClick={() => setEditing(!editing)}>
            Edit
          </button>
          <button type="button" disabled={busy} onClick={() => void act(() => api.rejectDraft({ id: draft.id, version: draft.version }))}>
            Reject
          </button>
          {approveDisabledReason && (
            <span id={`why-${draft.id}`} className="muted" data-testid="approve-disabled-reason">
              {approveDisabledReason}
            </span>
          )}
        </div>
      )}
    </article>
  );
}

function EditForm({ draft, onDone }: { draft: Draft; onDone: () => void }) {
  const [quantity, setQuantity] = useState(String(draft.order.quantity));
  const [limit, setLimit] = useState(draft.order.limitPrice === undefined ? '' : String(draft.order.limitPrice));
  const [stop, setStop] = useState(draft.order.stopPrice === undefined ? '' : String(draft.order.stopPrice));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await rendererApi().editDraft({
      id: draft.id,
      version: draft.version,
      quantity: Number(quantity),
      ...(limit ? { limitPrice: Number(limit) } : {}),
      ...(stop ? { stopPrice: Number(stop) } : {}),
    });
    if (result.ok) onDone();
    else setProblem(result.error.message);
  };
  return (
    <form className="edit-form" onSubmit={(event) => void submit(event)} aria-label="Edit draft">
      <label>
        Quantity
        <input inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
      </label>
      {draft.order.limitPrice !== undefined && (
        <label>
          Limit
          <input inputMode="decimal" value={limit} onChange={(e) => setLimit(e.target.value)} />
        </label>
      )}
      {draft.order.stopPrice !== undefined && (
        <label>
          Stop
          <input inputMode="decimal" value={stop} onChange={(e) => setStop(e.target.value)} />
        </label>
      )}
      <button type="submit">Save as new version</button>
      {problem && (
        <span role="alert" className="problem">
          {problem}
        </span>
      )}
    </form>
  );
}
