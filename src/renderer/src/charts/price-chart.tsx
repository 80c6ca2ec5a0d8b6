import { useMemo, useState } from 'react';
import { ChartPeriod } from '../../../shared/chart';
import { sessionAllowsApproval } from '../../../shared/session-rules';
import { useAppStore } from '../store';
import { livePriceOf, resolveSubject } from './chart-subject';
import { draftLevels } from './draft-levels';
import { priceChartOption } from './price-chart-option';
import { useChart, usePalette } from './use-chart';
import { usePriceHistory } from './use-price-history';
import { useSampled } from './use-sampled';

/** The live price moves the chart at most this often: a candle does not need every tick. */
const LIVE_PRICE_MS = 1000;

/** One made-up candle and a level line: enough for ECharts to set up everything a real chart uses. */
const WARM_UP = priceChartOption(
  { symbol: '', conId: 0, period: '1D', barSize: '1 day', bars: [{ time: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 1 }] },
  1.5,
  [{ label: 'Limit', price: 1, role: 'entry' }],
  { text: '#000', muted: '#000', border: '#000', panel: '#fff', up: '#000', down: '#000', accent: '#000', warn: '#000' },
);

/** The price chart of the selected draft or position: candles, the live price, the draft's limit and stop. */
export function PriceChart() {
  const subject = useAppStore((s) => s.chartSubject);
  const drafts = useAppStore((s) => s.queue.drafts);
  const positions = useAppStore((s) => s.positions);
  const quotes = useAppStore((s) => s.quotes);
  const session = useAppStore((s) => s.session);
  const [period, setPeriod] = useState<ChartPeriod>('1M');
  const palette = usePalette();
  const resolved = useMemo(() => resolveSubject(subject, drafts, Object.values(positions)), [subject, drafts, positions]);
  const ready = session ? sessionAllowsApproval(session) : false;
  const load = usePriceHistory(resolved?.symbol, resolved?.conId, period, ready);
  // Bars for the previous subject or period may still be held for a render; never draw them under this one.
  const history =
    load.status === 'loaded' && load.history.symbol === resolved?.symbol.toUpperCase() && load.history.period === period ? load.history : undefined;
  const quoted = resolved ? livePriceOf(quotes, resolved.symbol, resolved.conId ?? history?.conId) : null;
  const live = useSampled(quoted, LIVE_PRICE_MS, resolved?.symbol ?? '');
  const levels = useMemo(() => (resolved?.draft ? draftLevels(resolved.draft) : []), [resolved?.draft]);
  const option = useMemo(
    () => (history && history.bars.length > 0 ? priceChartOption(history, live, levels, palette) : undefined),
    [history, live, levels, palette],
  );
  const chartRef = useChart(option, WARM_UP);

  const summary = !resolved
    ? 'Select a position or a draft to see its chart.'
    : load.status === 'loading' || load.status === 'idle'
      ? `${resolved.symbol}: ${ready ? 'loading bars…' : 'the chart loads once the session is ready.'}`
      : load.status === 'failed'
        ? `${resolved.symbol}: ${load.message}`
        : !history
          ? `${resolved.symbol}: loading bars…`
          : `${resolved.symbol} · ${history.period} · ${history.bars.length} bars of ${history.barSize}${live !== null ? ` · last ${live.toFixed(2)}` : ''}`;

  return (
    <div className="price-chart" data-testid="price-chart" data-symbol={resolved?.symbol ?? ''} data-con-id={resolved?.conId ?? history?.conId ?? ''}>
      <div className="chart-head">
        <p className="chart-summary" data-testid="chart-summary" aria-live="polite">
          {summary}
          {resolved && <span className="chart-origin"> — {resolved.origin}</span>}
        </p>
        <div className="chart-periods" role="radiogroup" aria-label="Chart period">
          {ChartPeriod.options.map((name) => (
            <button key={name} type="button" role="radio" aria-checked={period === name} onClick={() => setPeriod(name)}>
              {name}
            </button>
          ))}
        </div>
      </div>
      {levels.length > 0 && (
        <ul className="chart-levels" data-testid="chart-levels" aria-label="Levels of the draft">
          {levels.map((level) => (
            <li key={level.label} className={`level-${level.role}`}>
              {level.label} {level.price.toFixed(2)}
              {live !== null && <span className="muted"> ({(((level.price - live) / live) * 100).toFixed(1)}% from last)</span>}
            </li>
          ))}
        </ul>
      )}
      <div ref={chartRef} className="chart-canvas" role="img" aria-label={summary} data-testid="price-chart-canvas" />
    </div>
  );
}
