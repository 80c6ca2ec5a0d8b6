import type { ChartBar } from '../../../shared/chart';

/** The last candle meets the live price, so the chart and the quote never disagree. */
export function withLivePrice(bars: readonly ChartBar[], live: number | null): ChartBar[] {
  const copy = bars.slice();
  const last = copy[copy.length - 1];
  if (!last || live === null) return copy;
  copy[copy.length - 1] = { ...last, close: live, high: Math.max(last.high, live), low: Math.min(last.low, live) };
  return copy;
}
