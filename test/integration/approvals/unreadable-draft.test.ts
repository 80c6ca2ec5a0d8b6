import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyVerdicts, transition } from '../../../src/main/approvals/lifecycle';
import { openStore, type Store } from '../../../src/main/store/open-store';
import { reserveOrderId } from '../../../src/main/store/order-id-ledger';
import type { RiskVerdict } from '../../../src/shared/draft';
import { damageStoredDraft, storedBody } from '../../support/damage-draft';
import { sampleDraft } from '../../unit/store/support';
import { OrderAction, OrderType } from '@stoqey/ib';
import { startSimGateway } from '../../../src/sim/index';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';
import { SecondClient } from '../faults/second-client';
import { openBackend, type BackendUnderTest } from './backend-under-test';

const pass: RiskVerdict = { check: 'price-collar', label: 'Price collar', outcome: 'pass', explanation: 'Within 5%.' };
const at = 1_700_000_000_000;

/** A pending draft, and one approved (submitting, with its order id) as a crash after the approval leaves it. */
function storeWithDrafts(store: Store) {
  const drafted = sampleDraft(at);
  store.drafts.insert(drafted, { actor: 'claude', at, action: 'draft.created' });
  const kept = applyVerdicts(drafted, [pass], at + 1);
  store.drafts.save(drafted, kept, { actor: 'system', at: at + 1, action: 'draft.checked' });
  const other = sampleDraft(at + 10);
  store.drafts.insert(other, { actor: 'claude', at: at + 10, action: 'draft.created' });
  const waiting = applyVerdicts(other, [pass], at + 11);
  store.drafts.save(other, waiting, { actor: 'system', at: at + 11, action: 'draft.checked' });
  const orderId = reserveOrderId(store.db, 1, at + 12, waiting.id);
  const approved = transition(waiting, 'submitting', { now: at + 12, verdicts: [pass], orderId, expectedVersion: 1 });
  store.drafts.save(waiting, approved, { actor: 'person', at: at + 12, action: 'draft.approved' });
  return { kept, inFlight: approved };
}

describe('an unreadable draft row at start-up', () => {
  let t: BackendUnderTest | undefined;
  let other: SecondClient | undefined;
  afterEach(async () => {
    other?.close();
    other = undefined;
    await t?.close();
    t = undefined;
  });

  it('is shown for review with its id and problem, while the session, the queue and halt start normally and the reconciler leaves it alone', async () => {
    const dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-unreadable-'));
    const store = openStore(dataDirectory);
    const { kept, inFlight } = storeWithDrafts(store);
    store.close();
    // One damaged byte in the in-flight draft's id inside its body.
    const damaged = damageStoredDraft(dataDirectory, inFlight.id, `"id":"${inFlight.id}"`, `"id":"${inFlight.id.slice(0, -1)}!"`);

    // A gateway that knows nothing of the order: the reconciler would send any
    // in-flight draft it can read to needs review.
    t = await openBackend(dataDirectory);
    const queue = await t.call('getQueue');
    expect(queue.unreadable).toEqual([{ id: inFlight.id, storedState: 'submitting', problem: expect.stringMatching(/uuid/i) as string }]);
    expect(queue.drafts.map((d) => d.id)).toEqual([kept.id]);
    expect(t.backend.broker.state()?.phase).toBe('ready');

    // The queue still takes drafts beside it, and halt works.
    const more = await t.call('draftFromTicket', { text: 'buy 1 SPY', account: t.sim.accounts[0]! });
    expect((await t.call('getQueue')).drafts.map((d) => d.id)).toContain(more.id);
    expect(await t.call('haltTrading')).toBe('halted');
    expect((await t.call('getQueue')).unreadable?.map((u) => u.id)).toEqual([inFlight.id]);
    await t.close();
    t = undefined;
    expect(storedBody(dataDirectory, inFlight.id)).toBe(damaged);
  });

  it('holds orders that add risk while an unreadable draft may have an order working, and lets an order that only reduces go', async () => {
    const dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-unreadable-'));
    const store = openStore(dataDirectory);
    const { inFlight } = storeWithDrafts(store);
    store.close();
    damageStoredDraft(dataDirectory, inFlight.id, `"id":"${inFlight.id}"`, `"id":"${inFlight.id.slice(0, -1)}!"`);
    t = await openBackend(dataDirectory);
    const account = t.sim.accounts[0]!;

    const adds = await t.call('draftFromTicket', { text: 'buy 1 SPY', account });
    expect(adds.state).toBe('blocked');
    const verdict = adds.verdicts?.find((v) => v.check === 'drafts-readable');
    expect(verdict).toMatchObject({ outcome: 'block', explanation: expect.stringContaining(inFlight.id.slice(0, 8)) as string });

    const held = (await t.call('getPortfolio')).positions.find((p) => p.account === account && p.secType === 'STK' && p.quantity >= 1)!;
    const reduces = await t.call('draftFromTicket', { text: `sell 1 ${held.symbol}`, account });
    expect(reduces.verdicts?.find((v) => v.check === 'drafts-readable')?.outcome).toBe('warn');
    expect(reduces.state).not.toBe('blocked');
  });

  it('holds even a reducing order while another open order on that contract is unaccounted for (it may be the unreadable one)', async () => {
    const dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-unreadable-'));
    const store = openStore(dataDirectory);
    const { inFlight } = storeWithDrafts(store);
    store.close();
    damageStoredDraft(dataDirectory, inFlight.id, `"id":"${inFlight.id}"`, `"id":"${inFlight.id.slice(0, -1)}!"`);
    const clock = new TradingHoursClock();
    const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 21, clock });
    const account = sim.accounts[0]!;
    const held = sim.engine.positions(account).find((p) => p.contract.secType === 'STK' && p.pos >= 2)!;
    const symbol = held.contract.symbol ?? '';
    // A sell resting on the held stock that no readable draft placed: it could be the unreadable draft's order.
    other = await SecondClient.connect(sim.host, sim.port, 5);
    other.place(1, symbol, { action: OrderAction.SELL, totalQuantity: 1, orderType: OrderType.LMT, lmtPrice: 99_999, account });
    await waitFor(() => other!.statusOf(1) === 'Submitted', 'the resting sell');
    try {
      t = await openBackend(dataDirectory, { clock, sim });
      await waitFor(() => t!.backend.broker.portfolio()?.openOrders.some((o) => o.symbol === symbol), 'the resting sell in our view');
      const reduces = await t.call('draftFromTicket', { text: `sell 1 ${symbol}`, account });
      expect(reduces.verdicts?.find((v) => v.check === 'drafts-readable')).toMatchObject({ outcome: 'block', explanation: expect.stringMatching(/overshoot/) as string });
    } finally {
      await t?.close();
      t = undefined;
      await sim.close();
    }
  });
});

