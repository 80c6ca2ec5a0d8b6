import type { RiskOutcome, RiskVerdict } from '../../shared/draft';

/** A check's three possible answers, with its id and label filled in. */
export function verdictsFor(check: string, label: string) {
  const make =
    (outcome: RiskOutcome) =>
    (explanation: string): RiskVerdict => ({ check, label, outcome, explanation });
  return { pass: make('pass'), warn: make('warn'), block: make('block') };
}
