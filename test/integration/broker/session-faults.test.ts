import { IBApi } from '@stoqey/ib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from '../../support/wait';
import { openSession, type SessionUnderTest } from './session-support';

describe('gateway connectivity faults', () => {
  let t: SessionUnderTest | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await t?.close();
    t = undefined;
  });

  it('1100 then 1102: shows the loss, then ready again with the subscriptions kept', async () => {
    const reqMktData = vi.spyOn(IBApi.prototype, 'reqMktData');
    t = await openSession();
    await t.waitForPhase('ready');
    await waitFor(() => reqMktData.mock.calls.length > 0 && t!.session.portfolio.heldContracts().length === reqMktData.mock.calls.length, 'quote subscriptions');
    const subscribed = reqMktData.mock.calls.length;
    t.sim.faults.connectivityLost();
    const lost = await t.waitForPhase('lost');
    expect(lost.message).toMatch(/lost its connection to IBKR/);
    expect(t.session.isReady).toBe(false);
    t.sim.faults.connectivityRestored(true);
    await t.waitForPhase('ready');
    expect(reqMktData.mock.calls.length).toBe(subscribed);
  });

  it('1100 then 1101: re-requests every market data subscription', async () => {
    const reqMktData = vi.spyOn(IBApi.prototype, 'reqMktData');
    t = await openSession();
    await t.waitForPhase('ready');
    const held = t.session.portfolio.heldContracts().length;
    await waitFor(() => reqMktData.mock.calls.length === held, 'quote subscriptions');
    t.sim.faults.connectivityLost();
    await t.waitForPhase('lost');
    t.sim.faults.connectivityRestored(false);
    await waitFor(() => reqMktData.mock.calls.length === 2 * held, 'the subscriptions to be re-requested');
    expect(t.phases).toContain('restored');
    expect(t.session.state.phase).toBe('ready');
  });

  it('an order attempted while disconnected is refused and never sent after the reconnect', async () => {
    t = await openSession({ backoff: { initialMs: 400, maxMs: 400 } });
    await t.waitForPhase('ready');
    const placed: number[] = [];
    t.sim.on('placeOrder', (event) => placed.push(event.orderId));
    t.sim.faults.dropConnections();
    await t.waitForPhase('lost');
    const sent = t.session.placeOrder(
      9001,
      { symbol: 'AAPL', secType: 'STK' as never, exchange: 'SMART', currency: 'USD' },
      { action: 'BUY' as never, totalQuantity: 1, orderType: 'MKT' as never, orderRef: 'draft-offline' },
    );
    expect(sent).toBe(false);
    await t.waitForPhase('ready');
    // A full reconnect and sync later, the simulator has still seen no order.
    await t.waitForPhase('ready');
    t.session.refreshOrders();
    await waitFor(() => t!.session.portfolio.snapshot().seq > 0, 'orders refreshed');
    expect(placed).toEqual([]);
  });

  it('in the nightly reset window: shows a countdown and waits instead of retrying', async () => {
    // 23:50 US/Eastern on a Monday night.
    const now = () => Date.UTC(2026, 10, 24, 4, 50, 0);
    t = await openSession({ now, resetWindow: { startMinute: 23 * 60 + 45, durationMinutes: 60, timeZone: 'America/New_York' } });
    await t.waitForPhase('ready');
    t.sim.faults.resetWindow(60 * 60 * 1000);
    const waiting = await t.waitForPhase('reset_window');
    expect(waiting.nextAttemptAt).toBe(Date.UTC(2026, 10, 24, 5, 45, 0));
    expect(waiting.message).toMatch(/nightly restart/);
    // One attempt is scheduled, for when the window ends; nothing before it.
    const afterReady = t.phases.slice(t.phases.lastIndexOf('ready') + 1);
    expect(afterReady).toEqual(['reset_window']);
    expect(t.sim.connectedClientIds()).toEqual([]);
  });
});
