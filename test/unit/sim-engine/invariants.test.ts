import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BrokerEngine, ManualClock, type FillRecord, type OpenOrderRecord } from '../../../src/sim/engine';
import { IRA, MARGIN, monday, order, stock } from './support';

const SYMBOLS = ['AAPL', 'TSLA', 'KO', 'VTI', 'SPY'];
const TYPES = ['MKT', 'LMT', 'STP', 'STP LMT', 'TRAIL'] as const;

type Action =
  | { kind: 'place'; client: number; symbol: string; buy: boolean; qty: number; type: (typeof TYPES)[number]; offset: number; ira: boolean; tif: 'DAY' | 'GTC' | 'IOC'; outsideRth: boolean }
  | { kind: 'cancel'; client: number; pick: number }
  | { kind: 'gap'; symbol: string; move: number }
  | { kind: 'advance'; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('place' as const), client: fc.integer({ min: 0, max: 2 }), symbol: fc.constantFrom(...SYMBOLS),
    buy: fc.boolean(), qty: fc.integer({ min: 1, max: 800 }), type: fc.constantFrom(...TYPES),
    offset: fc.integer({ min: -300, max: 300 }), ira: fc.boolean(), tif: fc.constantFrom('DAY' as const, 'GTC' as const, 'IOC' as const),
    outsideRth: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('cancel' as const), client: fc.integer({ min: 0, max: 2 }), pick: fc.nat() }),
  fc.record({ kind: fc.constant('gap' as const), symbol: fc.constantFrom(...SYMBOLS), move: fc.integer({ min: -500, max: 500 }) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1_000, max: 4 * 3600_000 }) }),
);

describe('engine invariants under random order flow', () => {
  it('never loses, duplicates or overfills a fill, and the books always balance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.array(action, { minLength: 5, maxLength: 30 }), (seed, actions) => {
        const clock = new ManualClock(monday(9, 0));
        const engine = new BrokerEngine({ seed, clock, tickIntervalMs: 60_000 });
        const fills: FillRecord[] = [];
        const last = new Map<string, OpenOrderRecord>();
        engine.on('execution', (f) => fills.push(f));
        engine.on('orderStatus', (r) => last.set(`${r.clientId}:${r.orderId}`, r));
        const start = new Map(engine.accounts.map((a) => [a, { cash: Number(engine.accountSummary(a).find((v) => v.tag === 'TotalCashValue')!.value), pos: new Map(engine.positions(a).map((p) => [p.contract.conId!, p.pos])) }]));
        let nextId = 1;
        try {
          for (const a of actions) {
            if (a.kind === 'place') {
              const conId = engine.resolve(stock(a.symbol))!.contract.conId!;
              const q = engine.quote(conId);
              const ref = Math.round((q.last + a.offset / 100) * 100) / 100;
              const px = Math.max(0.01, ref);
              const extra = a.type === 'LMT' ? { lmtPrice: px } : a.type === 'STP' ? { auxPrice: px } : a.type === 'STP LMT' ? { auxPrice: px, lmtPrice: px } : a.type === 'TRAIL' ? { auxPrice: Math.abs(a.offset / 100) + 0.05 } : {};
              engine.placeOrder(a.client, nextId++, stock(a.symbol), order(a.buy ? 'BUY' : 'SELL', a.qty, a.type, { ...extra, account: a.ira ? IRA : MARGIN, tif: a.tif as never, outsideRth: a.outsideRth }));
            } else if (a.kind === 'cancel') {
              const open = engine.openOrders(a.client === 0 ? 'all' : a.client);
              const victim = open[a.pick % Math.max(1, open.length)];
              if (victim) expect(engine.cancelOrder(victim.orderId, a.client === 0 ? 0 : victim.clientId)).toBe(true);
            } else if (a.kind === 'gap') {
              const conId = engine.resolve(stock(a.symbol))!.contract.conId!;
              engine.gap(conId, engine.quote(conId).last * (1 + a.move / 10_000));
            } else {
              clock.advance(a.ms);
            }
          }
          // Let resting orders run through the next session as well.
          clock.advance(30 * 3600_000);
          // Every fill is in the log once, and the log has nothing else.
          const logged = engine.executions({});
          expect(logged.map((f) => f.execution.execId)).toEqual(fills.map((f) => f.execution.execId));
          expect(new Set(logged.map((f) => f.execution.execId)).size).toBe(logged.length);
          // Per order: fills add up to what the last status says, and never beyond the order size.
          const byOrder = new Map<string, number>();
          for (const f of fills) {
            const k = `${f.execution.clientId}:${f.execution.orderId}`;
            byOrder.set(k, (byOrder.get(k) ?? 0) + f.execution.shares!);
            expect(f.execution.cumQty).toBe(byOrder.get(k));
          }
          for (const [k, rec] of last) {
            expect(byOrder.get(k) ?? 0).toBe(rec.filled);
            expect(rec.filled + rec.remaining).toBeLessThanOrEqual(rec.order.totalQuantity!);
            if (rec.status === 'Filled') expect(rec.remaining).toBe(0);
            if (rec.status !== 'Cancelled') expect(rec.filled + rec.remaining).toBe(rec.order.totalQuantity);
          }
          // Cash and positions move by exactly the fills and their commissions.
          for (const account of engine.accounts) {
            const mine = fills.filter((f) => f.execution.acctNumber === account);
            const cash = Number(engine.accountSummary(account).find((v) => v.tag === 'TotalCashValue')!.value);
            const flow = mine.reduce((s, f) => s - (f.execution.side === 'BOT' ? 1 : -1) * f.execution.shares! * f.execution.price! - f.commission.commission!, 0);
            expect(cash).toBeCloseTo(start.get(account)!.cash + flow, 1);
            const now = new Map(engine.positions(account).map((p) => [p.contract.conId!, p.pos]));
            const conIds = new Set([...start.get(account)!.pos.keys(), ...now.keys(), ...mine.map((f) => f.contract.conId!)]);
            for (const id of conIds) {
              const traded = mine.filter((f) => f.contract.conId === id).reduce((s, f) => s + (f.execution.side === 'BOT' ? 1 : -1) * f.execution.shares!, 0);
              expect(now.get(id) ?? 0).toBe((start.get(account)!.pos.get(id) ?? 0) + traded);
            }
          }
          // The IRA never goes short or borrows; the only short it has is a call covered by the shares it holds.
          const iraRows = engine.positions(IRA);
          for (const p of iraRows) if (p.contract.secType !== 'OPT') expect(p.pos).toBeGreaterThan(0);
          for (const p of iraRows.filter((r) => r.contract.secType === 'OPT' && r.pos < 0)) {
            expect(p.contract.right).toBe('C');
            const shares = iraRows.find((r) => r.contract.secType === 'STK' && r.contract.symbol === p.contract.symbol)?.pos ?? 0;
            expect(shares).toBeGreaterThanOrEqual(-p.pos * 100);
          }
          expect(Number(engine.accountSummary(IRA).find((v) => v.tag === 'TotalCashValue')!.value)).toBeGreaterThanOrEqual(0);
        } finally {
          engine.close();
        }
      }),
      { numRuns: 100, seed: 20261123 },
    );
  });
});
