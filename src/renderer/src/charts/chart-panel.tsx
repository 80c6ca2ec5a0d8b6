import { Suspense, useState } from 'react';
import type { PositionView } from '../../../shared/portfolio';
import { LazyPartBoundary, useRetryableLazy } from '../frame/lazy-part';

// ECharts is most of the renderer's code: it loads when a chart is first shown, not before the first positions.
const loadPriceChart = () => import('./price-chart').then((module) => ({ default: module.PriceChart }));
const loadAllocationView = () => import('./allocation-view').then((module) => ({ default: module.AllocationView }));

type View = 'price' | 'allocation';

/** Under the positions: the chart of what is selected, or how the account is divided. */
export function ChartPanel({ positions }: { positions: PositionView[] }) {
  const [view, setView] = useState<View>('price');
  const price = useRetryableLazy(loadPriceChart);
  const allocation = useRetryableLazy(loadAllocationView);
  const PriceChart = price.Part;
  const AllocationView = allocation.Part;
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
      {/* Keyed by the view: a chart that failed to load does not keep the other tab from trying. */}
      <LazyPartBoundary key={view} what={view === 'price' ? 'The price chart' : 'The allocation view'} onRetry={view === 'price' ? price.retry : allocation.retry}>
        <Suspense fallback={<div className="chart-loading" aria-busy="true" />}>
          {view === 'price' ? <PriceChart /> : <AllocationView positions={positions} />}
        </Suspense>
      </LazyPartBoundary>
    </section>
  );
}
