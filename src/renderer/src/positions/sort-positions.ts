import type { PositionView } from '../../../shared/portfolio';

export type PositionSortKey = 'symbol' | 'account' | 'quantity' | 'marketValue' | 'weightPct' | 'unrealizedPnL' | 'dailyPnL';
export interface PositionSort {
  key: PositionSortKey;
  direction: 'asc' | 'desc';
}

/** Unknown values (null) always sort last, whichever the direction. */
export function sortPositions(rows: PositionView[], sort: PositionSort): PositionView[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  // Value sorts in base currency: a JPY position's yen are not comparable with dollars.
  const field = sort.key === 'marketValue' ? 'baseValue' : sort.key;
  return [...rows].sort((a, b) => {
    const x = a[field];
    const y = b[field];
    if (x === y) return a.key < b.key ? -1 : 1;
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === 'string' && typeof y === 'string') return sign * x.localeCompare(y);
    return sign * ((x as number) - (y as number));
  });
}

export interface PositionTotals {
  marketValue: number | null;
  unrealizedPnL: number | null;
  dailyPnL: number | null;
}

export function totalPositions(rows: PositionView[]): PositionTotals {
  const sum = (pick: (row: PositionView) => number | null): number | null => {
    let total = 0;
    let any = false;
    for (const row of rows) {
      const value = pick(row);
      if (value !== null) {
        total += value;
        any = true;
      }
    }
    return any ? total : null;
  };
  // In base currencies: own-currency values of different currencies do not add up.
  return { marketValue: sum((r) => r.baseValue), unrealizedPnL: sum((r) => r.unrealizedPnL), dailyPnL: sum((r) => r.dailyPnL) };
}
