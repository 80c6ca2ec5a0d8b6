/**
 * What kind of account IB says this is, from its AccountType value. One
 * classification for the portfolio and the risk checks alike. Only types
 * known to allow margin count as margin: anything else, and an account whose
 * type IB has not reported yet, is 'unknown', which the checks treat as the
 * most restrictive kind (no short sale, no borrowing) until IB says otherwise.
 */
export type AccountKind = 'margin' | 'cash' | 'ira' | 'unknown';

// IB's AccountType values for account structures that trade on margin by default.
const marginTypes = new Set(['INDIVIDUAL', 'JOINT', 'CORPORATION', 'CORP', 'PARTNERSHIP', 'LLC', 'TRUST', 'ORG', 'MARGIN']);

export function classifyAccountType(accountType: string | null | undefined): AccountKind {
  const type = (accountType ?? '').trim().toUpperCase();
  if (type === '') return 'unknown';
  if (/IRA|ROTH|\bSEP\b|401K|RETIRE/.test(type)) return 'ira';
  if (type.includes('CASH')) return 'cash';
  if (marginTypes.has(type) || type.includes('MARGIN')) return 'margin';
  return 'unknown';
}
