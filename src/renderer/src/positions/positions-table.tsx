import { useMemo, useState, type UIEvent } from 'react';
import type { PositionView } from '../../../shared/portfolio';
import { formatMoney, formatPercent, formatQuantity, formatSignedMoney, pnlTone } from '../../../shared/format-numbers';
import { useAppStore } from '../store';
import { sortPositions, totalPositions, type PositionSort, type PositionSortKey } from './sort-positions';

const ROW_HEIGHT = 26;
const OVERSCAN = 12;

interface Column {
  key: PositionSortKey | 'avgCost' | 'marketPrice';
  label: string;
  numeric: boolean;
  sortable: boolean;
}

const COLUMNS: Column[] = [
  { key: 'symbol', label: 'Symbol', numeric: false, sortable: true },
  { key: 'account', label: 'Account', numeric: false, sortable: true },
  { key: 'quantity', label: 'Qty', numeric: true, sortable: true },
  { key: 'avgCost', label: 'Avg cost', numeric: true, sortable: false },
  { key: 'marketPrice', label: 'Price', numeric: true, sortable: false },
  { key: 'marketValue', label: 'Mkt value', numeric: true, sortable: true },
  { key: 'weightPct', label: 'Weight', numeric: true, sortable: true },
  { key: 'unrealizedPnL', label: 'Unrealized', numeric: true, sortable: true },
  { key: 'dailyPnL', label: 'Daily P&L', numeric: true, sortable: true },
];

/**
 * Virtualized: only the rows in view (plus a margin) are in the DOM, so a
 * book of thousands of positions scrolls and updates smoothly.
 */
export function PositionsTable({ rows, showAccount }: { rows: PositionView[]; showAccount: boolean }) {
  const [sort, setSort] = useState<PositionSort>({ key: 'marketValue', direction: 'desc' });
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const showPositionChart = useAppStore((s) => s.showPositionChart);
  const chartSubject = useAppStore((s) => s.chartSubject);
  const sorted = useMemo(() => sortPositions(rows, sort), [rows, sort]);
  const totals = useMemo(() => totalPositions(rows), [rows]);
  const columns = showAccount ? COLUMNS : COLUMNS.filter((column) => column.key !== 'account');

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(sorted.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const visible = sorted.slice(first, last);

  const onScroll = (event: UIEvent<HTMLDivElement>): void => {
    setScrollTop(event.currentTarget.scrollTop);
    setViewport(event.currentTarget.clientHeight);
  };

  const toggleSort = (key: PositionSortKey): void =>
    setSort((current) => ({ key, direction: current.key === key && current.direction === 'desc' ? 'asc' : 'desc' }));

  return (
    <div className="table-scroll" onScroll={onScroll} data-testid="positions-scroll">
      <table className="positions-table" aria-label="Positions" aria-rowcount={sorted.length + 2}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={column.numeric ? 'num' : undefined}
                aria-sort={sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {column.sortable ? (
                  <button type="button" className="sort-button" onClick={() => toggleSort(column.key as PositionSortKey)}>
                    {column.label}
                    {sort.key === column.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                ) : (
                  column.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr style={{ height: first * ROW_HEIGHT }} aria-hidden="true" />}
          {visible.map((row) => (
            <tr
              key={row.key}
              style={{ height: ROW_HEIGHT }}
              data-testid="position-row"
              data-symbol={row.symbol}
              aria-current={chartSubject?.kind === 'position' && chartSubject.key === row.key ? 'true' : undefined}
            >
              <th scope="row">
                <button type="button" className="row-chart" onClick={() => showPositionChart(row.key)} title={`Show the ${row.symbol} chart`}>
                  {row.symbol}
                </button>
                {row.delayed && (
                  <span className="delayed-tag" title="Delayed market data (15-20 minutes)">
                    delayed
                  </span>
                )}
              </th>
              {showAccount && <td>{row.account}</td>}
              <td className="num">{formatQuantity(row.quantity)}</td>
              <td className="num">{formatMoney(row.avgCost / (row.multiplier || 1))}</td>
              <td className="num">{formatMoney(row.marketPrice)}</td>
              <td className="num">{formatMoney(row.marketValue)}</td>
              <td className="num">{formatPercent(row.weightPct)}</td>
              <td className={`num pnl-${pnlTone(row.unrealizedPnL)}`}>{formatSignedMoney(row.unrealizedPnL)}</td>
              <td className={`num pnl-${pnlTone(row.dailyPnL)}`}>{formatSignedMoney(row.dailyPnL)}</td>
            </tr>
          ))}
          {last < sorted.length && <tr style={{ height: (sorted.length - last) * ROW_HEIGHT }} aria-hidden="true" />}
        </tbody>
        <tfoot>
          <tr className="totals-row" data-testid="positions-totals">
            <th scope="row">Total ({sorted.length})</th>
            {showAccount && <td />}
            <td />
            <td />
            <td />
            <td className="num">{formatMoney(totals.marketValue)}</td>
            <td />
            <td className={`num pnl-${pnlTone(totals.unrealizedPnL)}`}>{formatSignedMoney(totals.unrealizedPnL)}</td>
            <td className={`num pnl-${pnlTone(totals.dailyPnL)}`}>{formatSignedMoney(totals.dailyPnL)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
