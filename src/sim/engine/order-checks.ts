// Pre-trade checks the simulated broker applies, as IB does before an order
// goes live: a cash (IRA) account can neither short nor borrow, and a margin
// account needs the initial margin of what it adds. Orders still working
// count against what is left, so two orders cannot spend the same money.
import { figures, marginOf, type Account, type Marks } from './accounts';
import type { Order } from './types';

const SUPPORTED_TYPES = new Set(['MKT', 'LMT', 'STP', 'STP LMT', 'TRAIL']);
const SUPPORTED_TIF = new Set(['', 'DAY', 'GTC', 'IOC']);

export function isPrice(p: number | undefined): p is number {
  return p !== undefined && Number.isFinite(p) && p > 0 && p < 1e300;
}

/** Why the simulator cannot take this order at all (any account), or undefined. */
export function invalidOrder(order: Order): string | undefined {
  const type = String(order.orderType ?? '');
  if (!SUPPORTED_TYPES.has(type)) return `Order type ${type || '(empty)'} is not supported; use MKT, LMT, STP, STP LMT or TRAIL.`;
  if (order.action !== 'BUY' && order.action !== 'SELL') return `Action ${String(order.action ?? '')} is not supported; use BUY or SELL.`;
  const qty = order.totalQuantity;
  if (qty === undefined || !Number.isFinite(qty) || qty <= 0) return 'The order quantity must be greater than zero.';
  if (!Number.isInteger(qty)) return 'Fractional share quantities are not supported for API orders.';
  const tif = String(order.tif ?? '');
  if (!SUPPORTED_TIF.has(tif)) return `Time in force ${tif} is not supported; use DAY, GTC or IOC.`;
  const lmt = order.lmtPrice;
  const aux = order.auxPrice;
  if ((type === 'LMT' || type === 'STP LMT') && !isPrice(lmt)) return `A ${type} order needs a limit price.`;
  if ((type === 'STP' || type === 'STP LMT') && !isPrice(aux)) return `A ${type} order needs a stop price (auxPrice).`;
  if (type === 'TRAIL' && !isPrice(aux) && !isPrice(order.trailingPercent)) return 'A TRAIL order needs a trailing amount (auxPrice) or trailingPercent.';
  for (const p of [lmt, aux]) {
    // IB refuses prices that are not a multiple of the minimum tick (a trailing amount is not a price).
    if (isPrice(p) && type !== 'TRAIL' && Math.abs(p * 100 - Math.round(p * 100)) > 1e-6) {
      return `The price ${p} does not conform to the minimum price variation of 0.01 for this contract.`;
    }
  }
  return undefined;
}

export interface Exposure {
  /** Shares still to be bought / sold by working orders of this account in this contract. */
  pendingBuyQty: number;
  pendingSellQty: number;
  /** Cash that working buy orders of this account would spend (all contracts). */
  pendingBuyCost: number;
  /** Initial margin working orders of this account would add (all contracts). */
  pendingInit: number;
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

/** Account margin before and after this order fills at estPrice (other working orders not included). */
export function marginImpact(a: Account, marks: Marks, conId: number, signedQty: number, estPrice: number, commission: number): MarginImpact {
  const f = figures(a, marks);
  const held = a.holdings.get(conId)?.qty ?? 0;
  const last = marks.last(conId) || estPrice;
  const before = marginOf(a.kind, held, last);
  const after = marginOf(a.kind, held + signedQty, last);
  return {
    initBefore: f.init, maintBefore: f.maint, ewlBefore: f.ewl,
    initAfter: f.init - before.init + after.init,
    maintAfter: f.maint - before.maint + after.maint,
    // Paying more (or selling for less) than the mark costs equity at once, as does the commission.
    ewlAfter: f.ewl + signedQty * (last - estPrice) - commission,
  };
}

/** Initial margin an order adds to the account if it fills (0 for an order that only reduces). */
export function addedInit(a: Account, held: number, signedQty: number, price: number): number {
  return Math.max(0, marginOf(a.kind, held + signedQty, price).init - marginOf(a.kind, held, price).init);
}

/** Why the account may not place this order, or undefined if it may. */
export function refusal(a: Account, marks: Marks, symbol: string, conId: number, signedQty: number, estPrice: number, commission: number, exposure: Exposure): string | undefined {
  const held = a.holdings.get(conId)?.qty ?? 0;
  if (a.kind === 'cash') {
    if (signedQty < 0) {
      const sellable = held - exposure.pendingSellQty;
      if (-signedQty > sellable) {
        return `Short sale is not permitted in cash account ${a.id}: it holds ${held} ${symbol}` +
          (exposure.pendingSellQty > 0 ? ` of which ${exposure.pendingSellQty} are already being sold` : '') +
          `, the order sells ${-signedQty}.`;
      }
      return undefined;
    }
    const cost = signedQty * estPrice + commission;
    const cash = a.cash - exposure.pendingBuyCost;
    if (cost > cash) {
      return `Margin is not permitted in cash account ${a.id}: the order costs ${money(cost)} USD and ${money(Math.max(0, cash))} USD of cash is available.`;
    }
    return undefined;
  }
  const adds = addedInit(a, held + (signedQty > 0 ? exposure.pendingBuyQty : -exposure.pendingSellQty), signedQty, estPrice);
  if (adds === 0) return undefined;
  const impact = marginImpact(a, marks, conId, signedQty, estPrice, commission);
  const needed = impact.initBefore + exposure.pendingInit + adds;
  if (needed > impact.ewlAfter) {
    return `Insufficient buying power in ${a.id}: the order needs ${money(adds)} USD of initial margin, ` +
      `${money(Math.max(0, impact.ewlAfter - impact.initBefore - exposure.pendingInit))} USD is available.`;
  }
  return undefined;
}
