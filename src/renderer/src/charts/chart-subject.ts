import type { Draft } from '../../../shared/draft';
import type { PositionView, QuoteView } from '../../../shared/portfolio';
import type { ChartSubject } from '../store/ui-slice';

export interface ResolvedSubject {
  symbol: string;
  conId: number | undefined;
  /** Set when the chart is for a draft: its levels are drawn. */
  draft: Draft | undefined;
  /** Why this symbol is on the chart, in words ("draft BUY 10 AAPL", "position in DU123"). */
  origin: string;
}

/**
 * Which symbol to chart: the draft or position the person chose last, or the
 * largest position when they have chosen nothing yet (or it went away).
 */
export function resolveSubject(subject: ChartSubject | undefined, drafts: readonly Draft[], positions: readonly PositionView[]): ResolvedSubject | undefined {
  if (subject?.kind === 'draft') {
    const draft = drafts.find((d) => d.id === subject.draftId);
    if (draft) {
      return {
        symbol: draft.contract.symbol,
        conId: draft.contract.conId,
        draft,
        origin: `Draft: ${draft.order.side} ${draft.order.quantity} ${draft.contract.symbol}`,
      };
    }
  }
  const chosen = subject?.kind === 'position' ? positions.find((p) => p.key === subject.key) : undefined;
  const position = chosen ?? [...positions].sort((a, b) => Math.abs(b.baseValue ?? 0) - Math.abs(a.baseValue ?? 0))[0];
  if (!position) return undefined;
  return { symbol: position.symbol, conId: position.conId, draft: undefined, origin: `Position in ${position.account}${chosen ? '' : ' (largest)'}` };
}

/** The price to draw as "Last": the last trade, else the mid, from the live quote. */
export function livePriceOf(quotes: Record<number, QuoteView>, symbol: string, conId: number | undefined): number | null {
  const quote = conId !== undefined ? quotes[conId] : Object.values(quotes).find((q) => q.symbol === symbol);
  if (!quote) return null;
  if (quote.last !== null) return quote.last;
  if (quote.bid !== null && quote.ask !== null) return (quote.bid + quote.ask) / 2;
  return null;
}
