import { useMemo, useState } from 'react';
import { ChartPeriod } from '../../../shared/chart';
import { sessionAllowsApproval } from '../../../shared/session';
import { useAppStore } from '../store';
import { livePriceOf, resolveSubject } from './chart-subject';
import { draftLevels } from './draft-levels';
import { priceChartOption } from './price-chart-option';
import { useChart, usePalette } from './use-chart';
import { usePriceHistory } from './use-price-history';

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
  const history = load.status === 'loaded' ? load.history : undefined;
  const live = resolved ? livePriceOf(quotes, resolved.symbol, history?.conId ?? resolved.conId) : null;
  const levels = useMemo(() => (resolved?.draft ? draftLevels(resolved.draft) : []), [resolved?.draft]);
  const option = useMemo(
    () => (history && history.bars.length > 0 ? priceChartOption(history, live, levels, palette) : undefined),
    [history, live, levels, palette],
  );
  const chartRef = useChart(option);

  const summary = !resolved
    ? 'Select a position or a draft to see its chart.'
    : load.status === 'loading' || load.status === 'idle'
      ? `${resolved.symbol}: ${ready ? 'loading bars…' : 'the chart loads once the session is ready.'}`
      : load.status === 'failed'
        ? `${resolved.symbol}: ${load.message}`
        : `${resolved.symbol} · ${load.history.period} · ${load.history.bars.length} bars of ${load.history.barSize}${live !== null ? ` · last ${live.toFixed(2)}` : ''}`;

  return (
    <div className="price-chart" data-testid="price-chart" data-symbol={resolved?.symbol ?? ''}>
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
