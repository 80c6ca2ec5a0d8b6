import { lazy, Suspense, useState } from 'react';
import type { PositionView } from '../../../shared/portfolio';

// ECharts is most of the renderer's code: it loads when a chart is first shown, not before the first positions.
const PriceChart = lazy(() => import('./price-chart').then((module) => ({ default: module.PriceChart })));
const AllocationView = lazy(() => import('./allocation-view').then((module) => ({ default: module.AllocationView })));

type View = 'price' | 'allocation';

/** Under the positions: the chart of what is selected, or how the account is divided. */
export function ChartPanel({ positions }: { positions: PositionView[] }) {
  const [view, setView] = useState<View>('price');
  return (
    <section className="chart-panel" aria-label="Charts" data-testid="chart-panel">
      <div className="tabs" role="tablist" aria-label="Charts">
        <button type="button" role="tab" aria-selected={view === 'price'} onClick={() => setView('price')}>
          Price chart
        </button>
        <button type="button" role="tab" aria-selected={view === 'allocation'} onClick={() => setView('allocation')}>
          Allocation
        </button>
      </div>
      <Suspense fallback={<div className="chart-loading" aria-busy="true" />}>
        {view === 'price' ? <PriceChart /> : <AllocationView positions={positions} />}
      </Suspense>
    </section>
  );
}
