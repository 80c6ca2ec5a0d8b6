import { useMemo, useState, type UIEvent } from 'react';
import type { GreeksView, PositionView, QuoteView } from '../../../shared/portfolio';
import { formatMoney, formatPercent, formatQuantity, formatSignedMoney, pnlTone } from '../../../shared/format-numbers';
import { daysToExpiry, type ExpiryFlag } from '../../../shared/derivatives';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';
import { positionRows, type PositionRow } from './position-rows';
import type { PositionSort, PositionSortKey } from './sort-positions';

// Two lines of figures per row (see COLUMNS).
const ROW_HEIGHT = 36;

function sum(rows: PositionView[], pick: (p: PositionView) => number | null): number | null {
  let total = 0;
  for (const p of rows) {
    const v = pick(p);
    if (v === null) return null;
    total += v;
  }
  return total;
}
const OVERSCAN = 12;

/**
 * Eleven figures in seven columns: each cell may carry a second, smaller line
 * (account under symbol, average cost under price, base value under market
 * value, daily under unrealized P&L), so every figure fits the positions pane
 * at 1440 wide without scrolling sideways (test/e2e/layout).
 */
interface Heading {
  label: string;
  /** Set when the rows can be sorted by this figure. */
  sortKey?: PositionSortKey;
}
interface Column {
  key: string;
  headings: Heading[];
  numeric: boolean;
}

const COLUMNS: Column[] = [
  { key: 'symbol', headings: [{ label: 'Symbol', sortKey: 'symbol' }, { label: 'Account', sortKey: 'account' }], numeric: false },
  { key: 'quantity', headings: [{ label: 'Qty', sortKey: 'quantity' }], numeric: true },
  { key: 'price', headings: [{ label: 'Price' }, { label: 'Avg cost' }], numeric: true },
  { key: 'value', headings: [{ label: 'Mkt value', sortKey: 'marketValue' }, { label: 'Base value' }], numeric: true },
  { key: 'weight', headings: [{ label: 'Weight', sortKey: 'weightPct' }], numeric: true },
  { key: 'pnl', headings: [{ label: 'Unrealized', sortKey: 'unrealizedPnL' }, { label: 'Daily P&L', sortKey: 'dailyPnL' }], numeric: true },
  { key: 'greeks', headings: [{ label: 'Greeks · expiry' }], numeric: false },
];

/** An amount with its currency: "36,990.00 EUR". */
function money(value: number | null, currency: string): string {
  return value === null ? formatMoney(null) : `${formatMoney(value)} ${currency}`;
}

const computedTitle = 'Computed by Countersign from IB\'s quote, average cost and exchange rate; IB has not published this figure';

/** Two lines: delta, gamma, theta; then vega, implied volatility and what follows (days to expiry). */
function greeksLines(g: GreeksView | null, after: string): [string, string] {
  if (!g) return ['greeks not yet received', after.replace(/^ · /, '')];
  const f = (x: number | null, d: number): string => (x === null ? '–' : x.toFixed(d));
  const iv = g.impliedVol === null ? '–' : `${(g.impliedVol * 100).toFixed(1)}%`;
  return [`Δ ${f(g.delta, 2)} Γ ${f(g.gamma, 3)} Θ ${f(g.theta, 3)}`, `V ${f(g.vega, 3)} IV ${iv}${after}`];
}

/** A cell's figure and the smaller one under it; the space between keeps the text readable as one phrase. */
function TwoLines({ top, bottom, bottomProps }: { top: React.ReactNode; bottom?: React.ReactNode; bottomProps?: Record<string, string> }) {
  return (
    <>
      <span className="line-top">{top}</span>{' '}
      <span className="line-under" {...bottomProps}>{bottom ?? ''}</span>
    </>
  );
}

function Flags({ flags }: { flags: ExpiryFlag[] }) {
  return (
    <>
      {flags.map((f) => (
        <span key={f.kind} className={`flag-tag flag-${f.kind.replaceAll(' ', '-')}`} title={f.text} data-testid="expiry-flag">
          {f.kind}
        </span>
      ))}
    </>
  );
}

/**
 * Virtualized: only the rows in view (plus a margin) are in the DOM, so a
 * book of thousands of positions scrolls and updates smoothly.
 */
const NO_QUOTES: QuoteView[] = [];

export interface PositionsTableProps {
  rows: PositionView[];
  showAccount: boolean;
  /** Each account's base currency, for the base-value column. */
  baseOf: (account: string) => string;
  /** The totals row: in this currency, converted with IB's rates (null: a rate is missing). */
  totals: { currency: string; marketValue: number | null; unrealizedPnL: number | null; dailyPnL: number | null };
  /** yyyyMMdd in New York (from the gateway's clock), for days to expiry; null until known. */
  today: string | null;
}

