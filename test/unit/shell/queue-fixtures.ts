import { randomUUID } from 'node:crypto';
import type { Draft, TradingState } from '../../../src/shared/draft';
import type { QueueView } from '../../../src/shared/queue';

const T0 = 1_790_000_000_000;

/** A valid draft as the approval desk publishes it: BUY 10 AAPL LMT 190.00 DAY from Claude, pending. */
export function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    id: randomUUID(),
    version: 1,
    state: 'pending',
    account: 'DU1234567',
    contract: { symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' },
    order: { side: 'BUY', quantity: 10, orderType: 'LMT', limitPrice: 190, tif: 'DAY', outsideRth: false },
    author: 'claude',
    rationale: 'Adding to the position on the pullback.\nSecond line.',
    risks: [],
    createdAt: T0,
    updatedAt: T0,
    expiresAt: T0 + 3_600_000,
    filledQty: 0,
    avgFillPrice: null,
    commission: null,
    ...overrides,
  };
}

export function queue(drafts: Draft[], tradingState: TradingState = 'active'): QueueView {
  return { drafts, tradingState, review: {} };
}

export function advanced(previous: Draft, change: Partial<Draft>): Draft {
  return { ...previous, ...change, updatedAt: previous.updatedAt + 1000 };
}
