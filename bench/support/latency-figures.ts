/** Percentiles of a set of durations (ms), nearest-rank. */
export interface LatencyFigures {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export function latencyFigures(samples: readonly number[]): LatencyFigures {
  if (samples.length === 0) return { count: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  return {
    count: sorted.length,
    p50: rank(50),
    p99: rank(99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
  };
}

export function formatFigures(figures: LatencyFigures): string {
  const ms = (v: number): string => `${v.toFixed(3)} ms`;
  return `p50 ${ms(figures.p50)}   p99 ${ms(figures.p99)}   max ${ms(figures.max)}   (mean ${ms(figures.mean)})`;
}
