import { describe, expect, it } from 'vitest';
import { bookFill, cashIn, figures, holdingDaily, type Account, type Marks } from '../../../src/sim/engine/accounts';

const ID = 1;
const account = (kind: Account['kind'] = 'margin'): Account => ({ id: 'DUTEST', kind, accountType: kind === 'cash' ? 'IRA' : 'INDIVIDUAL', base: 'USD', ledger: new Map([['USD', 100_000]]), holdings: new Map(), prevDayEwl: 100_000 });
const marks = (last: number, close = last): Marks => ({ last: () => last, close: () => close });

describe('booking fills', () => {
  it('carries commission in the average cost, as IB shows it', () => {
    const a = account();
    expect(bookFill(a, ID, 100, 10, 1)).toBeUndefined();
    expect(a.holdings.get(ID)!.avgCost).toBeCloseTo(10.01, 10);
    bookFill(a, ID, 100, 12, 1);
    expect(a.holdings.get(ID)!.avgCost).toBeCloseTo(11.01, 10);
    expect(cashIn(a, 'USD')).toBeCloseTo(100_000 - 1000 - 1 - 1200 - 1, 6);
  });

  it('realizes P&L net of commission when reducing, and keeps the cost of the rest', () => {
    const a = account();
    bookFill(a, ID, 100, 10, 1);
    const realized = bookFill(a, ID, -40, 11, 1)!;
    expect(realized).toBeCloseTo((11 - 10.01) * 40 - 1, 10);
    expect(a.holdings.get(ID)).toMatchObject({ qty: 60 });
    expect(a.holdings.get(ID)!.avgCost).toBeCloseTo(10.01, 10);
  });

  it('goes short with a positive average cost net of commission, and realizes on the cover', () => {
    const a = account();
    bookFill(a, ID, -100, 10, 1);
    expect(a.holdings.get(ID)!.qty).toBe(-100);
    expect(a.holdings.get(ID)!.avgCost).toBeCloseTo(9.99, 10);
    const f = figures(a, marks(9));
    expect(f.stockValue).toBeCloseTo(-900, 6);
    expect(f.netLiq).toBeCloseTo(100_000 + 1000 - 1 - 900, 6);
    expect(f.maint).toBeCloseTo(900 * 0.3, 6);
    const realized = bookFill(a, ID, 100, 9, 1)!;
    expect(realized).toBeCloseTo((9.99 - 9) * 100 - 1, 10);
    expect(a.holdings.get(ID)!.qty).toBe(0);
  });

  it('flips through zero: realizes the closed part and opens the rest at the fill price', () => {
    const a = account();
    bookFill(a, ID, 100, 10, 0);
    const realized = bookFill(a, ID, -150, 12, 1.5)!;
    expect(realized).toBeCloseTo(2 * 100 - 1, 10);
    expect(a.holdings.get(ID)!.qty).toBe(-50);
    expect(a.holdings.get(ID)!.avgCost).toBeCloseTo(12 - 0.5 / 50, 10);
  });

  it("computes today's P&L from the previous close, the day's trades and their commission", () => {
    const a = account();
    a.holdings.set(ID, { conId: ID, qty: 100, avgCost: 8, realized: 0, dayStartQty: 100, dayCashFlow: 0, dayCommission: 0, dayRealized: 0 });
    const m = marks(11, 10);
    expect(holdingDaily(a.holdings.get(ID)!, m)).toBeCloseTo(100, 10);
    // Buy 50 more at 10.5 with $1 commission: those gain 0.5 each by the mark at 11.
    bookFill(a, ID, 50, 10.5, 1);
    expect(holdingDaily(a.holdings.get(ID)!, m)).toBeCloseTo(100 + 25 - 1, 10);
    expect(figures(a, m).daily).toBeCloseTo(124, 10);
  });

  it('holds a cash account to 100% of its positions, so its buying power is its cash', () => {
    const a = account('cash');
    bookFill(a, ID, 1000, 50, 5);
    const f = figures(a, marks(50));
    expect(f.init).toBeCloseTo(50_000, 6);
    expect(f.available).toBeCloseTo(cashIn(a, 'USD'), 6);
    expect(f.buyingPower).toBeCloseTo(cashIn(a, 'USD'), 6);
  });
});
