import { useEffect, useRef } from 'react';
import { sessionAllowsApproval } from '../../../shared/session-rules';
import { rendererApi } from '../api';
import { useWallClock } from '../use-wall-clock';
import { useFocusRequest } from '../keyboard/use-keyboard';
import { useAppStore } from '../store';
import { TRADING_STOPS } from '../frame/trading-words';
import { DraftCard } from './draft-card';
import { OrderTicket } from './order-ticket';
import { QueueProblems } from './queue-problems';
import { UnreadableDrafts } from './unreadable-drafts';

const WAITING = new Set(['drafted', 'pending', 'blocked']);
const IN_FLIGHT = new Set(['submitting', 'working', 'partially_filled', 'needs_review']);

export function QueuePane() {
  const queue = useAppStore((s) => s.queue);
  const session = useAppStore((s) => s.session);
  const selectedDraftId = useAppStore((s) => s.selectedDraftId);
  const selectDraft = useAppStore((s) => s.selectDraft);
  const ref = useRef<HTMLElement>(null);
  useFocusRequest('queue', ref);
  const now = useWallClock(5000);

  const approvalBlockedReason =
    queue.tradingState === 'halted'
      ? 'Trading is halted: resume it to approve.'
      : !session || !sessionAllowsApproval(session)
        ? `Approvals are paused: the session is not ready (${session?.message ?? 'not connected'}).`
        : undefined;
  const waiting = queue.drafts.filter((d) => WAITING.has(d.state));
  const inFlight = queue.drafts.filter((d) => IN_FLIGHT.has(d.state));
  const recent = queue.drafts.filter((d) => !WAITING.has(d.state) && !IN_FLIGHT.has(d.state));
  const api = rendererApi();

  // Keep a selection while there is something to act on: the oldest waiting draft first.
  useEffect(() => {
    const known = queue.drafts.some((d) => d.id === selectedDraftId && (WAITING.has(d.state) || IN_FLIGHT.has(d.state)));
    if (!known) selectDraft(waiting[0]?.id ?? inFlight[0]?.id);
  }, [queue, selectedDraftId, selectDraft, waiting, inFlight]);

  return (
    <section ref={ref} tabIndex={-1} className="pane queue-pane" aria-labelledby="queue-title" data-testid="queue-pane" data-queue-focus="true">
      <div className={`pane-header queue-header trading-bar-${queue.tradingState}`} data-trading={queue.tradingState}>
        <h2 id="queue-title">Approval queue</h2>
        <span className={`trading-state trading-${queue.tradingState}`} data-testid="trading-state">
          {queue.tradingState === 'active' ? 'Trading active' : queue.tradingState === 'reducing' ? 'Reducing only' : 'Halted'}
        </span>
        {queue.tradingState === 'halted' ? (
          <button type="button" onClick={() => void api.setTradingState({ state: 'active' })}>
            Resume trading
          </button>
        ) : (
          <button type="button" className="halt" onClick={() => void api.haltTrading()} title="Stop all approvals and cancel the orders Countersign placed (a filled bracket's take-profit and stop-loss are kept)">
            Halt
          </button>
        )}
      </div>
      <QueueProblems queue={queue} />
      {TRADING_STOPS[queue.tradingState] && (
        <p className={`trading-banner trading-bar-${queue.tradingState}`} role="status" data-testid="queue-trading-banner">
          {TRADING_STOPS[queue.tradingState]}
        </p>
      )}
      <OrderTicket />
      {/* Only the drafts scroll: the header with Halt and the ticket stay in view however long the queue is. */}
      <div className="queue-list" data-testid="queue-list">
        <UnreadableDrafts rows={queue.unreadable ?? []} />
        {waiting.length === 0 && inFlight.length === 0 && (
          <p className="empty">No drafts waiting. Drafts from Claude or your order ticket wait here for your sign-off.</p>
        )}
        {waiting.length > 0 && (
          <section aria-label="Waiting for your approval" role="list">
            {waiting.map((draft) => (
              <DraftCard key={draft.id} draft={draft} approvalBlockedReason={approvalBlockedReason} now={now} />
            ))}
          </section>
        )}
        {inFlight.length > 0 && (
          <section aria-label="Sent to IB">
            <h3>At the broker</h3>
            {inFlight.map((draft) => (
              <DraftCard key={draft.id} draft={draft} approvalBlockedReason={approvalBlockedReason} now={now} />
            ))}
          </section>
        )}
        {recent.length > 0 && (
          <section aria-label="Recently finished">
            <h3>Recent</h3>
            {recent.map((draft) => (
              <DraftCard key={draft.id} draft={draft} approvalBlockedReason={approvalBlockedReason} now={now} />
            ))}
          </section>
        )}
      </div>
    </section>
  );
}
