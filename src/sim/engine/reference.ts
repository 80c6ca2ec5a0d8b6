// Reference data TWS serves from its security-definition farm: symbol search,
// price-increment rules and the date history begins. Answers are shaped like
// IB's, for the simulator's own catalogue.
import type { Listing } from './catalogue';
import { mixSeed, Random } from './random';

/** IB's market rules as reqMarketRule returns them: the increment that applies from each price up. */
export const MARKET_RULES: Record<number, { lowEdge: number; increment: number }[]> = {
  // US stocks and ETFs: a cent at any price.
  26: [{ lowEdge: 0, increment: 0.01 }],
  // US equity options outside the penny programme: 0.05 below $3, 0.10 above.
  32: [{ lowEdge: 0, increment: 0.05 }, { lowEdge: 3, increment: 0.1 }],
  // Penny-programme options: 0.01 below $3, 0.05 above.
  110: [{ lowEdge: 0, increment: 0.01 }, { lowEdge: 3, increment: 0.05 }],
  // IDEALPRO forex: a twentieth of a pip.
  239: [{ lowEdge: 0, increment: 0.00005 }],
  // E-mini futures and bitcoin: a quarter point.
  67: [{ lowEdge: 0, increment: 0.25 }],
  // Gold: ten cents an ounce.
  81: [{ lowEdge: 0, increment: 0.1 }],
  // Treasury note futures: a sixty-fourth of a point.
  82: [{ lowEdge: 0, increment: 0.015625 }],
  // Tokyo stocks: a yen (up to 3,000 yen, then coarser).
  83: [{ lowEdge: 0, increment: 1 }, { lowEdge: 3000, increment: 5 }],
  // US Treasuries: a 128th of a point.
  1036: [{ lowEdge: 0, increment: 0.0078125 }],
};

export interface MatchedSymbol {
  listing: Listing;
  derivativeSecTypes: string[];
}

const US_STOCK_DERIVATIVES = ['CFD', 'OPT', 'IOPT', 'WAR', 'BAG'];

/**
 * reqMatchingSymbols: symbols starting with the pattern first, then company
 * names containing it, at most 16 like IB.
 */
export function matchSymbols(listings: readonly Listing[], pattern: string): MatchedSymbol[] {
  const p = pattern.trim().toUpperCase();
  if (p === '') return [];
  const bySymbol = listings.filter((l) => l.symbol.startsWith(p) || l.symbol.replace(' ', '.').startsWith(p));
  const byName = listings.filter((l) => !bySymbol.includes(l) && l.longName.toUpperCase().includes(p));
  return [...bySymbol.sort((a, b) => a.symbol.length - b.symbol.length || a.symbol.localeCompare(b.symbol)), ...byName]
    .filter((l) => !l.symbol.startsWith('SYN') || p.startsWith('SYN'))
    .slice(0, 16)
    .map((listing) => ({ listing, derivativeSecTypes: US_STOCK_DERIVATIVES }));
}

/** The first day with data, fixed per listing: where its listing history (and our walk) notionally starts. */
export function headTimestampMs(seed: number, l: Listing): number {
  const r = new Random(mixSeed(seed, l.conId, 0x68656164));
  const year = l.etf ? 2005 + r.int(0, 10) : 1985 + r.int(0, 25);
  // 09:30 New York on the first business day of a January, in UTC.
  return Date.UTC(year, 0, 2 + r.int(0, 3), 14, 30, 0);
}

export interface CalendarEvent {
  conId: number;
  event_type: 'wshe_ed';
  data: { earnings_date: string; time_of_day: 'BMO' | 'AMC' };
}

/** The next four quarterly earnings dates after `now`, fixed per listing. */
export function earningsEvents(seed: number, l: Listing, now: number): CalendarEvent[] {
  const r = new Random(mixSeed(seed, l.conId, 0x65726e));
  const offsetDays = r.int(0, 89);
  const quarter = 91 * 86_400_000;
  const epoch = Date.UTC(2020, 0, 15) + offsetDays * 86_400_000;
  const first = epoch + Math.ceil((now - epoch) / quarter) * quarter;
  const out: CalendarEvent[] = [];
  for (let i = 0; i < 4; i++) {
    const d = new Date(first + i * quarter);
    // Earnings fall on weekdays.
    while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
    out.push({ conId: l.conId, event_type: 'wshe_ed', data: { earnings_date: d.toISOString().slice(0, 10).replaceAll('-', ''), time_of_day: r.next() < 0.5 ? 'BMO' : 'AMC' } });
  }
  return out;
}
