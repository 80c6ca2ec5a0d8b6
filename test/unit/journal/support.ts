import { EventEmitter } from 'node:events';
import type { BrokerSession } from '../../../src/main/broker/broker-session';
import { createDraft, transition } from '../../../src/main/approvals/lifecycle';
import type { Draft, DraftInput, RiskVerdict } from '../../../src/shared/draft';
import type { Store } from '../../../src/main/store/open-store';

/** hh:mm US/Eastern on a November 2026 day (UTC-5). */
export const nov = (day: number, hh: number, mm = 0): number => Date.UTC(2026, 10, day, hh + 5, mm);
/** hh:mm US/Eastern on a December 2026 day. */
export const dec = (day: number, hh: number, mm = 0): number => Date.UTC(2026, 11, day, hh + 5, mm);

export const AAPL = 265598;

const pass: RiskVerdict = { check: 'price-collar', label: 'Price collar', outcome: 'pass', explanation: 'Within 5% of the quote.' };
const warn: RiskVerdict = { check: 'outside-hours', label: 'Outside hours', outcome: 'warn', explanation: 'The market is closed.' };

export function input(over: Partial<DraftInput> = {}): DraftInput {
  return {
    account: 'DU1',
    contract: { symbol: 'AAPL', secType: 'STK', conId: AAPL },
    order: { side: 'BUY', quantity: 100, orderType: 'MKT' },
    author: 'claude',
    rationale: 'test',
    risks: [],
    ...over,
  };
}

/** A draft put in the queue as pending (or warned) through the repository, with its audit rows. */
export function pendingDraft(store: Store, at: number, over: Partial<DraftInput> = {}, warned = false): Draft {
  const drafted = createDraft({ ...input(over), expiresAt: at + 3_600_000 }, at);
  const pending = transition(drafted, 'pending', { now: at, verdicts: warned ? [pass, warn] : [pass] });
  store.drafts.insert(pending, { actor: 'claude', at, action: 'draft.created' });
  return pending;
}

export function approve(store: Store, draft: Draft, at: number, quote: { bid: number; ask: number; last: number }, positionBefore = 0, orderId = 7): Draft {
  const after: Draft = {
    ...transition(draft, 'submitting', { now: at, verdicts: draft.verdicts ?? [pass], orderId, clientId: 3, expectedVersion: draft.version }),
    atApproval: { positionBefore, positionAfter: positionBefore + draft.order.quantity, weightBefore: null, weightAfter: null, marketPrice: quote.ask, quote, at },
  };
  store.drafts.save(draft, after, { actor: 'person', at, action: 'draft.approved' });
  return after;
}

export function settle(store: Store, draft: Draft, to: 'rejected' | 'expired' | 'filled', at: number): Draft {
  const after = transition(draft, to, { now: at, ...(to === 'filled' ? { fill: { filledQty: draft.order.quantity, avgFillPrice: 100 } } : {}) });
  store.drafts.save(draft, after, { actor: to === 'rejected' ? 'person' : to === 'filled' ? 'broker' : 'system', at, action: `draft.${to}` });
  return after;
}

/** A session that is ready, quotes one price and holds what it is told; executions are emitted by the test. */
export class FakeSession extends EventEmitter {
  isReady = true;
  quote = { bid: 99, ask: 101, last: 100 };
  held = new Map<string, number>();
  readonly portfolio = {
    quote: (conId: number) => ({ symbol: 'AAPL', conId, ...this.quote, close: null, delayed: false, at: 0 }),
    snapshot: () => ({ positions: [...this.held].map(([key, quantity]) => ({ account: key.split(':')[0], conId: Number(key.split(':')[1]), quantity })) }),
  };

  asSession(): BrokerSession {
    return this as unknown as BrokerSession;
  }

  fill(execId: string, draftId: string, side: 'BOT' | 'SLD', shares: number, price: number, time: string, over: { orderId?: number; clientId?: number; account?: string } = {}): void {
    this.emit('execution', { conId: AAPL, symbol: 'AAPL' }, { execId, orderRef: draftId, side, shares, price, time, orderId: over.orderId ?? 7, clientId: over.clientId ?? 3, acctNumber: over.account ?? 'DU1' });
  }
}
