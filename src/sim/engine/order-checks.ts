// Pre-trade checks the simulated broker applies, as IB does before an order
// goes live: a cash (IRA) account can neither short nor borrow nor write a
// naked call nor trade futures, crypto is bought with cash, and a margin
// account needs the initial margin of what it adds. Orders still working
// count against what is left, so two orders cannot spend the same money.
// Every check values the account as it would stand after the trades, with
// the same settlement and margin rules that book a real fill.
import { cashIn, figures, termsOf, type Account, type Figures, type Marks } from './accounts';
import { settleFill } from './settlement';
import type { Terms } from './terms';
import type { Order } from './types';

const SUPPORTED_TYPES = new Set(['MKT', 'LMT', 'STP', 'STP LMT', 'TRAIL']);
const SUPPORTED_TIF = new Set(['', 'DAY', 'GTC', 'IOC']);

export function isPrice(p: number | undefined): p is number {
  return p !== undefined && Number.isFinite(p) && p > 0 && p < 1e300;
}

/** The instrument's terms an order must respect. */
export interface OrderLimits {
  secType: string;
  minTick: number;
  minSize: number;
  sizeIncrement: number;
}

const STOCK_LIMITS: OrderLimits = { secType: 'STK', minTick: 0.01, minSize: 1, sizeIncrement: 1 };

/** Whether `x` is a whole multiple of `step`, to a relative tolerance that survives binary fractions. */
function multipleOf(x: number, step: number): boolean {
  const n = x / step;
  return Math.abs(n - Math.round(n)) < 1e-6;
}

/** Why the simulator cannot take this order at all (any account), or undefined. */
export function invalidOrder(order: Order, limits: OrderLimits = STOCK_LIMITS): string | undefined {
  const type = String(order.orderType ?? '');
  if (!SUPPORTED_TYPES.has(type)) return `Order type ${type || '(empty)'} is not supported; use MKT, LMT, STP, STP LMT or TRAIL.`;
  if (order.action !== 'BUY' && order.action !== 'SELL') return `Action ${String(order.action ?? '')} is not supported; use BUY or SELL.`;
  const qty = order.totalQuantity;
  if (qty === undefined || !Number.isFinite(qty) || qty <= 0) return 'The order quantity must be greater than zero.';
  if (limits.sizeIncrement >= 1 && !Number.isInteger(qty)) {
    return limits.secType === 'STK' ? 'Fractional share quantities are not supported for API orders.' : `The quantity of a ${limits.secType} order must be a whole number.`;
  }
  if (qty < limits.minSize - 1e-12) return `The order size ${qty} is below the minimum size of ${limits.minSize} for this contract.`;
  if (!multipleOf(qty, limits.sizeIncrement)) return `The order size ${qty} is not a multiple of the size increment ${limits.sizeIncrement} for this contract.`;
  const tif = String(order.tif ?? '');
  if (!SUPPORTED_TIF.has(tif)) return `Time in force ${tif} is not supported; use DAY, GTC or IOC.`;
  const lmt = order.lmtPrice;
  const aux = order.auxPrice;
  if ((type === 'LMT' || type === 'STP LMT') && !isPrice(lmt) && !(limits.secType === 'BAG' && lmt !== undefined && Number.isFinite(lmt) && Math.abs(lmt) < 1e300)) {
    return `A ${type} order needs a limit price.`;
  }
  if ((type === 'STP' || type === 'STP LMT') && !isPrice(aux)) return `A ${type} order needs a stop price (auxPrice).`;
  if (type === 'TRAIL' && !isPrice(aux) && !isPrice(order.trailingPercent)) return 'A TRAIL order needs a trailing amount (auxPrice) or trailingPercent.';
  for (const p of [lmt, aux]) {
    // IB refuses prices that are not a multiple of the minimum tick (a trailing amount is not a price).
    // A combo's limit may be negative (a credit).
    if (p !== undefined && Number.isFinite(p) && Math.abs(p) < 1e300 && p !== 0 && type !== 'TRAIL' && !multipleOf(Math.abs(p), limits.minTick)) {
      return `The price ${p} does not conform to the minimum price variation of ${limits.minTick} for this contract.`;
    }
  }
  return undefined;
}

/** One instrument an order would trade if it filled: a leg of a combo, or the whole of a plain order. */
export interface Trade {
  conId: number;
  terms: Terms;
  signedQty: number;
  price: number;
  baseCurrency?: string;
}

export interface Cost {
  amount: number;
  currency: string;
}

export interface MarginImpact {
  initBefore: number;
  maintBefore: number;
  ewlBefore: number;
  initAfter: number;
  maintAfter: number;
  ewlAfter: number;
}

const money = (x: number): string => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A copy of the account, changed by nothing booked on the real one. */
function copyAccount(a: Account): Account {
  const holdings = new Map<number, Account['holdings'] extends Map<number, infer H> ? H : never>();
  for (const [k, h] of a.holdings) holdings.set(k, { ...h });
  return { ...a, holdings, ledger: new Map(a.ledger) };
}

