// IBKR Pro "fixed" pricing for US stocks: USD 0.005 a share, at least USD 1.00
// and at most 1% of the trade value, per order. Partial fills are charged so
// that an order's executions add up to the price of the whole order.

export const PER_SHARE = 0.005;
export const MIN_PER_ORDER = 1.0;
export const MAX_RATE = 0.01;

const cents4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Commission for an order of `shares` with `value` traded value so far. */
export function fixedCommission(shares: number, value: number): number {
  if (shares <= 0) return 0;
  const raw = Math.max(MIN_PER_ORDER, shares * PER_SHARE);
  return cents4(Math.min(raw, MAX_RATE * Math.abs(value)));
}

/** What one execution costs, given what the order had already been charged. */
export function executionCommission(cumShares: number, cumValue: number, alreadyCharged: number): number {
  return cents4(Math.max(0, fixedCommission(cumShares, cumValue) - alreadyCharged));
}

/** What an order's commission depends on: its class, currency and (futures) whether it is a micro contract. */
export interface CommissionTerms {
  secType: string;
  currency: string;
  symbol: string;
}

export interface Commission {
  amount: number;
  currency: string;
}

// IBKR Pro fixed rates for the classes beyond US stocks, per order:
// - US equity options: USD 0.65 a contract (0.50 under a premium of 0.10, 0.25 under 0.05), at least USD 1.00.
// - US futures: USD 0.85 a contract (micro contracts USD 0.25).
// - Forex on IDEALPRO: 0.20 basis points of the trade value, at least USD 2.00.
// - Crypto on PAXOS: 0.18% of the trade value, at least USD 1.75 and at most 1%.
// - European stocks: 0.05% of the trade value, at least 3.00 and at most 29.00 in the trade's currency.
// - Japanese stocks: 0.08% of the trade value, at least JPY 80.
// - US Treasuries: 0.002% of the face value, at least USD 5.00.
const MICRO_FUTURES = new Set(['MES', 'MNQ', 'MYM', 'M2K', 'MCL', 'MGC']);

/**
 * Commission for the whole order so far: `qty` units filled, `value` traded
 * in the instrument's money (price times multiplier times quantity), `price`
 * the average per unit as quoted. Forex `value` is in the quote currency and
 * `usdValue` the same in USD.
 */
export function orderCommission(t: CommissionTerms, qty: number, value: number, price: number, usdValue = value): Commission {
  if (qty <= 0) return { amount: 0, currency: t.secType === 'STK' ? t.currency : 'USD' };
  switch (t.secType) {
    case 'OPT':
    case 'BAG': {
      const perContract = price < 0.05 ? 0.25 : price < 0.1 ? 0.5 : 0.65;
      return { amount: cents4(Math.max(1, qty * perContract)), currency: 'USD' };
    }
    case 'FUT':
      return { amount: cents4(qty * (MICRO_FUTURES.has(t.symbol) ? 0.25 : 0.85)), currency: 'USD' };
    case 'CASH':
      return { amount: cents4(Math.max(2, Math.abs(usdValue) * 0.00002)), currency: 'USD' };
    case 'CRYPTO':
      return { amount: cents4(Math.min(Math.max(1.75, Math.abs(value) * 0.0018), Math.abs(value) * 0.01)), currency: 'USD' };
    case 'BOND':
      return { amount: cents4(Math.max(5, Math.abs(qty * 1000) * 0.00002)), currency: 'USD' };
    default:
      if (t.currency === 'USD') return { amount: fixedCommission(qty, value), currency: 'USD' };
      if (t.currency === 'JPY') return { amount: Math.round(Math.max(80, Math.abs(value) * 0.0008)), currency: 'JPY' };
      return { amount: cents4(Math.min(29, Math.max(3, Math.abs(value) * 0.0005))), currency: t.currency };
  }
}
