import type { PriceHistory } from '../../../shared/chart';
import type { ChartPalette } from './chart-palette';
import type { PriceLevel } from './draft-levels';
import type { ChartOption } from './echarts-setup';
import { withLivePrice } from './live-candle';
import { priceAxis } from './price-axis';

const MARKET_TIME_ZONE = 'America/New_York';
const dayLabel = new Intl.DateTimeFormat('en-US', { timeZone: MARKET_TIME_ZONE, month: 'short', day: 'numeric' });
const timeLabel = new Intl.DateTimeFormat('en-US', { timeZone: MARKET_TIME_ZONE, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function levelColour(level: PriceLevel, palette: ChartPalette): string {
  if (level.role === 'exit-profit') return palette.up;
  if (level.role === 'exit-loss') return palette.down;
  return palette.accent;
}

/** Candles (IB's bars), volume underneath, the live price and the draft's levels as labelled lines. */
export function priceChartOption(history: PriceHistory, live: number | null, levels: readonly PriceLevel[], palette: ChartPalette): ChartOption {
  const bars = withLivePrice(history.bars, live);
  const intraday = !history.barSize.includes('day') && !history.barSize.includes('week');
  const labels = bars.map((bar) => (intraday ? timeLabel : dayLabel).format(bar.time));
  const lines = [
    ...levels.map((level) => ({
      name: level.label,
      yAxis: level.price,
      lineStyle: { color: levelColour(level, palette), type: level.role === 'entry' ? 'solid' : 'dashed', width: 1.5 },
      label: { formatter: `${level.label} ${level.price.toFixed(2)}`, color: levelColour(level, palette), position: 'insideEndTop' },
    })),
    ...(live !== null
      ? [{ name: 'Last', yAxis: live, lineStyle: { color: palette.muted, type: 'dotted', width: 1 }, label: { formatter: `Last ${live.toFixed(2)}`, color: palette.muted, position: 'insideStartBottom' } }]
      : []),
  ];
  const prices = [...bars.flatMap((bar) => [bar.low, bar.high]), ...levels.map((level) => level.price)];
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  const pad = (high - low) * 0.05 || high * 0.01;
  const axis = priceAxis(low - pad, high + pad);
  return {
    animation: false,
    textStyle: { color: palette.text, fontFamily: 'system-ui, sans-serif' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'cross' }, renderMode: 'richText' },
    grid: [
      { left: 8, right: 56, top: 8, height: '68%' },
      { left: 8, right: 56, top: '80%', bottom: 20 },
    ],
    xAxis: [
      { type: 'category', data: labels, boundaryGap: true, axisLine: { lineStyle: { color: palette.border } }, axisLabel: { color: palette.muted, hideOverlap: true } },
      { type: 'category', data: labels, gridIndex: 1, axisLabel: { show: false }, axisTick: { show: false }, axisLine: { lineStyle: { color: palette.border } } },
    ],
    yAxis: [
      {
        scale: true,
        position: 'right',
        min: axis.min,
        max: axis.max,
        interval: axis.interval,
        splitLine: { lineStyle: { color: palette.border } },
        axisLabel: { color: palette.muted, formatter: (value: number) => value.toFixed(2) },
      },
      { gridIndex: 1, position: 'right', splitNumber: 1, axisLabel: { show: false }, splitLine: { show: false } },
    ],
    series: [
      {
        name: history.symbol,
        type: 'candlestick',
        // ECharts wants [open, close, low, high].
        data: bars.map((bar) => [bar.open, bar.close, bar.low, bar.high]),
        itemStyle: { color: palette.up, color0: palette.down, borderColor: palette.up, borderColor0: palette.down },
        markLine: { symbol: 'none', silent: true, animation: false, data: lines },
      },
      {
        name: 'Volume',
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: bars.map((bar) => ({ value: bar.volume, itemStyle: { color: bar.close >= bar.open ? palette.up : palette.down, opacity: 0.45 } })),
      },
    ],
  };
}
