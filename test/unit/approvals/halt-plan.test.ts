import { describe, expect, it } from 'vitest';
import { planHalt } from '../../../src/main/approvals/halt-plan';
import type { ExecutionView, OpenOrderView } from '../../../src/shared/portfolio';
import { buyAapl, sampleDraft } from '../store/support';

describe('what a halt cancels', () => {
  it("counts an order as Countersign's under the client id it was placed with, even after the session moved to another (326)", () => {
    const draft = { ...sampleDraft(1_700_000_000_000), state: 'working' as const, orderId: 41, clientId: 7, orderRef: '' };
    const open: OpenOrderView = {
      orderId: 41, permId: 1, clientId: 7, conId: 0, account: draft.account, symbol: 'AAPL', action: 'BUY', quantity: 1, orderType: 'LMT',
      limitPrice: 1, stopPrice: null, tif: 'DAY', status: 'Submitted', filled: 0, remaining: 1, avgFillPrice: null, orderRef: draft.id,
    };
    const plan = planHalt({
      scope: 'countersign', sessionClientId: 8, openOrders: [open], executions: [], inFlight: [draft],
      draftOf: (id) => (id === draft.id ? draft : null), ledger: (id) => (id === 41 ? draft.id : null),
    });
    expect(plan.keep).toEqual([]);
    expect(plan.cancel.map((c) => [c.clientId, c.orderId])).toEqual([[7, 41]]);
  });
  describe("a bracket's take-profit and stop-loss", () => {
    const draft = {
      ...sampleDraft(1_700_000_000_000, { ...buyAapl, order: { ...buyAapl.order, quantity: 3, limitPrice: 100, bracket: { takeProfitPrice: 110, stopLossPrice: 95 } } }),
      state: 'working' as const, orderId: 50, clientId: 7,
    };
    const order = (orderId: number, ref: string, filled = 0): OpenOrderView => ({
      orderId, permId: orderId, clientId: 7, conId: 0, account: draft.account, symbol: 'AAPL', action: 'BUY', quantity: 3, orderType: 'LMT',
      limitPrice: 100, stopPrice: null, tif: 'DAY', status: 'Submitted', filled, remaining: 3 - filled, avgFillPrice: null, orderRef: ref,
    });
    const plan = (openOrders: OpenOrderView[], executions: Pick<ExecutionView, 'orderId' | 'clientId'>[] = []) =>
      planHalt({
        scope: 'countersign', sessionClientId: 7, openOrders, executions: executions as ExecutionView[], inFlight: [draft],
        draftOf: (id) => (id === draft.id ? draft : null), ledger: (id) => (id >= 50 && id <= 52 ? draft.id : null),
      });
    const entry = (filled = 0) => order(50, draft.id, filled);
    const children = [order(51, `${draft.id}:tp`), order(52, `${draft.id}:sl`)];

    it('are cancelled with the entry while the entry is open with nothing filled and no execution', () => {
      expect(plan([entry(), ...children]).cancel.map((c) => c.orderId).sort()).toEqual([50, 51, 52]);
    });
    it('are kept when the broker reports an execution of the entry that the store has not recorded', () => {
      const p = plan([entry(), ...children], [{ orderId: 50, clientId: 7 }]);
      expect(p.keep.map((k) => k.orderId).sort()).toEqual([51, 52]);
      expect(p.cancel.map((c) => c.orderId)).toEqual([50]);
    });
    it('are kept when the broker lists the entry as finished (Filled) with nothing filled recorded', () => {
      const finished = { ...entry(), status: 'Filled' };
      const p = plan([finished, ...children]);
      expect(p.keep.map((k) => k.orderId).sort()).toEqual([51, 52]);
      expect(p.keep.every((k) => /may have filled/.test(k.reason))).toBe(true);
    });
    it('are kept when the entry shows a partial fill, or is no longer open at all', () => {
      expect(plan([entry(1), ...children]).keep.map((k) => k.orderId).sort()).toEqual([51, 52]);
      expect(plan(children).keep.map((k) => k.orderId).sort()).toEqual([51, 52]);
      expect(plan(children).cancel.map((c) => c.orderId)).toEqual([50]);
    });
  });
});