export function PositionsTable({ rows, showAccount, baseOf, totals, today }: PositionsTableProps) {
  const [sort, setSort] = useState<PositionSort>({ key: 'marketValue', direction: 'desc' });
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const showPositionChart = useAppStore((s) => s.showPositionChart);
  const chartSubject = useAppStore((s) => s.chartSubject);
  // Underlyings of short options IB sent no option model price for: their quotes tell whether the options may be assigned.
  const unpriced = useMemo(() => new Set(rows.filter((p) => p.secType === 'OPT' && p.quantity < 0 && p.greeks?.underlyingPrice == null).map((p) => p.underlying)), [rows]);
  // Compared quote by quote, so the rows are worked out again only when one of those quotes moves, not at every tick of the book.
  const underlyingQuotes = useAppStore(useShallow((s) => (unpriced.size === 0 ? NO_QUOTES : Object.values(s.quotes).filter((q) => unpriced.has(q.symbol)))));
  const sorted = useMemo(() => positionRows(rows, sort, expanded, today ?? '00000000', underlyingQuotes), [rows, sort, expanded, today, underlyingQuotes]);
  const toggleGroup = (key: string): void =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(sorted.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const visible = sorted.slice(first, last);

  const onScroll = (event: UIEvent<HTMLDivElement>): void => {
    setScrollTop(event.currentTarget.scrollTop);
    setViewport(event.currentTarget.clientHeight);
  };

  const mark = (p: PositionView, field: keyof PositionView['sources']): { title?: string; 'data-source': string } =>
    p.sources[field] === 'computed' ? { title: computedTitle, 'data-source': 'computed' } : { 'data-source': 'ib' };

  function positionCells(p: PositionView, label: React.ReactNode, extra: React.ReactNode, greeks: [string, string]) {
    const base = baseOf(p.account);
    const unrealized = mark(p, 'unrealizedPnL');
    const daily = mark(p, 'dailyPnL');
    return (
      <>
        <th scope="row">
          <span className="line-top">
            <button type="button" className="row-chart" onClick={() => showPositionChart(p.key)} title={`Show the ${p.symbol} chart`}>
              {label}
            </button>
          </span>{' '}
          {/* The account and the tags sit under the symbol: a long tag must not widen the column past the pane. */}
          <span className="line-under">
            {showAccount && <span data-testid="position-account">{p.account}</span>}
            {!p.knownType && (
              <span className="type-tag" title={`IB reports this as ${p.secType}, a type Countersign does not model; figures are IB's`}>
                {p.secType}
              </span>
            )}
            {p.unvalued !== null && (
              <span className="type-tag" data-testid="unvalued-tag" title={p.unvalued}>
                IB figures only
              </span>
            )}
            {p.delayed && (
              <span className="delayed-tag" title="Delayed market data (15-20 minutes)">
                delayed
              </span>
            )}
            {extra}
          </span>
        </th>
        <td className="num">
          <TwoLines top={formatQuantity(p.quantity)} bottom={p.multiplier === null ? '×?' : p.multiplier !== 1 ? `×${p.multiplier}` : ''} />
        </td>
        <td className="num">
          {/* IB's average cost is per contract: without the multiplier there is no per-unit figure to show. */}
          <TwoLines top={formatMoney(p.marketPrice)} bottom={`avg ${formatMoney(p.multiplier === null ? null : p.avgCost / p.multiplier)}`} />
        </td>
        <td className="num">
          <span className="line-top" data-testid="own-value" {...mark(p, 'marketValue')}>{money(p.marketValue, p.currency)}</span>{' '}
          <span className="line-under" data-testid="base-value" {...mark(p, 'baseValue')}>{money(p.baseValue, base)}</span>
        </td>
        <td className="num">{formatPercent(p.weightPct)}</td>
        <td className="num">
          <span className={`line-top pnl-${pnlTone(p.unrealizedPnL)}`} data-testid="unrealized" {...unrealized}>{formatSignedMoney(p.unrealizedPnL)}</span>{' '}
          <span className={`line-under pnl-${pnlTone(p.dailyPnL)}`} data-testid="daily-pnl" {...daily}>{formatSignedMoney(p.dailyPnL)}</span>
        </td>
        <td className="greeks" data-testid="greeks">
          <TwoLines top={greeks[0]} bottom={greeks[1]} />
        </td>
      </>
    );
  }

  function renderRow(row: PositionRow) {
    const current = (key: string): 'true' | undefined => (chartSubject?.kind === 'position' && chartSubject.key === key ? 'true' : undefined);
    if (row.kind === 'group') {
      const g = row.group;
      const base = baseOf(g.account);
      const strategies = g.strategies.filter((s) => s.kind !== 'leg').map((s) => s.kind);
      return (
        <tr key={row.key} style={{ height: ROW_HEIGHT }} className="option-group" data-testid="position-group" data-underlying={g.underlying} data-account={g.account}>
          <th scope="row">
            <span className="line-top">
              <button type="button" className="group-toggle" aria-expanded={row.expanded} onClick={() => toggleGroup(row.key)}>
                {row.expanded ? '▾' : '▸'} {g.underlying} options ({row.options.length})
              </button>
            </span>{' '}
            <span className="line-under">
              {showAccount && g.account}
              {strategies.length > 0 && <span className="strategy-tag">{strategies.join(', ')}</span>}
            </span>
          </th>
          <td className="num" title="Shares-equivalent (delta-adjusted)">
            <TwoLines top={g.sharesEquivalent === null ? '–' : formatQuantity(Math.round(g.sharesEquivalent))} bottom="sh-eq" />
          </td>
          <td />
          <td className="num" title="The options' base values together">
            <TwoLines top="" bottom={money(sum(row.options, (p) => p.baseValue), base)} />
          </td>
          <td />
          <td className="num">
            <span className={`line-top pnl-${pnlTone(sum(row.options, (p) => p.unrealizedPnL))}`}>{formatSignedMoney(sum(row.options, (p) => p.unrealizedPnL))}</span>{' '}
            <span className={`line-under pnl-${pnlTone(sum(row.options, (p) => p.dailyPnL))}`}>{formatSignedMoney(sum(row.options, (p) => p.dailyPnL))}</span>
          </td>
          <td className="greeks" title="Delta-adjusted exposure of the underlying, options and shares together">
            <TwoLines top="exposure" bottom={money(g.exposure === null ? null : Math.round(g.exposure), base)} />
          </td>
        </tr>
      );
    }
    const p = row.position;
    if (row.kind === 'leg') {
      const label = `${p.strike ?? '?'} ${p.right === 'C' ? 'call' : p.right === 'P' ? 'put' : '?'} ${p.expiry ?? ''}`;
      const dte = row.daysToExpiry === null || today === null ? '' : ` · ${row.daysToExpiry}d`;
      return (
        <tr key={row.key} style={{ height: ROW_HEIGHT }} className="option-leg" data-testid="position-row" data-symbol={p.symbol} data-sec-type={p.secType} aria-current={current(row.key)}>
          {positionCells(p, <span className="leg-label">{label}</span>, <Flags flags={row.flags} />, greeksLines(p.greeks, dte))}
        </tr>
      );
    }
    const expiry = p.expiry ? `${p.expiry}${today ? ` · ${daysToExpiry(p.expiry, today)}d` : ''}` : '';
    return (
      <tr key={row.key} style={{ height: ROW_HEIGHT }} data-testid="position-row" data-symbol={p.symbol} data-sec-type={p.secType} aria-current={current(row.key)}>
        {positionCells(p, p.symbol, <Flags flags={row.flags} />, p.secType === 'FUT' ? [`x${p.multiplier ?? '?'}`, expiry] : ['', ''])}
      </tr>
    );
  }

  const toggleSort = (key: PositionSortKey): void =>
    setSort((current) => ({ key, direction: current.key === key && current.direction === 'desc' ? 'asc' : 'desc' }));

  return (
    <div className="table-scroll" onScroll={onScroll} data-testid="positions-scroll">
      <table className="positions-table" aria-label="Positions" aria-rowcount={sorted.length + 2}>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const headings = showAccount ? column.headings : column.headings.filter((h) => h.sortKey !== 'account');
              const active = headings.some((h) => h.sortKey === sort.key);
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={column.numeric ? 'num' : undefined}
                  aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {headings.map((heading, i) => (
                    <span key={heading.label} className={i === 0 ? 'line-top' : 'line-under'}>
                      {heading.sortKey ? (
                        <button type="button" className="sort-button" onClick={() => toggleSort(heading.sortKey!)}>
                          {heading.label}
                          {sort.key === heading.sortKey ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                        </button>
                      ) : (
                        heading.label
                      )}
                    </span>
                  ))}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr style={{ height: first * ROW_HEIGHT }} aria-hidden="true" />}
          {visible.map((row) => renderRow(row))}
          {last < sorted.length && <tr style={{ height: (sorted.length - last) * ROW_HEIGHT }} aria-hidden="true" />}
        </tbody>
        <tfoot>
          <tr className="totals-row" data-testid="positions-totals">
            <th scope="row">Total ({rows.length})</th>
            <td />
            <td />
            <td className="num" title={`Sum of base values in ${totals.currency}, converted with IB's exchange rates`}>
              <TwoLines top="" bottom={money(totals.marketValue, totals.currency)} />
            </td>
            <td />
            <td className="num">
              <span className={`line-top pnl-${pnlTone(totals.unrealizedPnL)}`}>{formatSignedMoney(totals.unrealizedPnL)}</span>{' '}
              <span className={`line-under pnl-${pnlTone(totals.dailyPnL)}`}>{formatSignedMoney(totals.dailyPnL)}</span>
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
