import type { SimGateway } from '../../../src/sim/index';

/** One real (not what-if) order as the simulated gateway received it. */
export interface OrderReceipt {
  clientId: number;
  orderId: number;
  orderRef: string;
  /** Ms at receipt on the clock the backend is given, so comparable with audit rows' `at`. */
  receivedAtMs: number;
  /** Whether trading was halted (durably, by the person) when the order arrived. */
  whileHalted: boolean;
}

/** What the broker booked for an order: compared with what the person approved. */
export interface BookedOrder {
  action: string;
  quantity: number;
  orderType: string;
  limitPrice: number | undefined;
  orderRef: string;
}

/**
 * Everything the simulated gateway was sent, recorded at the moment it
 * arrived; the invariants are judged against this record, never against
 * what the backend believes it sent.
 */
export class OrderReceipts {
  readonly received: OrderReceipt[] = [];
  readonly booked = new Map<string, BookedOrder>();
  halted = false;
  /** Client ids of other API clients on the gateway: their orders are theirs, not ours to judge. */
  readonly foreignClientIds = new Set<number>();
  private readonly unsubscribers: (() => void)[];

  constructor(sim: SimGateway, now: () => number) {
    this.unsubscribers = [
      sim.on('placeOrder', (event) => {
        if (event.whatIf || this.foreignClientIds.has(event.clientId)) return;
        this.received.push({
          clientId: event.clientId,
          orderId: event.orderId,
          orderRef: event.orderRef,
          receivedAtMs: now(),
          whileHalted: this.halted,
        });
      }),
      sim.engine.on('orderStatus', (record) => {
        const key = orderKey(record.clientId, record.orderId);
        if (this.booked.has(key) || record.order.whatIf || this.foreignClientIds.has(record.clientId)) return;
        this.booked.set(key, {
          action: String(record.order.action),
          quantity: Number(record.order.totalQuantity),
          orderType: String(record.order.orderType),
          limitPrice: record.order.lmtPrice,
          orderRef: record.order.orderRef ?? '',
        });
      }),
    ];
  }

  receivedFor(orderRef: string): OrderReceipt[] {
    return this.received.filter((r) => r.orderRef === orderRef);
  }

  close(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }
}

export function orderKey(clientId: number, orderId: number): string {
  return `${clientId}:${orderId}`;
}
