import type { ContractProfile } from '../../../shared/chart';
import { assetClassOf, exposureOf } from '../../../shared/derivatives';
import type { PositionView } from '../../../shared/portfolio';

export type AllocationBasis = 'position' | 'sector' | 'type' | 'assetClass' | 'currency' | 'underlying';

export interface AllocationSlice {
  name: string;
  /**
   * Absolute exposure in base currency: market value for stocks, delta-adjusted
   * for options, notional for futures. A short takes up room like a long does.
   */
  value: number;
  /** Net market value in base currency, shown beside the exposure. */
  marketValue: number;
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
  if (basis === 'currency') return position.currency;
  if (basis === 'underlying') return position.underlying;
  if (basis === 'assetClass') return assetClassOf(position, profile?.assetType === 'ETF');
  if (!profile) return basis === 'sector' ? UNKNOWN_SECTOR : 'Type not given';
  if (basis === 'type') return profile.assetType;
  // IB gives ETFs no industry of their own; grouping them as ETFs says more than a blank.
  return profile.sector ?? (profile.assetType === 'ETF' ? 'ETFs' : UNKNOWN_SECTOR);
}

/**
 * The book grouped by position, sector, type, asset class, currency or
 * underlying, by exposure (options delta-adjusted, futures at notional) with
 * market value beside. Positions without an exposure yet (no quote, no delta)
 * are left out rather than counted as zero.
 */
export function allocate(positions: readonly PositionView[], basis: AllocationBasis, profiles: ReadonlyMap<number, ContractProfile>): AllocationSlice[] {
  const sums = new Map<string, { gross: number; net: number; value: number }>();
  for (const position of positions) {
    const exposure = exposureOf(position, null).notional;
    if (exposure === null || exposure === 0) continue;
    const name = nameFor(position, basis, profiles.get(position.conId));
    const sum = sums.get(name) ?? { gross: 0, net: 0, value: 0 };
    sum.gross += Math.abs(exposure);
    sum.net += exposure;
    sum.value += position.baseValue ?? 0;
    sums.set(name, sum);
  }
  const total = [...sums.values()].reduce((acc, sum) => acc + sum.gross, 0);
  if (total === 0) return [];
  const ranked = [...sums.entries()].map(([name, sum]) => ({ name, ...sum })).sort((a, b) => b.gross - a.gross || a.name.localeCompare(b.name));
  const shown = ranked.length > MAX_SLICES ? ranked.slice(0, MAX_SLICES - 1) : ranked;
  const rest = ranked.slice(shown.length);
  const slices = shown.map((s) => ({ name: s.name, value: s.gross, marketValue: s.value, pct: (s.gross / total) * 100, short: s.net < 0 }));
  if (rest.length > 0) {
    const gross = rest.reduce((acc, s) => acc + s.gross, 0);
    slices.push({ name: `Other (${rest.length})`, value: gross, marketValue: rest.reduce((acc, s) => acc + s.value, 0), pct: (gross / total) * 100, short: false });
  }
  return slices;
}
