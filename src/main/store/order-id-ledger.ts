import { prepared, type Db } from './database';

export class OrderIdError extends Error {
  override readonly name = 'OrderIdError';
}

/** The highest order id ever reserved in this data directory, or null. */
export function highestOrderId(db: Db): number | null {
  const row = prepared(db, 'SELECT MAX(order_id) AS id FROM order_ids').get() as { id: number | null };
  return row.id;
}

/** The draft an order id was reserved for: a bracket's take-profit and stop-loss ids lead back to it too. */
export function draftIdForOrderId(db: Db, orderId: number): string | null {
  const row = prepared(db, 'SELECT draft_id FROM order_ids WHERE order_id = ?').get(orderId) as { draft_id: string | null } | undefined;
  return row?.draft_id ?? null;
}

/**
 * Reserve the next order id: the larger of IB's nextValidId and one above the
 * highest id we ever used, so ids never go backwards even when the gateway
 * restarts with a lower counter. The row is committed (synchronous=FULL)
 * before the id is returned; joined into the caller's transaction when there
 * is one, so an approval and its id commit together.
 */
export function reserveOrderId(db: Db, brokerNextValidId: number, at: number, draftId?: string): number {
  if (!Number.isSafeInteger(brokerNextValidId) || brokerNextValidId < 0) {
    throw new OrderIdError(`IB sent an unusable next order id (${brokerNextValidId}).`);
  }
  return db.transaction((): number => {
    const highest = highestOrderId(db);
    const id = Math.max(brokerNextValidId, highest === null ? 0 : highest + 1);
    if (!Number.isSafeInteger(id) || id > 2_147_483_647) {
      throw new OrderIdError('Order ids are exhausted for this account; reset the API order id sequence in TWS/Gateway.');
    }
    prepared(db, 'INSERT INTO order_ids (order_id, reserved_at, broker_next_valid_id, draft_id) VALUES (?, ?, ?, ?)').run(
      id,
      at,
      brokerNextValidId,
      draftId ?? null,
    );
    return id;
  }).immediate();
}
