import { describe, expect, it } from 'vitest';
import { SyncTracker } from '../../../src/main/broker/sync-tracker';

describe('sync tracker', () => {
  it('completes once, on the last of the five answers, counting an accounts list that came before the sync started', () => {
    const sync = new SyncTracker();
    expect(sync.answer('accounts')).toBe(false);
    expect(sync.begin()).toBe(true);
    expect(sync.syncing).toBe(true);
    expect(sync.answer('summary')).toBe(false);
    expect(sync.answer('positions')).toBe(false);
    expect(sync.answer('orders')).toBe(false);
    expect(sync.answer('executions')).toBe(true);
    expect(sync.syncing).toBe(false);
    expect(sync.answer('orders')).toBe(false);
  });

  it('does not complete before it has started, and a second start is refused', () => {
    const sync = new SyncTracker();
    for (const part of ['accounts', 'summary', 'positions', 'orders', 'executions'] as const) expect(sync.answer(part)).toBe(false);
    expect(sync.begin()).toBe(true);
    expect(sync.begin()).toBe(false);
  });
});
