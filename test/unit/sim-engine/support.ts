import { OrderAction, type Contract, type Order, type OrderType } from '@stoqey/ib';
import { easternToMs } from '../../../src/sim/engine/eastern-time';
import { BrokerEngine, ManualClock, type EngineOptions, type FillRecord, type OpenOrderRecord } from '../../../src/sim/engine';

/** Monday 23 November 2026, Eastern wall-clock time. */
export const monday = (h: number, m = 0): number => easternToMs(2026, 11, 23, h, m);
export const saturday = (h: number, m = 0): number => easternToMs(2026, 11, 28, h, m);

export const MARGIN = 'DU1234567';
export const IRA = 'DU7654321';
export const BUSINESS = 'DU5550123';

export interface Rig {
  clock: ManualClock;
  engine: BrokerEngine;
  statuses: OpenOrderRecord[];
  fills: FillRecord[];
  /** Last status seen per order id. */
  status(orderId: number): OpenOrderRecord | undefined;
}

export function rig(startMs = monday(10), opts: Partial<EngineOptions> = {}): Rig {
  const clock = new ManualClock(startMs);
  const engine = new BrokerEngine({ seed: 7, clock, ...opts });
  const statuses: OpenOrderRecord[] = [];
  const fills: FillRecord[] = [];
  engine.on('orderStatus', (r) => statuses.push(r));
  engine.on('execution', (f) => fills.push(f));
  return {
    clock, engine, statuses, fills,
    status: (orderId) => [...statuses].reverse().find((r) => r.orderId === orderId),
  };
}

export const stock = (symbol: string): Contract => ({ symbol, secType: 'STK' as Contract['secType'], exchange: 'SMART', currency: 'USD' });

export function order(action: 'BUY' | 'SELL', qty: number, type: string, extra: Partial<Order> = {}): Order {
  return { action: action === 'BUY' ? OrderAction.BUY : OrderAction.SELL, totalQuantity: qty, orderType: type as OrderType, account: MARGIN, ...extra };
}

/**
 * Advances the clock in steps until `done` holds, failing after `limitMs` of
 * simulated time. Nothing waits on the wall clock.
 */
export function advanceUntil(clock: ManualClock, done: () => boolean, limitMs: number, stepMs = 1_000): void {
  const deadline = clock.now() + limitMs;
  while (!done()) {
    if (clock.now() >= deadline) throw new Error(`condition not reached within ${limitMs} ms of simulated time`);
    clock.advance(stepMs);
  }
}

export function conIdOf(engine: BrokerEngine, symbol: string): number {
  const d = engine.resolve(stock(symbol));
  if (!d?.contract.conId) throw new Error(`unknown ${symbol}`);
  return d.contract.conId;
}
