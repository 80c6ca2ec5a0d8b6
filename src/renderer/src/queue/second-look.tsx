import { useState } from 'react';
import { formatQuantity } from '../../../shared/format-numbers';
import type { SecondLookView } from '../../../shared/second-look';

interface Props {
  look: SecondLookView;
  /** The draft's version now: a second look of an earlier version says so. */
  draftVersion: number;
}

/**
 * The second look: another model's strongest case against the draft, made
 * without the drafting conversation. It is a model's text, so it is shown
 * as plain text inside a marked frame, never as markup and never as a
 * verdict: it cannot approve, reject or change anything.
 */
export function SecondLook({ look, draftVersion }: Props) {
  const [open, setOpen] = useState(false);
  const tokens = look.tokens ? ` · ${formatQuantity(look.tokens.input)} in / ${formatQuantity(look.tokens.output)} out tokens` : '';
  const cost = look.usd === undefined ? '' : `${tokens} · ${look.usd.toFixed(4)} USD${look.costEstimated ? ' (estimated)' : ''}`;
  const older = look.draftVersion !== draftVersion ? ` · of version ${look.draftVersion}` : '';
  return (
    <section className={`second-look state-${look.state}${open ? ' open' : ''}`} aria-label="Second look" data-testid="second-look" data-state={look.state}>
      <h3 className="second-look-title">
        Second look
        <span className="muted">
          {' '}
          · a separate model call that did not see the conversation; it cannot approve or reject{older}
          {cost}
        </span>
      </h3>
      {look.state === 'running' && <p className="muted">Asking for the strongest case against this trade…</p>}
      {(look.state === 'failed' || look.state === 'skipped') && (
        <p className="second-look-problem" data-testid="second-look-problem">
          {look.message ?? 'The second look is not available.'} The draft is unchanged.
        </p>
      )}
      {look.state === 'done' && look.counterCase && (
        <div className="untrusted-text" data-testid="second-look-text">
          <p className="second-look-case">
            <span className="muted">Against: </span>
            {look.counterCase.caseAgainst}
          </p>
          <p className="second-look-wrong-if">
            <span className="muted">Wrong if: </span>
            {look.counterCase.wrongIf}
          </p>
          <p className="second-look-confidence muted" data-testid="second-look-confidence">
            Its confidence in this case: {look.counterCase.confidencePct}%
          </p>
          {look.counterCase.caseAgainst.length + look.counterCase.wrongIf.length > 300 && (
            <button type="button" className="link more" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? 'less' : 'more'}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
