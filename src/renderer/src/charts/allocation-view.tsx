import { useMemo, useState } from 'react';
import type { PositionView } from '../../../shared/portfolio';
import { formatMoney, formatPercent } from '../../../shared/format-numbers';
import { sessionAllowsApproval } from '../../../shared/session-rules';
import { useAppStore } from '../store';
import { allocate, type AllocationBasis } from './allocation';
import { allocationOption } from './allocation-option';
import { useChart, usePalette } from './use-chart';
import { useContractProfiles } from './use-contract-profiles';

const BASES: { basis: AllocationBasis; label: string }[] = [
  { basis: 'position', label: 'By position' },
  { basis: 'sector', label: 'By sector' },
  { basis: 'type', label: 'By type' },
  { basis: 'assetClass', label: 'By asset class' },
  { basis: 'currency', label: 'By currency' },
  { basis: 'underlying', label: 'By underlying' },
];

/** How the book (the selected account, or all) divides by position, sector or asset type. */
export function AllocationView({ positions }: { positions: PositionView[] }) {
  const [basis, setBasis] = useState<AllocationBasis>('sector');
  const session = useAppStore((s) => s.session);
  const palette = usePalette();
  const ready = session ? sessionAllowsApproval(session) : false;
  const profiles = useContractProfiles(
    basis === 'sector' || basis === 'type' || basis === 'assetClass' ? positions.map((p) => p.conId) : [],
    ready,
  );
  const slices = useMemo(() => allocate(positions, basis, profiles), [positions, basis, profiles]);
  const option = useMemo(() => (slices.length > 0 ? allocationOption(slices, palette) : undefined), [slices, palette]);
  const chartRef = useChart(option, undefined, 'svg');
  const label = BASES.find((b) => b.basis === basis)?.label ?? '';

  return (
    <div className="allocation-view" data-testid="allocation-view">
      <div className="chart-head">
        <p className="chart-summary">
          Allocation of gross exposure in base currency, {label.toLowerCase()}: options delta-adjusted, futures at notional, market value beside
        </p>
        <div className="chart-periods" role="radiogroup" aria-label="Group allocation">
          {BASES.map(({ basis: name, label: text }) => (
            <button key={name} type="button" role="radio" aria-checked={basis === name} onClick={() => setBasis(name)}>
              {text}
            </button>
          ))}
        </div>
      </div>
      {slices.length === 0 && <p className="empty">No priced positions to divide yet.</p>}
      {/* Always mounted: the chart binds to this element once, when the view opens. */}
      <div className="allocation-body" hidden={slices.length === 0}>
        <div ref={chartRef} className="chart-canvas allocation-ring" role="img" aria-label={`Allocation ${label.toLowerCase()}`} data-testid="allocation-ring" />
        <table className="allocation-table" aria-label={`Allocation ${label.toLowerCase()}`} data-testid="allocation-table">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col" className="num">Exposure</th>
              <th scope="col" className="num">Mkt value</th>
              <th scope="col" className="num">Share</th>
            </tr>
          </thead>
          <tbody>
            {slices.map((slice) => (
              <tr key={slice.name} data-testid="allocation-row" data-name={slice.name}>
                <th scope="row">
                  {slice.name}
                  {slice.short && <span className="short-tag"> short</span>}
                </th>
                <td className="num">{formatMoney(slice.value)}</td>
                <td className="num">{formatMoney(slice.marketValue)}</td>
                <td className="num">{formatPercent(slice.pct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
