import { useEffect, useMemo, useState } from 'react';
import type { ApprovalRate, ReviewFigures } from '../../../shared/journal';
import { formatPercent, formatSignedMoney } from '../../../shared/format-numbers';
import { rendererApi } from '../api';
import { usePalette, useChart } from '../charts/use-chart';
import { Modal } from '../keyboard/modal';
import { useAppStore } from '../store';
import { approvalRateOption, outcomesOption } from './review-chart-options';

const RELATION_WORDS: Record<string, string> = { adds: 'Adds to a position', against: 'Goes against a position', opens: 'Opens a position', unknown: 'Position not known' };
const AUTHOR_WORDS: Record<string, string> = { claude: 'Claude', person: 'Order ticket' };
const HORIZON_WORDS: Record<string, string> = { '1d': '1 trading day', '5d': '5 trading days', '20d': '20 trading days', close: 'Position closed' };

const share = (value: number | null): string => (value === null ? '—' : formatPercent(value * 100));

function RateRows({ group, rates, words }: { group: string; rates: ApprovalRate[]; words: Record<string, string> }) {
  return (
    <>
      {rates.map((r) => (
        <tr key={`${group}-${r.key}`}>
          <th scope="row">{words[r.key] ?? r.key}</th>
          <td data-testid={`rate-${group}-${r.key}`}>{share(r.rate)}</td>
          <td>
            {r.approved} of {r.decided}
          </td>
        </tr>
      ))}
    </>
  );
}

function Charts({ figures }: { figures: ReviewFigures }) {
  const palette = usePalette();
  const outcomes = useMemo(() => outcomesOption(figures, palette), [figures, palette]);
  const rate = useMemo(() => approvalRateOption(figures, palette), [figures, palette]);
  const outcomesRef = useChart(figures.distribution.length > 0 ? outcomes : undefined);
  const rateRef = useChart(figures.overTime.length > 0 ? rate : undefined);
  return (
    <div className="review-charts">
      <figure>
        <figcaption>P&amp;L after 5 trading days (count of drafts)</figcaption>
        {figures.distribution.length === 0 && <p className="muted">No draft has reached 5 trading days yet.</p>}
        <div ref={outcomesRef} className="review-chart" data-testid="review-outcomes-chart" role="img" aria-label="Distribution of outcomes after 5 trading days, approved and not approved" />
      </figure>
      <figure>
        <figcaption>Approval rate by week</figcaption>
        <div ref={rateRef} className="review-chart" data-testid="review-rate-chart" role="img" aria-label="Approval rate week by week" />
      </figure>
    </div>
  );
}

/** Saves the journal as CSV through the browser's own download (no file dialog, no path from the page). */
function download(csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'countersign-decision-journal.csv';
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The decision review: how the person decides and how the decisions turned
 * out. Every figure comes from main (computed from the journal's rows); the
 * view only lays them out. Tab moves through it, Esc closes it.
 */
export function DecisionReviewDialog() {
  const [figures, setFigures] = useState<ReviewFigures | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [exported, setExported] = useState<string | undefined>(undefined);
  const closeDialog = useAppStore((s) => s.closeDialog);
  useEffect(() => {
    let live = true;
    void rendererApi()
      .getDecisionReview()
      .then((result) => {
        if (!live) return;
        if (result.ok) setFigures(result.value);
        else setProblem(result.error.message);
      });
    return () => {
      live = false;
    };
  }, []);
  const exportCsv = async (): Promise<void> => {
    const result = await rendererApi().exportDecisionJournal();
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    download(result.value);
    setExported(`Exported ${Math.max(0, result.value.trim().split('\n').length - 1)} drafts.`);
  };
  return (
    <Modal title="Decision review" testId="decision-review" className="review-dialog">
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      {!figures && !problem && <p className="muted">Reading the journal…</p>}
      {figures && (
        <>
          <p data-testid="review-decided">
            {figures.decided} decided drafts. Average slippage against the quote at approval:{' '}
            <span data-testid="review-slippage">{figures.averageSlippageBps === null ? '—' : `${figures.averageSlippageBps.toFixed(1)} bps`}</span>
            {figures.averageSlippage !== null && ` (${formatSignedMoney(figures.averageSlippage)} a share; positive is worse for you)`}.
          </p>
          <table className="review-table" aria-label="Approval rate">
            <thead>
              <tr>
                <th scope="col">Drafts</th>
                <th scope="col">Approved</th>
                <th scope="col">Count</th>
              </tr>
            </thead>
            <tbody>
              <RateRows group="author" rates={figures.byAuthor} words={AUTHOR_WORDS} />
              <RateRows group="relation" rates={figures.byRelation} words={RELATION_WORDS} />
              <RateRows group="warning" rates={figures.byWarning} words={{ warned: 'A check warned', 'no warning': 'No check warned' }} />
            </tbody>
          </table>
          <table className="review-table" aria-label="Outcomes by horizon">
            <thead>
              <tr>
                <th scope="col">After</th>
                <th scope="col">Approved: hit rate</th>
                <th scope="col">avg P&amp;L</th>
                <th scope="col">Not approved: hit rate</th>
                <th scope="col">avg P&amp;L</th>
              </tr>
            </thead>
            <tbody>
              {figures.horizons.map((h) => (
                <tr key={h.horizon}>
                  <th scope="row">{HORIZON_WORDS[h.horizon]}</th>
                  <td data-testid={`hit-approved-${h.horizon}`}>{share(h.approved.hitRate)}</td>
                  <td data-testid={`pnl-approved-${h.horizon}`}>{formatSignedMoney(h.approved.averagePnl)}</td>
                  <td data-testid={`hit-not-approved-${h.horizon}`}>{share(h.notApproved.hitRate)}</td>
                  <td data-testid={`pnl-not-approved-${h.horizon}`}>{formatSignedMoney(h.notApproved.averagePnl)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Lost most</h3>
          {figures.worst.length === 0 ? (
            <p className="muted">No draft has lost money yet.</p>
          ) : (
            <ol className="review-worst" data-testid="review-worst">
              {figures.worst.map((w) => (
                <li key={w.draftId}>
                  {w.side} {w.quantity} {w.symbol} ({w.decision}): {formatSignedMoney(w.pnl)} after {HORIZON_WORDS[w.horizon]}
                </li>
              ))}
            </ol>
          )}
          <Charts figures={figures} />
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => void exportCsv()} disabled={!figures}>
          Export CSV
        </button>
        <button type="button" onClick={closeDialog}>
          Close
        </button>
        {exported && (
          <span role="status" data-testid="review-exported">
            {exported}
          </span>
        )}
      </div>
    </Modal>
  );
}
