import { useEffect, useRef, useState, type RefObject } from 'react';
import { readPalette, type ChartPalette } from './chart-palette';
import { echarts, type ChartOption } from './echarts-setup';

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
 * with its box. `option` replaces the chart's content (notMerge) so a series
 * that went away does not linger.
 */
export function useChart(option: ChartOption | undefined): RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | undefined>(undefined);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    if (option) chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
    else chart.current?.clear();
  }, [option]);
  return ref;
}
