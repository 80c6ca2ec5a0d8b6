import { useState } from 'react';
import type { PositionView } from '../../../shared/portfolio';
import { AllocationView } from './allocation-view';
import { PriceChart } from './price-chart';

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
      {view === 'price' ? <PriceChart /> : <AllocationView positions={positions} />}
    </section>
  );
}
