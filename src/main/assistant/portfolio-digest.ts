import { ASSIGNMENT_RISK_DAYS, daysToExpiry, expiryFlags, groupByUnderlying, underlyingPriceOf } from '../../shared/derivatives';
import type { AccountView, PositionView, QuoteView } from '../../shared/portfolio';
import { cashInBase } from '../../shared/portfolio-totals';

/**
 * The portfolio as Claude reads it: every account in its base currency,
 * positions as compact text tables (a 500-position book with options fits in
 * a few thousand tokens), options under their underlying and expiry with IB's
 * greeks, strategies and expiry flags. A figure the app computed rather than
 * took from IB carries a "*".
 */

export interface PortfolioDigest {
  legend: string;
  accounts: AccountDigest[];
}

interface AccountDigest {
  account: string;
  base: string;
  netLiquidation: number | null;
  cash: Record<string, number | null>;
  /** IB's ExchangeRate: base units per unit of each currency held. */
  rates: Record<string, number | null>;
  /** One table per currency: "sym qty value unrealized daily". */
  positions: Record<string, string>;
  /** Options by underlying and expiry: "strike+right qty price value unrealized daily delta gamma theta vega iv". */
  options?: string;
  futures?: string;
  /** Underlyings with derivatives: shares-equivalent and delta-adjusted exposure in base. */
  exposure?: string;
  strategies?: string[];
  flags?: string[];
}

const LEGEND =
  'Money is in the account base currency except prices, which are in the position currency. ' +
  'positions rows (one table per currency): symbol qty value unrealized daily; price = value / qty / rate (get_quotes has live prices). options rows under "UND EXPIRY dteN und=PRICE": strike+right qty price value unrealized daily delta gamma theta vega iv; ' +
  'delta per share in delta points (25 = 0.25), gamma/theta/vega for the whole position (shares per 1 move, per day, per vol point), iv in percent; multiplier 100 unless xN (x? = IB gave none: the app computes nothing for it). ' +
  'Prices here are per unit in the position currency (an LSE share in pounds); quotes and order prices are as IB quotes them (an LSE share in pence). ' +
  'futures rows: localSymbol qty price notional unrealized daily expiry xMultiplier. exposure rows: underlying sharesEquivalent deltaAdjustedExposure. ' +
  'A trailing * marks a figure computed by the app; all others are IB\'s own. "?" is unknown.';

function n(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '?';
  return digits === 0 ? String(Math.round(x)) : String(Number(x.toFixed(digits)));
}

/** Prices to four significant figures (five from 10,000): enough to place a figure, cheap to read. */
function price(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '?';
  return String(Number(x.toPrecision(Math.abs(x) >= 10_000 ? 5 : 4)));
}

const mark = (p: PositionView, field: keyof PositionView['sources']): string => (p.sources[field] === 'computed' ? '*' : '');

function money(p: PositionView): string {
  return `${n(p.baseValue)}${mark(p, 'baseValue')} ${n(p.unrealizedPnL)}${mark(p, 'unrealizedPnL')} ${n(p.dailyPnL)}${mark(p, 'dailyPnL')}`;
}

/**
 * Greeks as a trader sizes them, in whole numbers: delta per share in delta
 * points (25 = 0.25); gamma (shares per 1 move of the underlying), theta
 * (per day) and vega (per volatility point) for the whole position, in the
 * option's currency; implied vol in percent.
 */
function greeks(p: PositionView): string {
  const x = p.greeks;
  if (!x) return '? ? ? ? ?';
  const units = p.multiplier === null ? null : p.quantity * p.multiplier;
  const whole = (v: number | null, scale: number | null): string => (v === null || scale === null ? '?' : n(v * scale));
  return `${whole(x.delta, 100)} ${whole(x.gamma, units)} ${whole(x.theta, units)} ${whole(x.vega, units)} ${whole(x.impliedVol, 100)}`;
}

