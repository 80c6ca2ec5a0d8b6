import type { Draft } from '../../shared/draft';
import { multiplier, priceMagnifier } from '../risk/exposure';

/** How large the person's orders in one account usually are: what a new draft's size is read against. */
export interface OrderHabits {
  account: string;
  currency: string;
  /** Approved orders counted (the newest first, at most `HABIT_WINDOW`). */
  orders: number;
  /** Median value of those orders at approval, in `currency`; null when there are none. */
  medianNotional: number | null;
}

/** The newest approvals the habit is read from: recent enough to be today's habit, many enough to be one. */
export const HABIT_WINDOW = 50;

/**
 * The person's typical order in this account: the median value of the orders
 * they approved, each valued as the risk checks valued it at approval (the
 * market then, or the order's own price where that is higher). A median,
 * because one unusual order must not move what "usual" means. Only orders in
 * the same currency count: amounts in different currencies do not compare.
 */
export function orderHabits(approved: readonly Draft[], account: string, currency: string, excludeId?: string): OrderHabits {
  const values: number[] = [];
  for (const draft of approved) {
    if (values.length >= HABIT_WINDOW) break;
    if (draft.id === excludeId || draft.account !== account || draft.contract.currency !== currency) continue;
    const value = approvedNotional(draft);
    if (value !== null) values.push(value);
  }
  return { account, currency, orders: values.length, medianNotional: median(values) };
}

function approvedNotional(draft: Draft): number | null {
  if (draft.atApproval === undefined) return null;
  const mult = multiplier(draft);
  const magnifier = priceMagnifier(draft);
  const prices = [draft.atApproval.marketPrice, draft.order.limitPrice, draft.order.stopPrice].filter(
    (n): n is number => n !== null && n !== undefined && Number.isFinite(n) && n > 0,
  );
  if (mult === null || magnifier === null || prices.length === 0) return null;
  return (draft.order.quantity * Math.max(...prices) * mult) / magnifier;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
