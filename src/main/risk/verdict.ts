import type { RiskOutcome, RiskVerdict } from '../../shared/draft';

/** A check's three possible answers, with its id and label filled in. */
export function verdictsFor(check: string, label: string) {
  const make =
    (outcome: RiskOutcome) =>
    (explanation: string): RiskVerdict => ({ check, label, outcome, explanation });
  return { pass: make('pass'), warn: make('warn'), block: make('block') };
}

/** The most serious answer among the checks: one block blocks, else one warning warns. */
export function worstOutcome(verdicts: readonly RiskVerdict[]): RiskOutcome {
  if (verdicts.some((v) => v.outcome === 'block')) return 'block';
  if (verdicts.some((v) => v.outcome === 'warn')) return 'warn';
  return 'pass';
}
