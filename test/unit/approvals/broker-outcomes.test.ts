import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Draft, RiskVerdict } from '../../../src/shared/draft';
import type { PortfolioSnapshot } from '../../../src/shared/portfolio';
import type { BrokerSession } from '../../../src/main/broker/broker-session';
import { DraftLedger } from '../../../src/main/approvals/draft-ledger';
import { applyVerdicts } from '../../../src/main/approvals/lifecycle';
import { OrderTracker } from '../../../src/main/approvals/order-tracker';
import { reconcile } from '../../../src/main/approvals/reconciler';
import { openStore, type Store } from '../../../src/main/store/open-store';
import { StoreHealth } from '../../../src/main/store/store-health';
import { sampleDraft, tempDir } from '../store/support';

// Issue #14: the order tracker and the reconciler catch only the conflicts
// they expect (a draft that moved on meanwhile, a late answer); a database
// that refuses to record what IB said is shown as a store problem, kept and
// retried, never swallowed.

const now = 1_700_000_000_000;
const CLIENT = 0;
const pass: RiskVerdict = { check: 'price-collar', label: 'Price collar', outcome: 'pass', explanation: 'Within 5%.' };
const emptyPortfolio: PortfolioSnapshot = { seq: 1, accounts: [], positions: [], openOrders: [], executions: [], quotes: [] };

let store: Store;
let ledger: DraftLedger;
let health: StoreHealth;
let published = 0;

beforeEach(() => {
  store = openStore(tempDir());
  ledger = new DraftLedger(store, () => now);
  // Retries are the test's to run.
  health = new StoreHealth({ now: () => now, schedule: () => undefined });
  published = 0;
});
afterEach(() => {
  store.db.pragma('query_only = OFF');
  store.close();
});

/** A draft approved with order id 100, as approve() records it. */
function approved(): Draft {
  const drafted = sampleDraft(now);
  ledger.insert(drafted, 'person', 'draft.created', {});
  const pending = applyVerdicts(drafted, [pass], now);
  ledger.save(drafted, pending, 'system', 'draft.checked', {});
  return ledger.recordApproval(ledger.get(pending.id)!, { brokerNextValidId: 100, ids: 1, at: now }, (orderId) => ({
    draft: ledger.move(ledger.get(pending.id)!, 'submitting', { now, verdicts: [pass], orderId, clientId: CLIENT }),
    details: {},
  })).draft;
}

function trackedSession(): EventEmitter & { clientId: number } {
  const session = Object.assign(new EventEmitter(), { clientId: CLIENT });
  new OrderTracker({ ledger, health, publish: () => (published += 1), log: { info: () => {}, warn: () => {}, error: () => {} }, now: () => now }).attach(
    session as unknown as BrokerSession,
  );
  return session;
}

const refuseWrites = (): unknown => store.db.pragma('query_only = ON');
const allowWrites = (): unknown => store.db.pragma('query_only = OFF');

describe('the order tracker records what IB says, or says it could not', () => {
  it('an acknowledgement the database refuses is shown as a store problem and recorded on the retry', () => {
    const draft = approved();
    const session = trackedSession();
    session.emit('openOrder', 100, { conId: 0 }, { orderRef: draft.id, clientId: CLIENT });
    refuseWrites();
    session.emit('orderStatus', 100, 'Submitted', 0, 1, 0, 0, 0, CLIENT);
    expect(health.list().map((p) => p.what)).toEqual(['an order status from IB']);
    expect(health.list()[0]!.cause).toMatch(/readonly|read-only/i);
    expect(ledger.get(draft.id)?.state).toBe('submitting');
    allowWrites();
    health.retryAll();
    expect(health.ok).toBe(true);
    expect(ledger.get(draft.id)?.state).toBe('working');
  });

  it('a late status for an order already finished records nothing and is no problem', () => {
    const draft = approved();
    const session = trackedSession();
    session.emit('openOrder', 100, { conId: 0 }, { orderRef: draft.id, clientId: CLIENT });
    session.emit('orderStatus', 100, 'Cancelled', 0, 1, 0, 0, 0, CLIENT);
    expect(ledger.get(draft.id)?.state).toBe('cancelled');
    session.emit('orderStatus', 100, 'Submitted', 0, 1, 0, 0, 0, CLIENT);
    expect(health.ok).toBe(true);
    expect(ledger.get(draft.id)?.state).toBe('cancelled');
  });
});

describe('the reconciler records what it found, or says it could not', () => {
  const desk = () => ({ ledger, health, publish: () => (published += 1) });

  it('a finding the database refuses is shown as a store problem and recorded on the retry', () => {
    const draft = approved();
    refuseWrites();
    // Nothing at the broker: the submitting draft goes to review.
    reconcile(desk(), emptyPortfolio, now, CLIENT);
    expect(health.list().map((p) => p.what)).toEqual(['what IB said about an order after reconnecting']);
    expect(ledger.get(draft.id)?.state).toBe('submitting');
    allowWrites();
    health.retryAll();
    expect(health.ok).toBe(true);
    expect(ledger.get(draft.id)?.state).toBe('needs_review');
    expect(published).toBeGreaterThan(0);
  });

  it('a draft another writer moved meanwhile is left to it, with no problem shown', () => {
    const draft = approved();
    // The reconciler listed the draft as submitting; a live status (cancelled) was recorded before it got to it.
    class ListedBeforeTheStatus extends DraftLedger {
      override inFlight(): Draft[] {
        return [draft];
      }
    }
    ledger.save(ledger.get(draft.id)!, ledger.move(ledger.get(draft.id)!, 'cancelled', { now }), 'broker', 'broker.cancelled', {});
    reconcile({ ledger: new ListedBeforeTheStatus(store, () => now), health, publish: () => {} }, emptyPortfolio, now, CLIENT);
    expect(health.ok).toBe(true);
    expect(ledger.get(draft.id)?.state).toBe('cancelled');
  });
});
