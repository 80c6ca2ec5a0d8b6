import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/main/store/open-store';
import { highestOrderId, OrderIdError, reserveOrderId } from '../../../src/main/store/order-id-ledger';
import { tempDir } from './support';

const stores: Store[] = [];
function open(dir: string): Store {
  const s = openStore(dir);
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) if (s.db.open) s.close();
});

describe('order id ledger', () => {
  it('uses IB’s next valid id when it is ahead, and counts up from the highest used otherwise', () => {
    const { db } = open(tempDir());
    expect(highestOrderId(db)).toBeNull();
    expect(reserveOrderId(db, 100, 1)).toBe(100);
    expect(reserveOrderId(db, 100, 2)).toBe(101);
    expect(reserveOrderId(db, 500, 3)).toBe(500);
    expect(reserveOrderId(db, 1, 4)).toBe(501);
  });

  it('never goes backwards across a restart, even when the gateway restarts with a lower id', () => {
    const dir = tempDir();
    const first = open(dir);
    reserveOrderId(first.db, 1000, 1, 'draft-a');
    reserveOrderId(first.db, 1000, 2, 'draft-b');
    first.close();
    const second = open(dir);
    expect(highestOrderId(second.db)).toBe(1001);
    expect(reserveOrderId(second.db, 1, 3)).toBe(1002);
  });

  it('rolls back with the caller’s transaction, so an approval that fails leaves no gap in the record', () => {
    const { db } = open(tempDir());
    reserveOrderId(db, 10, 1);
    expect(() =>
      db.transaction(() => {
        reserveOrderId(db, 10, 2);
        throw new Error('approval write failed');
      })(),
    ).toThrow('approval write failed');
    expect(highestOrderId(db)).toBe(10);
  });

  it('refuses a nonsense id from the broker', () => {
    const { db } = open(tempDir());
    expect(() => reserveOrderId(db, -1, 1)).toThrow(OrderIdError);
    expect(() => reserveOrderId(db, Number.NaN, 1)).toThrow(OrderIdError);
  });
});
