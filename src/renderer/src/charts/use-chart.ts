import { useEffect, useRef, useState, type RefObject } from 'react';
import { readPalette, type ChartPalette } from './chart-palette';
import { echarts, type ChartOption } from './echarts-setup';

export interface DrawnSeries {
  type: string;
  /** Candles, bars or slices in the chart's model. */
  points: number;
  /** The labels of the lines drawn across it (limit, stop, last ...). */
  lines: string[];
}

interface ModelSeries {
  type?: string;
  data?: unknown[];
  markLine?: { data?: { label?: { formatter?: unknown } }[] };
}

/**
 * What the chart's model holds after an update, in a few words, kept on the
 * element (data-drawn). The canvas has no DOM to read; this lets tests and
 * screen-reader summaries check what was drawn, including that a merge left
 * no stale line behind.
 */
function describeDrawn(model: unknown): DrawnSeries[] {
  const series = ((model as { series?: ModelSeries[] } | undefined)?.series ?? []) as ModelSeries[];
  return series.map((s) => ({
    type: String(s.type ?? ''),
    points: s.data?.length ?? 0,
    lines: (s.markLine?.data ?? []).map((line) => String(line.label?.formatter ?? '')),
  }));
}

/** The palette now, and again whenever the theme changes (setting or OS). */
export function usePalette(): ChartPalette {
  const [palette, setPalette] = useState(readPalette);
  useEffect(() => {
    const refresh = (): void => setPalette(readPalette());
    const observer = new MutationObserver(refresh);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', refresh);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', refresh);
    };
  }, []);
  return palette;
}

/**
 * One ECharts instance bound to a div for the component's lifetime, resized
 * with its box. A new option is merged into the chart (arrays such as series
 * data and level lines are replaced whole): rebuilding axes and grids on
 * every live price costs a long task each time.
 */
export function useChart(option: ChartOption | undefined, warmUp?: ChartOption, renderer: 'canvas' | 'svg' = 'canvas'): RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | undefined>(undefined);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Canvas for live charts: an update redraws in a few ms, where SVG re-diffed every node (a long task).
    const instance = echarts.init(element, undefined, { renderer });
    chart.current = instance;
    if (warmUp) {
      // ECharts builds its components and measures text the first time it
      // draws one; doing that now, on mount, keeps that cost out of the first
      // live draw (which lands mid-stream when the bars arrive).
      instance.setOption(warmUp);
      instance.clear();
    }
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    if (option) instance.setOption(option);
    else instance.clear();
    if (ref.current) ref.current.dataset['drawn'] = JSON.stringify(describeDrawn(instance.getOption()));
  }, [option]);
  return ref;
}
