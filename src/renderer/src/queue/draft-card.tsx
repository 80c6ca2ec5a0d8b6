import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Draft } from '../../../shared/draft';
import { rendererApi } from '../api';
import { formatMoney, formatPercent, formatQuantity } from '../../../shared/format-numbers';
import { openModal, typingInField } from '../keyboard/focus-scope';
import { useAppStore } from '../store';
import { requestApproval } from './approval-actions';
import { ageText, orderLine, STATE_LABEL } from './describe-draft';
import { DraftThesis } from './draft-thesis';
import { NotableChecks } from './notable-checks';
import { SecondLook } from './second-look';
import { notionalLine, reviewFigures } from './review-figures';

interface Props {
  draft: Draft;
  /** Why approving is impossible right now (session not ready, halted), or undefined. */
  approvalBlockedReason: string | undefined;
  now: number;
}

/**
 * One draft as a careful reviewer needs it, leading with what is unusual:
 * the order in one line, the checks that did not pass, the facts that
 * differ from the person's habits, then the passes in one line; IB's
 * what-if, Claude's thesis and stated risks, age and expiry, and the
 * actions that apply to its state.
 */
export function DraftCard({ draft, approvalBlockedReason, now }: Props) {
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const selected = useAppStore((s) => s.selectedDraftId === draft.id);
  const expanded = useAppStore((s) => s.expandedDraftId === draft.id);
  const editing = useAppStore((s) => s.editingDraftId === draft.id);
  const account = useAppStore((s) => s.accounts[draft.account]);
  const positions = useAppStore((s) => s.positions);
  const quotes = useAppStore((s) => s.quotes);
  const selectDraft = useAppStore((s) => s.selectDraft);
  const setEditing = useAppStore((s) => s.setEditing);
  const openDialog = useAppStore((s) => s.openDialog);
  const ref = useRef<HTMLElement>(null);
  const blocked = draft.state === 'blocked';
  const waiting = draft.state === 'pending' || blocked;
  // Waiting drafts show everything a reviewer needs until Enter closes them; the rest open with Enter.
  const detailed = waiting ? !expanded : expanded;
  const figures = reviewFigures(draft, account, Object.values(positions), Object.values(quotes));
  // Main's judgement, valued as the risk checks value the order; unknown counts as large.
  const review = useAppStore((s) => s.queue.review[draft.id]);
  const size = review?.size;
  // A waiting draft shows the checks as main last ran them; the rest keep the verdicts they were sent with.
  const verdicts = waiting && review ? review.verdicts : draft.verdicts;
  // Before and after at the market: live from main while waiting, as approved once sent.
  const frozen = !waiting && draft.atApproval !== undefined;
  const marketFigures = waiting ? review?.figures : draft.atApproval;
  const large = size?.large ?? true;
  const secondLook = useAppStore((s) => s.queue.secondLooks?.[draft.id]);

  useEffect(() => {
    // Follow the selection with focus, but never pull focus out of a dialog or a field the person is typing in.
    const active = document.activeElement;
    if (selected && ref.current && !openModal() && !typingInField(active) && !ref.current.contains(active)) ref.current.focus();
  }, [selected]);

  const approveDisabledReason = blocked ? 'A risk check blocks this draft.' : approvalBlockedReason;

  return (
    <article
      ref={ref}
      tabIndex={-1}
      className={`draft-card state-${draft.state}${selected ? ' selected' : ''}`}
      aria-label={`${STATE_LABEL[draft.state]}: ${orderLine(draft)}`}
      aria-current={selected ? 'true' : undefined}
      aria-expanded={detailed}
      data-testid="draft-card"
      data-queue-focus="true"
      data-draft-id={draft.id}
      data-state={draft.state}
      data-large={large ? 'true' : 'false'}
      onFocus={() => {
        if (!selected) selectDraft(draft.id);
      }}
    >
      <header className="draft-head">
        <span className={`draft-line side-${draft.order.side === 'BUY' ? 'buy' : 'sell'}`}>{orderLine(draft)}</span>
        <span className="draft-state" data-testid="draft-state">
          {STATE_LABEL[draft.state]}
        </span>
      </header>
      {detailed && verdicts && <NotableChecks draftId={draft.id} verdicts={verdicts} facts={waiting ? review?.facts : undefined} />}
      <p className="draft-meta muted">
        {draft.account} · {draft.author === 'claude' ? 'drafted by Claude' : 'your ticket'} · v{draft.version} · {ageText(draft.createdAt, now)} old
        {waiting && ` · expires in ${ageText(now, draft.expiresAt)}`}
      </p>
      {draft.brokerMessage && <p className="broker-message">{draft.brokerMessage}</p>}
      {draft.state === 'rejected' && (
        <p className="rejection-reason" data-testid="rejection-reason">
          {draft.rejectionReason ? `Rejected: ${draft.rejectionReason}` : 'Rejected, no reason given.'}
        </p>
      )}
      {(draft.filledQty > 0 || draft.state === 'filled') && (
        <p className="fill-line" data-testid="fill-line">
          Filled {formatQuantity(draft.filledQty)} at {formatMoney(draft.avgFillPrice)}
          {draft.commission !== null && ` · commission ${formatMoney(draft.commission)}`}
          {draft.atApproval?.marketPrice != null && ` · market at approval ${formatMoney(draft.atApproval.marketPrice)}`}
        </p>
      )}
      {detailed && (
        <dl className="review-figures" data-testid="review-figures">
          <div>
            <dt>Position{frozen ? ' (at approval)' : ''}</dt>
            <dd className="num" data-testid="position-figures">
              {marketFigures ? `${formatQuantity(marketFigures.positionBefore)} → ${formatQuantity(marketFigures.positionAfter)}` : '—'}
            </dd>
          </div>
          <div>
            <dt>Weight{frozen ? ' (at approval)' : ''}</dt>
            <dd className="num" data-testid="weight-figures">
              {marketFigures ? `${formatPercent(marketFigures.weightBefore)} → ${formatPercent(marketFigures.weightAfter)}` : '—'}
            </dd>
          </div>
          <div>
            <dt>Notional</dt>
            <dd className="num" data-testid="notional-figures">
              {notionalLine(size, figures)}
            </dd>
          </div>
        </dl>
      )}
      {detailed && waiting && review && (
        <p className="checked-at muted" data-testid="checked-at">
          Checks last run {ageText(review.checkedAt, now)} ago
        </p>
      )}
      {waiting && (
        <p className="what-if" data-testid="what-if">
          {draft.whatIf
            ? `IB what-if: commission ${formatMoney(draft.whatIf.commission)} ${draft.whatIf.commissionCurrency ?? ''} · initial margin ${formatMoney(draft.whatIf.initMarginChange)} · maintenance ${formatMoney(draft.whatIf.maintMarginChange)} · equity with loan after ${formatMoney(draft.whatIf.equityWithLoanAfter)}`
            : 'IB what-if: waiting for the gateway…'}
        </p>
      )}
      {secondLook && (detailed || waiting) && <SecondLook look={secondLook} draftVersion={draft.version} />}
      {editing && waiting && <EditForm draft={draft} onDone={() => setEditing(undefined)} />}
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
            onClick={() => {
              setProblem(undefined);
              setBusy(true);
              void requestApproval(draft).then((failure) => {
                setBusy(false);
                setProblem(failure);
              });
            }}
          >
            {large ? 'Approve…' : 'Approve'}
          </button>
          <button type="button" disabled={busy} onClick={() => setEditing(editing ? undefined : draft.id)}>
            Edit
          </button>
          <button type="button" disabled={busy} onClick={() => openDialog({ kind: 'reject', draftId: draft.id })}>
            Reject
          </button>
          {approveDisabledReason && (
            <span id={`why-${draft.id}`} className="muted" data-testid="approve-disabled-reason">
              {approveDisabledReason}
            </span>
          )}
        </div>
      )}
      {detailed && (draft.rationale || draft.risks.length > 0) && <DraftThesis rationale={draft.rationale} risks={draft.risks} />}
    </article>
  );
}


function EditForm({ draft, onDone }: { draft: Draft; onDone: () => void }) {
  const [quantity, setQuantity] = useState(String(draft.order.quantity));
  const [limit, setLimit] = useState(draft.order.limitPrice === undefined ? '' : String(draft.order.limitPrice));
  const [stop, setStop] = useState(draft.order.stopPrice === undefined ? '' : String(draft.order.stopPrice));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
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
    <form
      className="edit-form"
      onSubmit={(event) => void submit(event)}
      aria-label="Edit draft"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone();
      }}
    >
      <label>
        Quantity
        <input ref={first} data-testid="edit-quantity" inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
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
