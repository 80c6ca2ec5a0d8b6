import type { ChartPalette } from './chart-palette';
import type { AllocationSlice } from './allocation';
import type { ChartOption } from './echarts-setup';

/** A ring: the slices clockwise from the largest, labelled with name and share. */
export function allocationOption(slices: readonly AllocationSlice[], palette: ChartPalette): ChartOption {
  return {
    animation: false,
    textStyle: { color: palette.text, fontFamily: 'system-ui, sans-serif' },
    tooltip: { trigger: 'item', renderMode: 'richText', formatter: '{b}: {d}%' },
    series: [
      {
        type: 'pie',
        // A ring small enough that the labels, set against the box's edges, fit beside it whole: ECharts cut a
        // label that ran past the edge to "Fu…".
        radius: ['32%', '52%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: palette.panel, borderWidth: 1 },
        label: { color: palette.text, formatter: '{b}\n{d}%', alignTo: 'edge', edgeDistance: 4, overflow: 'none', lineHeight: 14 },
        labelLine: { lineStyle: { color: palette.muted } },
        data: slices.map((slice) => ({ name: slice.short ? `${slice.name} (short)` : slice.name, value: Number(slice.value.toFixed(2)) })),
      },
    ],
  };
}