function accountDigest(a: AccountView, positions: PositionView[], today: string, quotes: readonly QuoteView[]): AccountDigest {
  const mine = positions.filter((p) => p.account === a.account);
  const out: AccountDigest = {
    account: a.account, base: a.currency, netLiquidation: a.netLiquidation === null ? null : Math.round(a.netLiquidation),
    cash: Object.fromEntries(a.cashByCurrency.map((c) => [c.currency, c.cash === null ? null : Math.round(c.cash)])),
    rates: Object.fromEntries(a.cashByCurrency.filter((c) => c.currency !== a.currency).map((c) => [c.currency, c.rate])),
    positions: {},
  };
  if (a.cashByCurrency.length === 0) out.cash = { [a.currency]: cashInBase(a) };
  const plain = new Map<string, string[]>();
  const options = mine.filter((p) => p.secType === 'OPT' || p.secType === 'FOP');
  const futures = mine.filter((p) => p.secType === 'FUT');
  for (const p of mine) {
    if (options.includes(p) || futures.includes(p)) continue;
    // Types the app does not know keep IB's name in the table's title, never dropped.
    const table = p.secType === 'STK' ? p.currency : `${p.secType} ${p.currency}`;
    const rows = plain.get(table) ?? [];
    rows.push(`${p.symbol} ${n(p.quantity, 8)} ${money(p)}${p.multiplier !== 1 ? ` x${p.multiplier ?? '?'}` : ''}`);
    plain.set(table, rows);
  }
  for (const [table, rows] of plain) out.positions[table] = rows.join('\n');
  if (options.length > 0) {
    const lines: string[] = [];
    let head = '';
    for (const p of [...options].sort((x, y) => x.underlying.localeCompare(y.underlying) || (x.expiry ?? '').localeCompare(y.expiry ?? '') || (x.strike ?? 0) - (y.strike ?? 0))) {
      const h = `${p.underlying} ${p.expiry ?? '?'} dte${p.expiry ? daysToExpiry(p.expiry, today) : '?'} und=${price(p.greeks?.underlyingPrice ?? null)}${p.currency !== a.currency ? ` ${p.currency}` : ''}`;
      if (h !== head) lines.push(`${(head = h)}:`);
      lines.push(`${n(p.strike, 2)}${p.right ?? '?'} ${p.quantity} ${price(p.marketPrice)} ${money(p)} ${greeks(p)}${p.multiplier !== 100 ? ` x${p.multiplier ?? '?'}` : ''}`);
    }
    out.options = lines.join('\n');
  }
  if (futures.length > 0) out.futures = futures.map((p) => `${p.symbol} ${p.quantity} ${price(p.marketPrice)} ${money(p)} ${p.expiry ?? '?'} x${p.multiplier ?? '?'}`).join('\n');
  const groups = groupByUnderlying(mine, () => cashInBase(a)).filter((gr) => gr.positions.some((p) => p.secType !== 'STK'));
  if (groups.length > 0) out.exposure = groups.map((gr) => `${gr.underlying} ${n(gr.sharesEquivalent)} ${n(gr.exposure)}`).join('\n');
  const strategies = groups.flatMap((gr) => gr.strategies.filter((s) => s.kind !== 'leg').map((s) => `${s.kind}: ${s.label}`));
  if (strategies.length > 0) out.strategies = strategies;
  // Priced from the whole book: shares held in another account price the underlying just as well.
  const flags = expiryFlags(positions, today, quotes).filter((f) => mine.some((p) => p.key === f.key)).map((f) => `${f.kind}: ${f.text}`);
  if (flags.length > 0) out.flags = flags;
  return out;
}

/** `quotes`: the quotes at hand, to price underlyings IB sent no option model for (see `underlyingsToQuote`). */
export function portfolioDigest(accounts: readonly AccountView[], positions: readonly PositionView[], today: string, onlyAccount?: string, quotes: readonly QuoteView[] = []): PortfolioDigest {
  const chosen = onlyAccount === undefined ? accounts : accounts.filter((a) => a.account === onlyAccount);
  return { legend: LEGEND, accounts: chosen.map((a) => accountDigest(a, [...positions], today, quotes)) };
}

/**
 * The underlyings the digest needs a quote for: those of short stock options
 * near expiry that neither IB's option model nor a position in the book
 * prices, so whether they may be assigned can be told.
 */
export function underlyingsToQuote(positions: readonly PositionView[], today: string): string[] {
  const wanted = positions.filter(
    (p) => p.secType === 'OPT' && p.quantity < 0 && p.expiry !== null && daysToExpiry(p.expiry, today) >= 0 && daysToExpiry(p.expiry, today) <= ASSIGNMENT_RISK_DAYS && underlyingPriceOf(p, positions) === null,
  );
  return [...new Set(wanted.map((p) => p.underlying))];
}
