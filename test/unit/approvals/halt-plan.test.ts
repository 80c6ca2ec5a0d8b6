import { describe, expect, it } from 'vitest';
import { planHalt } from '../../../src/main/approvals/halt-plan';
import type { OpenOrderView } from '../../../src/shared/portfolio';
import { sampleDraft } from '../store/support';

describe('what a halt cancels', () => {
  it("counts an order as Countersign's under the client id it was placed with, even after the session moved to another (326)", () => {
    const draft = { ...sampleDraft(1_700_000_000_000), state: 'working' as const, orderId: 41, clientId: 7, orderRef: '' };
    const open: OpenOrderView = {
      orderId: 41, permId: 1, clientId: 7, conId: 0, account: draft.account, symbol: 'AAPL', action: 'BUY', quantity: 1, orderType: 'LMT',
      limitPrice: 1, stopPrice: null, tif: 'DAY', status: 'Submitted', filled: 0, remaining: 1, avgFillPrice: null, orderRef: draft.id,
    };
    const plan = planHalt({
      scope: 'countersign', sessionClientId: 8, openOrders: [open], inFlight: [draft],
      draftOf: (id) => (id === draft.id ? draft : null), ledger: (id) => (id === 41 ? draft.id : null),
    });
    expect(plan.keep).toEqual([]);
    expect(plan.cancel.map((c) => [c.clientId, c.orderId])).toEqual([[7, 41]]);
  });
});
