import { describe, expect, it, vi } from 'vitest';
import { dispatchCall, type CallHandlers } from '../../../src/main/ipc/dispatch';
import { callNames, calls, type CallName } from '../../../src/shared/ipc-contract';

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

/** Handlers that record being reached: a refused payload must never reach one. */
function spiedHandlers(): { handlers: CallHandlers; reached: CallName[] } {
  const reached: CallName[] = [];
  const handlers = {} as Record<CallName, unknown>;
  for (const name of callNames) {
    handlers[name] = () => {
      reached.push(name);
      throw new Error('a handler ran for a refused payload');
    };
  }
  return { handlers: handlers as CallHandlers, reached };
}

// Shapes that every schema in the contract should refuse: the first one a
// call's schema refuses is sent to it.
const candidates: unknown[] = [{ unexpected: true }, 'text', 42, null, [], { __proto__: { id: 1 } }];

// Payloads that look right but break one rule, for the calls whose fields carry limits.
const nearMisses: Partial<Record<CallName, unknown[]>> = {
  getPriceHistory: [
    { symbol: 'AAPL', period: '2Y' },
    { symbol: 'AAPL', conId: -1, period: '1M' },
    { symbol: '', period: '1M' },
    { symbol: 'AAPL', period: '1M', extra: 1 },
  ],
  getContractProfiles: [{ conIds: [1.5] }, { conIds: [0] }, { conIds: Array.from({ length: 5001 }, (_, i) => i + 1) }],
  updateSettings: [{ approvals: { largeOrderPct: 0 } }, { approvals: { largeOrderPct: 101 } }, { notifications: { needsReview: 'yes' } }, { tray: { keepRunningInTray: true, other: 1 } }],
  approveDraft: [{ id: 'not-a-uuid', version: 1 }],
  // Resetting the demo account needs the person's confirmation in the payload itself.
  resetDemoAccount: [{ confirmed: false }, {}, { confirmed: 'true' }],
};

describe('every call in the contract refuses a payload that fails its schema', () => {
  it.each(callNames)('%s', async (name) => {
    const { handlers, reached } = spiedHandlers();
    const wrongShape = candidates.find((payload) => !calls[name].request.safeParse(payload).success);
    expect(wrongShape, `no malformed payload is refused by ${name}'s schema`).toBeDefined();
    for (const payload of [wrongShape, ...(nearMisses[name] ?? [])]) {
      const result = await dispatchCall(handlers, name, payload, log);
      expect(result, JSON.stringify(payload)?.slice(0, 80)).toMatchObject({ ok: false, error: { code: 'bad_payload' } });
    }
    expect(reached).toEqual([]);
  });
});
