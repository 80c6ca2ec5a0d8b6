import { useState } from 'react';

interface Props {
  rationale: string;
  risks: readonly string[];
}

const RISKS_SHOWN = 2;

/**
 * Claude's thesis and stated risks, collapsed to a few lines with "more".
 * They come last on the card and never grow it much: a long thesis must not
 * push the checks, the what-if or the buttons out of view while the person
 * can still press `a`.
 */
export function DraftThesis({ rationale, risks }: Props) {
  const [open, setOpen] = useState(false);
  const hidden = risks.length - RISKS_SHOWN;
  const long = rationale.length > 240 || hidden > 0 || risks.some((risk) => risk.length > 160);
  const shown = open ? risks : risks.slice(0, RISKS_SHOWN);
  return (
    <div className={`draft-thesis${open ? ' open' : ''}`} data-testid="draft-thesis">
      {rationale && <p className="rationale">{rationale}</p>}
      {shown.length > 0 && (
        <ul className="stated-risks" aria-label="Risks Claude stated">
          {shown.map((risk, index) => (
            <li key={index}>{risk}</li>
          ))}
        </ul>
      )}
      {long && (
        <button type="button" className="link more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'less' : hidden > 0 ? `more (${hidden} more risks)` : 'more'}
        </button>
      )}
    </div>
  );
}
