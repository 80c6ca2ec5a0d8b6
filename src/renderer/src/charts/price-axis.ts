/** The price axis's range and step: every label a round price, evenly spaced, so no two labels can overlap. */
export interface PriceAxis {
  min: number;
  max: number;
  interval: number;
}

const STEPS = [1, 2, 2.5, 5, 10];
/** A cent is the smallest step a label at two decimals can show apart. */
const SMALLEST_STEP = 0.01;

/**
 * A round step (1, 2, 2.5 or 5 times a power of ten) giving at most
 * `maxLabels` labels from a multiple of it at or below `low` to one at or
 * above `high`. An axis range that is not a multiple of its step puts its own
 * end labels next to a round one (273.63 under 275.00), which is where the
 * labels overlapped.
 */
export function priceAxis(low: number, high: number, maxLabels = 6): PriceAxis {
  const span = Math.max(high - low, Math.abs(high) * 0.002, SMALLEST_STEP);
  let power = 10 ** Math.floor(Math.log10(span / Math.max(1, maxLabels - 1)));
  for (;;) {
    for (const step of STEPS) {
      const interval = Math.max(SMALLEST_STEP, round(step * power));
      const min = round(Math.floor(low / interval) * interval);
      const max = Math.max(round(Math.ceil(high / interval) * interval), round(min + interval));
      if (Math.round((max - min) / interval) + 1 <= maxLabels) return { min, max, interval };
    }
    power *= 10;
  }
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
