import { EventName, IBApi, type OrderAction, OrderType, SecType, type Contract, type Order } from '@stoqey/ib';
import { waitFor } from '../../support/wait';

/**
 * Another TWS API client on the same gateway (a second app, or TWS itself as
 * client 0): it has its own order-id space, so its ids can equal ours.
 */
export class SecondClient {
  readonly api: IBApi;
  readonly statuses: { orderId: number; status: string; filled: number }[] = [];
  readonly errors: { id: number; code: number }[] = [];

  private constructor(api: IBApi) {
    this.api = api;
    api.on(EventName.error, (_error: Error, code: number, id: number) => {
      this.errors.push({ id: Number(id), code: Number(code) });
    });
    api.on(EventName.orderStatus, (orderId: number, status: string, filled: number) => {
      this.statuses.push({ orderId, status: String(status), filled: Number(filled) });
    });
  }

  static async connect(host: string, port: number, clientId: number): Promise<SecondClient> {
    const api = new IBApi({ host, port, clientId });
    const client = new SecondClient(api);
    let ready = false;
    api.once(EventName.nextValidId, () => {
      ready = true;
    });
    api.connect();
    await waitFor(() => ready, `client ${clientId} to connect`);
    return client;
  }

  place(orderId: number, symbol: string, order: Partial<Order> & { action: OrderAction; totalQuantity: number }): void {
    const contract: Contract = { symbol, secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
    this.api.placeOrder(orderId, contract, { orderType: OrderType.MKT, tif: 'DAY' as Order['tif'], transmit: true, ...order });
  }

  /** Whether the gateway has answered this order at all (a status or an error). */
  answered(orderId: number): boolean {
    return this.statuses.some((s) => s.orderId === orderId) || this.errors.some((e) => e.id === orderId);
  }

  statusOf(orderId: number): string | undefined {
    return [...this.statuses].reverse().find((s) => s.orderId === orderId)?.status;
  }

  close(): void {
    if (this.api.isConnected) this.api.disconnect();
  }
}
