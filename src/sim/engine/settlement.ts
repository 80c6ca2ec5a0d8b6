// Settlement of one fill into a simulated account: the position (quantity and
// IB-style average cost, commission included, per unit of quantity with the
// multiplier applied) and the cash it moves, in the instrument's currency.
// This is the only place a fill touches an account; a ledger that keeps cash
// per currency plugs in through `CashLedger`.
import type { Account, Holding } from './accounts';
import { US_STOCK, type Terms } from './terms';

export interface Fill {
  conId: number;
  terms: Terms;
  /** Bought (+) or sold (-): shares, contracts, coins, or units of the base currency of a forex pair. */
  signedQty: number;
  /** Per unit, as quoted (an option's premium per share, a bond's percent of face, a pair's rate). */
  price: number;
  commission: number;
  commissionCurrency: string;
  /** Forex: the pair's base currency (EUR of EUR.USD); the terms' currency is the quote currency. */
  baseCurrency?: string;
  /**
   * Per unit as it enters the cost basis and realized P&L, when that is not the
   * price the cash moved at: shares delivered by an exercise or assignment
   * change hands at the strike but carry the option's premium in their cost
   * (IB's convention, and the IRS's), and the option itself closes at its own cost.
   */
  basisPrice?: number;
}

/** Where cash goes. The default is the account's own ledger: one balance per currency. */
export interface CashLedger {
  credit(a: Account, currency: string, amount: number): void;
}

export const accountCash: CashLedger = {
  credit(a, currency, amount) {
    a.ledger.set(currency, (a.ledger.get(currency) ?? 0) + amount);
  },
};

function holding(a: Account, conId: number, terms: Terms): Holding {
  let h = a.holdings.get(conId);
  if (!h) {
    h = { conId, qty: 0, avgCost: 0, realized: 0, dayStartQty: 0, dayCashFlow: 0, dayCommission: 0, dayRealized: 0, ...(terms === US_STOCK ? {} : { terms }) };
    a.holdings.set(conId, h);
  }
  return h;
}

/**
 * Books a fill. Returns the realized P&L (commission included, in the
 * instrument's currency) when the fill closed some of the position,
 * undefined when it only opened or added (or exchanged currency).
 */
export function settleFill(a: Account, f: Fill, ledger: CashLedger = accountCash): number | undefined {
  const t = f.terms;
  if (t.secType === 'CASH') {
    // A currency conversion: no position, one balance up and the other down; IB charges it in USD.
    ledger.credit(a, f.baseCurrency ?? 'USD', f.signedQty);
    ledger.credit(a, t.currency, -f.signedQty * f.price);
    ledger.credit(a, f.commissionCurrency, -f.commission);
    return undefined;
  }
  const h = holding(a, f.conId, t);
  const money = f.signedQty * f.price * t.factor;
  // A future changes hands for no cash: only its daily variation (the P&L) and the commission are paid.
  if (t.secType !== 'FUT') ledger.credit(a, t.currency, -money);
  ledger.credit(a, f.commissionCurrency, -f.commission);
  // Commission in another currency than the instrument's is not part of its cost basis.
  const commission = f.commissionCurrency === t.currency ? f.commission : 0;
  h.dayCashFlow -= money;
  h.dayCommission += commission;
  let realized: number | undefined;
  const closing = h.qty !== 0 && Math.sign(h.qty) !== Math.sign(f.signedQty);
  const unitCost = (f.basisPrice ?? f.price) * t.factor;
  // A future's variation is money: it is paid at the price traded, whatever the basis.
  const unitPrice = f.price * t.factor;
  if (!closing) {
    const basis = h.qty * h.avgCost + f.signedQty * unitCost + commission;
    const open = h.qty * (h.openPrice ?? 0) + f.signedQty * unitPrice;
    h.qty += f.signedQty;
    h.avgCost = basis / h.qty;
    if (t.secType === 'FUT') h.openPrice = open / h.qty;
  } else {
    const closed = Math.min(Math.abs(f.signedQty), Math.abs(h.qty));
    const opened = Math.abs(f.signedQty) - closed;
    const closeCommission = commission * (closed / Math.abs(f.signedQty));
    realized = (unitCost - h.avgCost) * closed * Math.sign(h.qty) - closeCommission;
    h.realized += realized;
    h.dayRealized += realized;
    // Closing a future pays out what it made or lost since it was opened (its commissions were paid as they fell due).
    if (t.secType === 'FUT') ledger.credit(a, t.currency, (unitPrice - (h.openPrice ?? 0)) * closed * Math.sign(h.qty));
    h.qty += f.signedQty;
    if (opened > 0) {
      h.avgCost = (h.qty * unitCost + (commission - closeCommission)) / h.qty;
      if (t.secType === 'FUT') h.openPrice = unitPrice;
    } else if (h.qty === 0) {
      h.avgCost = 0;
      if (t.secType === 'FUT') h.openPrice = 0;
    }
  }
  return realized;
}
