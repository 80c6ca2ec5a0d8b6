import type { ToolOutcome } from '../../../shared/claude';

interface Props {
  summary: string;
  outcome: ToolOutcome | undefined;
  reason: string | undefined;
}

const MARK: Record<ToolOutcome | 'running', string> = { running: '⚙', done: '✓', blocked: '!', refused: '✕' };

/**
 * One tool call as it really went: a refused call is never shown as if it
 * happened. The outcome is main's reading of the result Claude was sent.
 */
export function ToolCallLine({ summary, outcome, reason }: Props) {
  const state = outcome ?? 'running';
  return (
    <p className={`tool-call muted tool-${state}${outcome === 'refused' || outcome === 'blocked' ? ' problem' : ''}`} data-testid="tool-call" data-outcome={state}>
      <span aria-hidden="true">{MARK[state]} </span>
      {summary}
      {outcome === 'refused' && <span className="tool-reason"> — refused: {reason ?? 'no reason given'}</span>}
      {outcome === 'blocked' && <span className="tool-reason"> — drafted, but {reason ?? 'a risk check blocks it'}</span>}
    </p>
  );
}
