import type { JournalRecord } from '../../shared/journal';
import { reviewFigures } from '../journal/review-figures';
import { fenceUntrusted } from './fence';

export interface JournalQuery {
  symbol?: string | undefined;
  side?: 'BUY' | 'SELL' | undefined;
  author?: 'claude' | 'person' | undefined;
  limit?: number | undefined;
}

const DEFAULT_LIMIT = 20;
const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());
const round = (value: number | null, places = 2): number | null => (value === null ? null : Math.round(value * 10 ** places) / 10 ** places);

/**
 * The journal as Claude reads it: the drafts like the one it is considering,
 * newest first, and the same summary figures the person's review shows. A
 * symbol was typed by a person or a model and is fenced like any outside text;
 * the figures are data. Draft ids stay, so Claude can refer to a draft.
 */
export function journalForClaude(records: readonly JournalRecord[], query: JournalQuery): Record<string, unknown> {
  const symbol = query.symbol?.toUpperCase();
  const similar = records.filter(
    (r) => (symbol === undefined || r.symbol.toUpperCase() === symbol) && (query.side === undefined || r.side === query.side) && (query.author === undefined || r.author === query.author),
  );
  const figures = reviewFigures(similar);
  const newest = [...similar].sort((a, b) => (b.decidedAt ?? b.draftedAt) - (a.decidedAt ?? a.draftedAt)).slice(0, query.limit ?? DEFAULT_LIMIT);
  return {
    matching: similar.length,
    summary: {
      decided: figures.decided,
      approved: figures.byAuthor.reduce((sum, r) => sum + r.approved, 0),
      averageSlippageBps: round(figures.averageSlippageBps, 1),
      horizons: figures.horizons.map((h) => ({
        horizon: h.horizon,
        approved: { count: h.approved.count, hitRate: round(h.approved.hitRate, 3), averagePnl: round(h.approved.averagePnl) },
        notApproved: { count: h.notApproved.count, hitRate: round(h.notApproved.hitRate, 3), averagePnl: round(h.notApproved.averagePnl) },
      })),
    },
    note: 'P&L is in the contract currency, for the whole order. Rejected and expired drafts are valued as if filled at the quote when decided. Horizons count exchange trading days from the fill (or the decision).',
    drafts: newest.map((r) => ({
      draftId: r.draftId,
      author: r.author,
      symbol: fenceUntrusted(r.symbol),
      side: r.side,
      quantity: r.quantity,
      orderType: r.orderType,
      decision: r.decision ?? 'waiting',
      decidedAt: iso(r.decidedAt),
      finalState: r.finalState,
      relation: r.relation,
      aCheckWarned: r.warned,
      filled: r.fills.reduce((sum, f) => sum + f.shares, 0),
      slippageBps: round(r.slippageBps, 1),
      hypotheticalPrice: r.hypotheticalPrice,
      outcomes: r.outcomes.map((o) => ({ horizon: o.horizon, sessionDate: o.sessionDate, price: o.price, pnl: round(o.pnl) })),
    })),
  };
}
