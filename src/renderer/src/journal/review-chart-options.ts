import type { ReviewFigures } from '../../../shared/journal';
import type { ChartPalette } from '../charts/chart-palette';
import type { ChartOption } from '../charts/echarts-setup';

const money = (value: number): string => (Math.abs(value) >= 1000 ? `${(value / 1000).toFixed(1)}k` : value.toFixed(0));

/** P&L at 5 trading days in buckets: approved drafts against those not approved, side by side. */
export function outcomesOption(figures: ReviewFigures, palette: ChartPalette): ChartOption {
  return {
    animation: false,
    textStyle: { color: palette.text },
    grid: { left: 40, right: 12, top: 24, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: figures.distribution.map((b) => `${money(b.from)}…${money(b.to)}`), axisLabel: { color: palette.muted, rotate: 30 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: palette.muted }, splitLine: { lineStyle: { color: palette.border } } },
    series: [
      { name: 'Approved', type: 'bar', data: figures.distribution.map((b) => b.approved), itemStyle: { color: palette.accent } },
      { name: 'Not approved', type: 'bar', data: figures.distribution.map((b) => b.notApproved), itemStyle: { color: palette.muted } },
    ],
  };
}

/** The share of decided drafts approved, week by week. */
export function approvalRateOption(figures: ReviewFigures, palette: ChartPalette): ChartOption {
  return {
    animation: false,
    textStyle: { color: palette.text },
    grid: { left: 40, right: 12, top: 24, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: figures.overTime.map((w) => `${w.week.slice(4, 6)}/${w.week.slice(6, 8)}`), axisLabel: { color: palette.muted } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: palette.muted, formatter: '{value}%' }, splitLine: { lineStyle: { color: palette.border } } },
    series: [{ name: 'Approval rate', type: 'bar', data: figures.overTime.map((w) => Math.round(w.rate * 1000) / 10), itemStyle: { color: palette.accent } }],
  };
}
