import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceAxis } from '../../../src/renderer/src/charts/price-axis';
import { priceChartOption } from '../../../src/renderer/src/charts/price-chart-option';

const PALETTE = { text: '#000', muted: '#000', border: '#000', panel: '#fff', up: '#000', down: '#000', accent: '#000', warn: '#000' };

/** The labels ECharts draws for an axis given min, max and interval: min, then every step up to max. */
function labels(axis: { min: number; max: number; interval: number }): string[] {
  const out: string[] = [];
  for (let i = 0; axis.min + i * axis.interval <= axis.max + axis.interval * 1e-6; i++) out.push((axis.min + i * axis.interval).toFixed(2));
  return out;
}

describe('the price axis', () => {
  it('labels round prices only: the range ends on its step, so an end label never sits beside a round one', () => {
    // The screen at 1440×900 showed 273.63 drawn over 275.00.
    const axis = priceAxis(273.63, 299.49);
    expect(axis).toEqual({ min: 270, max: 300, interval: 10 });
    expect(labels(axis)).toEqual(['270.00', '280.00', '290.00', '300.00']);
  });

  it('for any range: covers it, at most six labels, each a different price at two decimals, evenly spaced', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100_000, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }), (low, widthFraction) => {
        const high = low * (1 + widthFraction);
        const axis = priceAxis(low, high);
        const shown = labels(axis);
        expect(axis.min).toBeLessThanOrEqual(low);
        expect(axis.max).toBeGreaterThanOrEqual(high);
        expect(shown.length).toBeGreaterThanOrEqual(2);
        expect(shown.length).toBeLessThanOrEqual(6);
        expect(new Set(shown).size).toBe(shown.length);
        // The range is a whole number of steps: the last label is the axis's end, no half step beside it.
        expect(Math.abs((axis.max - axis.min) / axis.interval - Math.round((axis.max - axis.min) / axis.interval))).toBeLessThan(1e-6);
      }),
    );
  });

  it('is what the candle chart uses, with the draft levels inside it', () => {
    const bars = [
      { time: 0, open: 280, high: 299.49, low: 273.63, close: 290, volume: 1 },
      { time: 1, open: 290, high: 295, low: 285, close: 294, volume: 1 },
    ];
    const option = priceChartOption({ symbol: 'V', conId: 1, period: '1M', barSize: '1 day', bars }, null, [{ label: 'Limit', price: 260, role: 'entry' }], PALETTE) as { yAxis: { min: number; max: number; interval: number }[] };
    const axis = option.yAxis[0]!;
    expect(axis.min).toBeLessThanOrEqual(260);
    expect(labels(axis).every((label) => Number(label) % axis.interval < 1e-6 || axis.interval - (Number(label) % axis.interval) < 1e-6)).toBe(true);
  });
});
