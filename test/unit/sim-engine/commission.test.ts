import { describe, expect, it } from 'vitest';
import { executionCommission, fixedCommission } from '../../../src/sim/engine/commission';
import { conIdOf, order, rig, stock } from './support';

describe('IBKR Pro fixed commissions', () => {
  it('charge USD 0.005 a share with a USD 1.00 minimum and a 1% of value maximum', () => {
    expect(fixedCommission(100, 100 * 200)).toBe(1); // 0.50 -> minimum
    expect(fixedCommission(1000, 1000 * 200)).toBe(5);
    expect(fixedCommission(300, 300 * 0.5)).toBe(1.5); // 1.50 per share = 1% cap exactly
    expect(fixedCommission(1000, 1000 * 0.1)).toBe(1); // 5.00 capped at 1% of $100
    expect(fixedCommission(10, 10 * 5)).toBe(0.5); // the 1% cap wins over the minimum
  });

  it('charge an order once across its partial fills', () => {
    let charged = 0;
    const parts = [300, 300, 400];
    let cum = 0;
    for (const p of parts) {
      cum += p;
      const c = executionCommission(cum, cum * 50, charged);
      charged += c;
    }
    expect(charged).toBe(fixedCommission(1000, 1000 * 50));
    expect(executionCommission(100, 100 * 50, 0)).toBe(1);
    expect(executionCommission(200, 200 * 50, 1)).toBe(0);
  });

  it('are what the commission reports of a filled order add up to', () => {
    const r = rig();
    r.engine.placeOrder(1, 1, stock('AAPL'), order('BUY', 1500, 'MKT'));
    r.clock.advance(30_000);
    expect(r.status(1)!.status).toBe('Filled');
    const total = r.fills.reduce((s, f) => s + f.commission.commission!, 0);
    expect(total).toBeCloseTo(7.5, 6);
    expect(r.fills.every((f) => f.commission.currency === 'USD')).toBe(true);
    expect(r.status(1)!.state.commission).toBeCloseTo(7.5, 6);
    expect(conIdOf(r.engine, 'AAPL')).toBe(265598);
    r.engine.close();
  });
});
