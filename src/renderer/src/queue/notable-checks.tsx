import type { RiskVerdict } from '../../../shared/draft';
import type { DraftFact } from '../../../shared/draft-facts';
import { useAppStore } from '../store';

interface Props {
  draftId: string;
  verdicts: readonly RiskVerdict[];
  /** Main's facts for a waiting draft; absent for the rest. */
  facts: readonly DraftFact[] | undefined;
}

const rank = { block: 0, warn: 1, pass: 2 } as const;

/**
 * What the person must read before deciding, in that order: the checks that
 * did not pass (blocks, then warnings), the facts main computed (the ones
 * that stand out first), and the passes as one line that opens with a click,
 * Enter or Space on it, or `c` from the queue. A row of fifteen green ticks in
 * the weight of the one warning is how a warning gets approved unread.
 */
export function NotableChecks({ draftId, verdicts, facts }: Props) {
  const open = useAppStore((s) => s.passesShownDraftId === draftId);
  const togglePasses = useAppStore((s) => s.togglePasses);
  const notPassed = verdicts.filter((v) => v.outcome !== 'pass').sort((a, b) => rank[a.outcome] - rank[b.outcome]);
  const passed = verdicts.filter((v) => v.outcome === 'pass');
  const listId = `passes-${draftId}`;
  return (
    <div className="notable" data-testid="notable">
      {notPassed.length > 0 && (
        <ul className="verdicts not-passed" aria-label="Checks that did not pass">
          {notPassed.map((verdict) => (
            <Verdict key={verdict.check} verdict={verdict} />
          ))}
        </ul>
      )}
      {facts && facts.length > 0 && (
        <ul className="draft-facts" aria-label="How this draft compares" data-testid="draft-facts">
          {facts.map((fact) => (
            <li
              key={fact.kind}
              className={`draft-fact${fact.standsOut ? ' stands-out' : ''}${fact.known ? '' : ' not-known'}`}
              data-kind={fact.kind}
              data-stands-out={fact.standsOut ? 'true' : 'false'}
              data-known={fact.known ? 'true' : 'false'}
            >
              <span className="fact-mark" aria-hidden="true">
                {fact.standsOut ? '◆' : '·'}
              </span>
              <span className="fact-label">{fact.label}</span>
              <span className="fact-text">{fact.text}</span>
            </li>
          ))}
        </ul>
      )}
      {passed.length > 0 && (
        <>
          <button
            type="button"
            className="link passes-line"
            data-testid="passes-line"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => togglePasses(draftId)}
          >
            <span className="verdict-outcome" aria-hidden="true">
              ✓
            </span>{' '}
            {passed.length} {passed.length === 1 ? 'check' : 'checks'} passed{open ? '' : ' (c to show)'}
          </button>
          <ul id={listId} className="verdicts passed" aria-label="Checks that passed" hidden={!open}>
            {passed.map((verdict) => (
              <Verdict key={verdict.check} verdict={verdict} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Verdict({ verdict }: { verdict: RiskVerdict }) {
  return (
    <li className={`verdict verdict-${verdict.outcome}`} data-outcome={verdict.outcome} data-check={verdict.check}>
      <span className="verdict-outcome">{verdict.outcome === 'pass' ? '✓' : verdict.outcome === 'warn' ? '!' : '✕'}</span>
      <span className="verdict-label">{verdict.label}</span>
      <span className="verdict-text">{verdict.explanation}</span>
    </li>
  );
}
