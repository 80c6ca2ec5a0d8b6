import { daysToExpiry, expiryFlags, groupByUnderlying, type ExpiryFlag, type UnderlyingGroup, type UnderlyingQuote } from '../../../shared/derivatives';
import type { PositionView } from '../../../shared/portfolio';
import { sortPositions, type PositionSort } from './sort-positions';

/**
 * What the positions table draws, one entry per row: plain positions, and
 * each account's options on one underlying as a group row that expands into
 * its legs. Sorting orders positions and groups together (a group by its
 * underlying and the sum of its legs); legs keep expiry, strike, right order.
 */
export type PositionRow =
  | { kind: 'position'; key: string; position: PositionView; flags: ExpiryFlag[] }
  | { kind: 'group'; key: string; group: UnderlyingGroup; options: PositionView[]; expanded: boolean }
  | { kind: 'leg'; key: string; position: PositionView; daysToExpiry: number | null; flags: ExpiryFlag[] };

const isOption = (p: PositionView): boolean => p.secType === 'OPT' || p.secType === 'FOP';

export function groupKey(account: string, underlying: string): string {
  return `group:${account}:${underlying}`;
}

const sumOrNull = (xs: (number | null)[]): number | null => (xs.some((x) => x === null) ? null : xs.reduce<number>((a, b) => a + (b as number), 0));

/** A stand-in position for sorting a group among positions: its underlying, its legs' sums. */
function sortProxy(key: string, account: string, underlying: string, legs: PositionView[]): PositionView {
  const first = legs[0]!;
  return {
    ...first, key, account, symbol: underlying,
    quantity: legs.reduce((a, p) => a + p.quantity, 0),
    marketValue: sumOrNull(legs.map((p) => p.baseValue)), baseValue: sumOrNull(legs.map((p) => p.baseValue)),
    weightPct: sumOrNull(legs.map((p) => p.weightPct)), unrealizedPnL: sumOrNull(legs.map((p) => p.unrealizedPnL)), dailyPnL: sumOrNull(legs.map((p) => p.dailyPnL)),
  };
}

/** `quotes` price the underlyings of options IB sent no option model for (accounts without an options data subscription). */
export function positionRows(positions: readonly PositionView[], sort: PositionSort, expanded: ReadonlySet<string>, today: string, quotes: readonly UnderlyingQuote[] = []): PositionRow[] {
  const flags = new Map<string, ExpiryFlag[]>();
  // The whole book: the shares held price the options on them.
  for (const f of expiryFlags(positions, today, quotes)) flags.set(f.key, [...(flags.get(f.key) ?? []), f]);
  const plain = positions.filter((p) => !isOption(p));
  const optionsByGroup = new Map<string, PositionView[]>();
  for (const p of positions.filter(isOption)) {
    const key = groupKey(p.account, p.underlying);
    optionsByGroup.set(key, [...(optionsByGroup.get(key) ?? []), p]);
  }
  // The group's exposure and strategies count the shares held beside the options too.
  // Only underlyings with options form groups: the rest of a large book is not walked again.
  const grouped = positions.filter((p) => optionsByGroup.has(groupKey(p.account, p.underlying)));
  const groups = new Map(groupByUnderlying(grouped).map((g) => [groupKey(g.account, g.underlying), g]));
  const proxies = [...optionsByGroup].map(([key, legs]) => sortProxy(key, legs[0]!.account, legs[0]!.underlying, legs));
  const out: PositionRow[] = [];
  for (const p of sortPositions([...plain, ...proxies], sort)) {
    const legs = optionsByGroup.get(p.key);
    if (!legs) {
      out.push({ kind: 'position', key: p.key, position: p, flags: flags.get(p.key) ?? [] });
      continue;
    }
    const open = expanded.has(p.key);
    out.push({ kind: 'group', key: p.key, group: groups.get(p.key)!, options: legs, expanded: open });
    if (!open) continue;
    const ordered = [...legs].sort((a, b) => (a.expiry ?? '').localeCompare(b.expiry ?? '') || (a.strike ?? 0) - (b.strike ?? 0) || (a.right ?? '').localeCompare(b.right ?? ''));
    for (const leg of ordered) out.push({ kind: 'leg', key: leg.key, position: leg, daysToExpiry: leg.expiry ? daysToExpiry(leg.expiry, today) : null, flags: flags.get(leg.key) ?? [] });
  }
  return out;
}
