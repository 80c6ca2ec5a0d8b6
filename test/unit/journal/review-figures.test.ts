import { describe, expect, it } from 'vitest';
import { journalCsv, reviewFigures } from '../../../src/main/journal/review-figures';
import type { JournalRecord } from '../../../src/shared/journal';

const day = (d: number): number => Date.UTC(2026, 10, d, 16); // 11:00 Eastern

function record(over: Partial<JournalRecord>): JournalRecord {
  return {
    draftId: 'd',
    author: 'claude',
    account: 'DU1',
    symbol: 'AAPL',
    conId: 1,
    side: 'BUY',
    quantity: 10,
    orderType: 'MKT',
    draftedAt: day(16),
    draftQuote: null,
    decision: 'approved',
    decidedAt: day(16),
    decisionQuote: null,
    finalState: 'filled',
    relation: 'opens',
    warned: false,
    fills: [],
    slippage: null,
    slippageBps: null,
    hypotheticalPrice: null,
    outcomes: [],
    auditSeqs: { created: 1, decided: 2 },
    ...over,
  };
}

const out = (horizon: '1d' | '5d' | '20d' | 'close', pnl: number) => ({ horizon, sessionDate: '20261120', price: 100, pnl });

const records: JournalRecord[] = [
  record({ draftId: 'a1', author: 'claude', relation: 'adds', fills: [{ execId: 'e1', at: 0, shares: 10, price: 100, slippage: 0.1, slippageBps: 10 }], outcomes: [out('1d', 50), out('5d', -30)] }),
  record({ draftId: 'a2', author: 'person', relation: 'against', warned: true, decidedAt: day(24), fills: [{ execId: 'e2', at: 0, shares: 30, price: 100, slippage: -0.02, slippageBps: -2 }], outcomes: [out('1d', -10), out('5d', 20), out('20d', 40)] }),
  record({ draftId: 'r1', author: 'claude', decision: 'rejected', relation: 'adds', warned: true, outcomes: [out('1d', 5), out('5d', -100)] }),
  record({ draftId: 'x1', author: 'claude', decision: 'expired', relation: 'unknown', decidedAt: day(24), outcomes: [] }),
  record({ draftId: 'w1', author: 'claude', decision: null, decidedAt: null }),
];

describe('the review figures', () => {
  const f = reviewFigures(records);

  it('gives approval rates by author, by position relation and by warning, over decided drafts only', () => {
    expect(f.decided).toBe(4);
    expect(f.byAuthor).toEqual([
      { key: 'claude', decided: 3, approved: 1, rate: 1 / 3 },
      { key: 'person', decided: 1, approved: 1, rate: 1 },
    ]);
    expect(f.byRelation.find((r) => r.key === 'adds')).toEqual({ key: 'adds', decided: 2, approved: 1, rate: 0.5 });
    expect(f.byRelation.find((r) => r.key === 'opens')).toEqual({ key: 'opens', decided: 0, approved: 0, rate: null });
    expect(f.byWarning).toEqual([
      { key: 'warned', decided: 2, approved: 1, rate: 0.5 },
      { key: 'no warning', decided: 2, approved: 1, rate: 0.5 },
    ]);
  });

  it('weights slippage by shares over every fill', () => {
    expect(f.averageSlippage).toBeCloseTo((10 * 0.1 + 30 * -0.02) / 40, 10);
    expect(f.averageSlippageBps).toBeCloseTo((10 * 10 + 30 * -2) / 40, 10);
  });

  it('compares hit rate and average P&L of approved and not approved drafts at each horizon', () => {
    expect(f.horizons.find((h) => h.horizon === '1d')).toEqual({ horizon: '1d', approved: { count: 2, hitRate: 0.5, averagePnl: 20 }, notApproved: { count: 1, hitRate: 1, averagePnl: 5 } });
    expect(f.horizons.find((h) => h.horizon === '5d')).toEqual({ horizon: '5d', approved: { count: 2, hitRate: 0.5, averagePnl: -5 }, notApproved: { count: 1, hitRate: 0, averagePnl: -100 } });
    expect(f.horizons.find((h) => h.horizon === 'close')).toEqual({ horizon: 'close', approved: { count: 0, hitRate: null, averagePnl: null }, notApproved: { count: 0, hitRate: null, averagePnl: null } });
  });

  it('lists the drafts that lost most at their longest horizon, worst first', () => {
    expect(f.worst.map((w) => [w.draftId, w.horizon, w.pnl])).toEqual([
      ['r1', '5d', -100],
      ['a1', '5d', -30],
    ]);
  });

  it('buckets the 5-day outcomes and counts approvals by exchange week', () => {
    expect(f.distribution).toHaveLength(10);
    expect(f.distribution.reduce((s, b) => s + b.approved, 0)).toBe(2);
    expect(f.distribution.reduce((s, b) => s + b.notApproved, 0)).toBe(1);
    expect(f.distribution[0]).toMatchObject({ from: -100, notApproved: 1 });
    expect(f.distribution[9]).toMatchObject({ to: 20, approved: 1 });
    expect(f.overTime).toEqual([
      { week: '20261116', decided: 2, approved: 1, rate: 0.5 },
      { week: '20261123', decided: 2, approved: 1, rate: 0.5 },
    ]);
  });

  it('exports one CSV line per draft with its audit row numbers, quoting what a spreadsheet would run', () => {
    const csv = journalCsv([record({ draftId: 'a1', account: '=HYPERLINK("x")', auditSeqs: { created: 12, decided: 15 }, outcomes: [out('5d', -30)] })]);
    const [header, line] = csv.trim().split('\n');
    const columns = header?.split(',') ?? [];
    expect(columns.slice(0, 3)).toEqual(['draft_id', 'audit_seq_created', 'audit_seq_decided']);
    expect(line?.startsWith('a1,12,15,claude,"\'=HYPERLINK(""x"")",AAPL')).toBe(true);
    expect(line?.split(',').at(columns.indexOf('5d_pnl') - columns.length)).toBe('-30');
  });
});