/** The account as it would stand after these trades filled at their prices (the commission charged once, with the first). */
export function accountAfter(a: Account, trades: readonly Trade[], commission?: Cost): Account {
  const c = copyAccount(a);
  trades.forEach((t, i) => settleFill(c, {
    conId: t.conId, terms: t.terms, signedQty: t.signedQty, price: t.price,
    commission: i === 0 && commission ? commission.amount : 0, commissionCurrency: commission?.currency ?? 'USD',
    ...(t.baseCurrency ? { baseCurrency: t.baseCurrency } : {}),
  }));
  return c;
}

/** Account margin before and after this order fills (other working orders not included), in USD. */
export function marginImpact(a: Account, marks: Marks, trades: readonly Trade[], commission: Cost): MarginImpact {
  const before = figures(a, marks);
  const after = figures(accountAfter(a, trades, commission), marks);
  return {
    initBefore: before.init, maintBefore: before.maint, ewlBefore: before.ewl,
    initAfter: after.init, maintAfter: after.maint, ewlAfter: after.ewl,
  };
}

/** Short calls not covered by shares or by a long call of the same underlying expiring no sooner. */
function nakedCalls(a: Account): number {
  const shares = new Map<number, number>();
  const longCalls: { und: number; expiry: string; left: number }[] = [];
  const shortCalls: { und: number; expiry: string; qty: number }[] = [];
  for (const h of a.holdings.values()) {
    const t = termsOf(h);
    if (t.secType === 'STK' && h.qty > 0) shares.set(h.conId, h.qty);
    if (t.secType === 'OPT' && t.right === 'C') {
      const entry = { und: t.underlyingConId ?? 0, expiry: t.expiry ?? '' };
      if (h.qty > 0) longCalls.push({ ...entry, left: h.qty });
      else if (h.qty < 0) shortCalls.push({ ...entry, qty: -h.qty });
    }
  }
  let naked = 0;
  for (const s of shortCalls) {
    let open = s.qty;
    const free = Math.floor((shares.get(s.und) ?? 0) / 100);
    const byShares = Math.min(open, free);
    shares.set(s.und, (shares.get(s.und) ?? 0) - byShares * 100);
    open -= byShares;
    for (const l of longCalls) {
      if (open === 0) break;
      if (l.und !== s.und || l.expiry < s.expiry || l.left === 0) continue;
      const used = Math.min(open, l.left);
      l.left -= used;
      open -= used;
    }
    naked += open;
  }
  return naked;
}

const heldQty = (a: Account, conId: number): number => a.holdings.get(conId)?.qty ?? 0;

/**
 * Why the account may not place this order, or undefined if it may.
 * `trades` are what the order itself would trade; `pending` what the
 * account's working orders would, at their expected prices.
 */
export function refusal(a: Account, marks: Marks, symbol: string, trades: readonly Trade[], pending: readonly Trade[], commission: Cost): string | undefined {
  const withPending = accountAfter(a, pending);
  const withOrder = accountAfter(withPending, trades, commission);
  const fPending = figures(withPending, marks);
  const fOrder = figures(withOrder, marks);
  for (const t of trades) {
    const sellsOwned = t.terms.secType === 'STK' || t.terms.secType === 'CRYPTO' || t.terms.secType === 'BOND';
    if (t.signedQty < 0 && sellsOwned && (a.kind === 'cash' || t.terms.secType === 'CRYPTO')) {
      const held = heldQty(a, t.conId);
      const beingSold = Math.max(0, held - heldQty(withPending, t.conId));
      if (-t.signedQty > held - beingSold + 1e-9) {
        return `Short sale is not permitted in ${a.kind === 'cash' ? 'cash account' : 'crypto for account'} ${a.id}: it holds ${held} ${symbol}` +
          (beingSold > 0 ? ` of which ${beingSold} are already being sold` : '') + `, the order sells ${-t.signedQty}.`;
      }
    }
    if (t.terms.secType === 'FUT' && a.kind === 'cash') return `Futures trading is not permitted in cash account ${a.id}.`;
    if (t.terms.secType === 'CRYPTO' && t.signedQty > 0 && cashIn(withOrder, 'USD') < -1e-6) {
      // Crypto is paid for in full with USD cash, in a margin account too.
      return `Crypto is bought with cash only: the order costs ${money(cashIn(withPending, 'USD') - cashIn(withOrder, 'USD'))} USD and ${money(Math.max(0, cashIn(withPending, 'USD')))} USD of cash is available in ${a.id}.`;
    }
  }
  if (a.kind === 'cash') {
    if (nakedCalls(withOrder) > nakedCalls(withPending)) return `Naked option positions are not permitted in cash account ${a.id}: a short call must be covered by 100 shares or a long call.`;
    return cashShortfall(a, fPending, fOrder);
  }
  return marginShortfall(a, fPending, fOrder);
}

function cashShortfall(a: Account, before: Figures, after: Figures): string | undefined {
  const cost = before.available - after.available;
  if (cost <= 0 || after.available >= -1e-6) return undefined;
  return `Margin is not permitted in cash account ${a.id}: the order costs ${money(cost)} USD and ${money(Math.max(0, before.available))} USD of cash is available.`;
}

function marginShortfall(a: Account, before: Figures, after: Figures): string | undefined {
  const adds = after.init - before.init;
  if (adds <= 1e-9) return undefined;
  if (after.init <= after.ewl) return undefined;
  return `Insufficient buying power in ${a.id}: the order needs ${money(adds)} USD of initial margin, ` +
    `${money(Math.max(0, after.ewl - before.init))} USD is available.`;
}
