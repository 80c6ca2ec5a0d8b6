import { describe, expect, it } from 'vitest';
import { RISK_LIMIT_FIELDS, readRiskLimit } from '../../../src/shared/risk-limit-fields';

const field = (key: string) => RISK_LIMIT_FIELDS.find((f) => f.key === key)!;

describe('a risk limit as typed in the settings', () => {
  it('an empty field is a problem that names the field, never 0', () => {
    expect(readRiskLimit(field('maxNotional'), '  ')).toEqual({
      ok: false,
      problem: '"Largest single order (USD)" is empty. Type a number; an empty limit is not saved as 0, which would block every order.',
    });
    // The two "Largest single order" limits are told apart by their unit.
    expect(readRiskLimit(field('maxPctNetLiq'), '')).toMatchObject({ problem: expect.stringContaining('"Largest single order (% of net liquidation)"') });
  });

  it('says why a typed value cannot be a limit, in the schema main saves with', () => {
    expect(readRiskLimit(field('collarPct'), '0')).toEqual({ ok: false, problem: '"Price collar: limit or stop within (% of the quote)" must be more than 0.' });
    expect(readRiskLimit(field('collarPct'), '150')).toEqual({ ok: false, problem: '"Price collar: limit or stop within (% of the quote)" can be at most 100.' });
    expect(readRiskLimit(field('maxOrdersPerMinute'), '2.5')).toEqual({ ok: false, problem: '"Approvals per minute at most (orders)" must be a whole number.' });
    expect(readRiskLimit(field('maxNotional'), '30000')).toEqual({ ok: true, value: 30_000 });
  });
});
