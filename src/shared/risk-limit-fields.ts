import { RiskLimits } from './draft';

export type RiskLimitKey = Exclude<keyof RiskLimits, 'liveTradingEnabled'>;

export interface RiskLimitField {
  key: RiskLimitKey;
  label: string;
  unit: string;
  step: number;
}

/** The limits as the settings show them; two share a label, so a field is named by its label and its unit. */
export const RISK_LIMIT_FIELDS: readonly RiskLimitField[] = [
  { key: 'collarPct', label: 'Price collar: limit or stop within', unit: '% of the quote', step: 0.5 },
  { key: 'maxNotional', label: 'Largest single order', unit: 'USD', step: 1000 },
  { key: 'maxPctNetLiq', label: 'Largest single order', unit: '% of net liquidation', step: 1 },
  { key: 'maxConcentrationPct', label: 'Largest position after a fill', unit: '% of net liquidation', step: 1 },
  { key: 'maxOrdersPerMinute', label: 'Approvals per minute at most', unit: 'orders', step: 1 },
  { key: 'dailyLossHaltPct', label: "Stop approvals when the day's loss exceeds", unit: '% of net liquidation', step: 0.5 },
  { key: 'quoteMaxAgeMs', label: 'A quote is stale after', unit: 'ms', step: 1000 },
];

export const fieldName = (field: RiskLimitField): string => `"${field.label} (${field.unit})"`;

/**
 * A limit as the person typed it, read with the same schema main saves it
 * with. An empty field is a problem, never 0: a limit of 0 would block every
 * order, and a missing one must not quietly become the loosest value either.
 */
export function readRiskLimit(field: RiskLimitField, text: string): { ok: true; value: number } | { ok: false; problem: string } {
  const name = fieldName(field);
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: `${name} is empty. Type a number; an empty limit is not saved as 0, which would block every order.` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, problem: `${name} must be a number.` };
  const checked = RiskLimits.shape[field.key].safeParse(value);
  if (checked.success) return { ok: true, value };
  const issue = checked.error.issues[0];
  if (issue?.code === 'too_small') return { ok: false, problem: `${name} must be more than 0.` };
  if (issue?.code === 'too_big') return { ok: false, problem: `${name} can be at most ${String(issue.maximum)}.` };
  return { ok: false, problem: `${name} must be a whole number.` };
}
