import type { TradingState } from '../../../shared/draft';

/** What the trading switch stops, in the words the status bar and the queue header both use. */
export const TRADING_STOPS: Record<TradingState, string | undefined> = {
  active: undefined,
  reducing: 'Reducing only: orders that open, add to or flip a position cannot be approved.',
  halted: 'Trading halted: no order can be approved, and open orders were cancelled. Resume trading to approve again.',
};
