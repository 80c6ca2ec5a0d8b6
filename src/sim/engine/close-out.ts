// IB's close-out of physically delivered futures. IB never lets a retail
// account make or take delivery: a gold, crude or Treasury note position still
// held when its close-out period starts is liquidated at the market, with
// IB's usual commission, and reported as an execution of no order. Cash-settled
// futures (ES, MES, NQ) are left to their final settlement (expiry.ts).
// The date is the app's own rule (src/shared/futures-delivery.ts), so the demo
// liquidates exactly when the app has warned it would: a long from ahead of
// first notice, a short from ahead of the last trading day.
// This module only decides; the fill it returns is booked by settlement.ts.
import { closeOutOf } from '../../shared/futures-delivery';
import type { Holding } from './accounts';
import type { InstrumentSpec } from './catalogue';
import { orderCommission } from './commission';
import type { Fill } from './settlement';
import type { Terms } from './terms';

/** How a liquidation's execution names itself (its exchange), as the expiry events do. */
export const CLOSE_OUT_EXCHANGE = 'IB LIQUIDATION';
/** Why the account's working orders in the contract were cancelled with it. */
export const CLOSE_OUT_REASON = 'IB closed the position out ahead of delivery: physically delivered futures cannot be held into their delivery period';

/**
 * The first day (yyyyMMdd) IB liquidates this position in a physically
 * delivered future, or undefined for a cash-settled one (or no position).
 */
export function closeOutDate(symbol: string, spec: InstrumentSpec, qty: number): string | undefined {
  if (qty === 0 || spec.secType !== 'FUT' || spec.settlement !== 'physical' || spec.lastTradeDate === undefined) return undefined;
  return closeOutOf(symbol, spec.lastTradeDate, qty).date;
}

/**
 * The closing trade of IB's liquidation: a long sold at `price` (the bid, or
 * the last mark a saved book knew), a short bought back, charged IB's futures
 * commission as any market order would be.
 */
export function closeOutFill(h: Holding, terms: Terms, symbol: string, price: number): Fill {
  const qty = Math.abs(h.qty);
  const commission = orderCommission({ secType: 'FUT', currency: terms.currency, symbol }, qty, qty * price * terms.factor, price);
  return { conId: h.conId, terms, signedQty: -h.qty, price, commission: commission.amount, commissionCurrency: commission.currency };
}
