import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../src/main/risk/run-checks';
import { context, draft } from './support';

describe('runChecks', () => {
  it('passes a plain limit buy within every limit, with an explanation for each check', () => {
    const report = runChecks(context(), draft());
    expect(report.verdicts.filter((v) => v.outcome !== 'pass')).toEqual([]);
    expect(report.outcome).toBe('pass');
    expect(new Set(report.verdicts.map((v) => v.check)).size).toBe(18);
    for (const v of report.verdicts) expect(v.explanation.length).toBeGreaterThan(10);
  });

  it('takes the worst outcome', () => {
    const warned = runChecks(context({ quote: { symbol: 'AAPL', bid: 189.9, ask: 190, last: 190, at: context().now, delayed: true } }), draft());
    expect(warned.outcome).toBe('warn');
    const blocked = runChecks(context({ tradingState: 'halted' }), draft());
    expect(blocked.outcome).toBe('block');
  });

  it('reports a check that throws as a block instead of letting the order through', () => {
    const broken = context();
    Object.defineProperty(broken, 'recentApprovals', {
      get() {
        throw new Error('boom');
      },
    });
    const report = runChecks(broken, draft());
    expect(report.outcome).toBe('block');
    expect(report.verdicts.find((v) => v.explanation.includes('boom'))?.outcome).toBe('block');
  });
});
