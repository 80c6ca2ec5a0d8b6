import type { ContractProfile } from '../../../shared/chart';
import type { PositionView } from '../../../shared/portfolio';

export type AllocationBasis = 'position' | 'sector' | 'type';

export interface AllocationSlice {
  name: string;
  /** Absolute market value: a short takes up room in the book like a long does. */
  value: number;
  /** Share of the gross market value shown, in percent. */
  pct: number;
  /** True when the slice is short on balance (drawn and labelled as such). */
  short: boolean;
}

/** The largest slices by name; the rest are one "Other" slice so the chart stays readable. */
const MAX_SLICES = 12;
const UNKNOWN_SECTOR = 'Sector not given';

function nameFor(position: PositionView, basis: AllocationBasis, profile: ContractProfile | undefined): string {
  if (basis === 'position') return position.symbol;
  if (!profile) return basis === 'sector' ? UNKNOWN_SECTOR : 'Type not given';
  if (basis === 'type') return profile.assetType;
  // IB gives ETFs no industry of their own; grouping them as ETFs says more than a blank.
  return profile.sector ?? (profile.assetType === 'ETF' ? 'ETFs' : UNKNOWN_SECTOR);
}

/**
 * The book grouped by position, sector or asset type. Positions without a
 * market value yet (no quote) are left out rather than counted as zero.
 */
export function allocate(positions: readonly PositionView[], basis: AllocationBasis, profiles: ReadonlyMap<number, ContractProfile>): AllocationSlice[] {
  const sums = new Map<string, { gross: number; net: number }>();
  for (const position of positions) {
    if (position.marketValue === null || position.marketValue === 0) continue;
    const name = nameFor(position, basis, profiles.get(position.conId));
    const sum = sums.get(name) ?? { gross: 0, net: 0 };
    sum.gross += Math.abs(position.marketValue);
    sum.net += position.marketValue;
    sums.set(name, sum);
  }
  const total = [...sums.values()].reduce((acc, sum) => acc + sum.gross, 0);
  if (total === 0) return [];
  const ranked = [...sums.entries()].map(([name, sum]) => ({ name, ...sum })).sort((a, b) => b.gross - a.gross || a.name.localeCompare(b.name));
  const shown = ranked.length > MAX_SLICES ? ranked.slice(0, MAX_SLICES - 1) : ranked;
  const rest = ranked.slice(shown.length);
  const slices = shown.map((s) => ({ name: s.name, value: s.gross, pct: (s.gross / total) * 100, short: s.net < 0 }));
  if (rest.length > 0) {
    const gross = rest.reduce((acc, s) => acc + s.gross, 0);
    slices.push({ name: `Other (${rest.length})`, value: gross, pct: (gross / total) * 100, short: false });
  }
  return slices;
}
