// Orders for one session: placement, cancels, open-order and execution
// queries, and the live acknowledgements the engine produces. A client sees
// its own orders; client id 0 sees every order, as at TWS.
import type { FillRecord, OpenOrderRecord } from './engine';
import type { SessionContext } from './session';
import type { ClientRequest } from './wire/incoming';
import { commissionReport, executionData, executionDataEnd } from './wire/outgoing/executions';
import { completedOrder, completedOrdersEnd, openOrder, openOrderEnd, orderStatus } from './wire/outgoing/orders';
import { barTime } from './engine/eastern-time';
import { errorMessage } from './wire/outgoing/session';
import { SimCode } from './wire/ib-codes';

type OrderRequest = Extract<ClientRequest, { kind: 'placeOrder' | 'cancelOrder' | 'reqGlobalCancel' | 'reqOpenOrders' | 'reqAllOpenOrders' | 'reqAutoOpenOrders' | 'reqExecutions' | 'reqCompletedOrders' }>;

const FINAL = new Set(['Filled', 'Cancelled', 'Inactive']);

export function orderMessages(v: number, rec: OpenOrderRecord): string[][] {
  const order = { ...rec.order, orderId: rec.orderId, clientId: rec.clientId, permId: rec.permId };
  const state = { ...rec.state, status: rec.status as typeof rec.state.status };
  return [
    // The client pairs status with order by permId, so the open order must come first with the same permId.
    openOrder(v, rec.orderId, rec.contract, order, state),
    orderStatus(v, {
      orderId: rec.orderId, status: rec.status, filled: rec.filled, remaining: rec.remaining,
      avgFillPrice: rec.avgFillPrice, permId: rec.permId, parentId: rec.order.parentId ?? 0,
      lastFillPrice: rec.lastFillPrice, clientId: rec.clientId, whyHeld: '', mktCapPrice: 0,
    }),
  ];
}

export function fillMessages(v: number, reqId: number, fill: FillRecord): string[][] {
  return [executionData(v, reqId, fill.contract, fill.execution), commissionReport(fill.commission)];
}

/** The reason TWS shows for a finished order. */
function completedStatus(rec: OpenOrderRecord): string {
  if (rec.status === 'Filled') return `Filled Size: ${rec.filled}`;
  if (rec.status === 'Cancelled') return rec.reason ? `Cancelled: ${rec.reason}` : 'Cancelled by Trader';
  return rec.reason || 'Inactive';
}

export class OrderFlow {
  private readonly unsubscribers: (() => void)[] = [];
  private readonly cancelAnnounced = new Set<number>();
  private readonly finished = new Set<number>();

  constructor(private readonly s: SessionContext) {
    this.unsubscribers.push(
      s.engine.on('orderStatus', (rec: OpenOrderRecord) => this.onOrder(rec)),
      s.engine.on('execution', (fill: FillRecord) => this.onFill(fill)),
    );
  }

  close(): void {
    for (const u of this.unsubscribers) u();
  }

  handle(req: OrderRequest): void {
    const s = this.s;
    switch (req.kind) {
      case 'placeOrder': {
        s.host.emitPlaceOrder({
          clientId: s.clientId, orderId: req.orderId, orderRef: req.order.orderRef ?? '',
          whatIf: req.order.whatIf === true, receivedAt: performance.now(),
        });
        s.host.noteOrderId(s.clientId, req.orderId);
        const result = s.engine.placeOrder(s.clientId, req.orderId, req.contract, req.order);
        if (result.kind === 'whatIf') {
          const order = { ...result.order, orderId: req.orderId, clientId: s.clientId, whatIf: true };
          const answers = [openOrder(s.version, req.orderId, result.contract, order, result.state)];
          if (s.faults.incompleteWhatIf) {
            const pending = { ...result.state, commission: undefined, minCommission: undefined, maxCommission: undefined, commissionCurrency: '' };
            answers.unshift(openOrder(s.version, req.orderId, result.contract, order, pending));
          }
          s.sendAck(answers);
        } else if (result.kind === 'rejected') {
          const text = result.code === 201 ? `Order rejected - reason:${result.reason}` : result.reason;
          s.sendAck([errorMessage(s.version, req.orderId, result.code, text)]);
        }
        return;
      }
      case 'cancelOrder': {
        const known = s.engine.openOrders(s.clientId === 0 ? 'all' : s.clientId).some((r) => r.orderId === req.orderId);
        if (!known || !s.engine.cancelOrder(req.orderId, s.clientId)) {
          s.error(req.orderId, SimCode.CANCEL_TARGET_NOT_FOUND, `OrderId ${req.orderId} that needs to be cancelled is not found.`);
        }
        return;
      }
      case 'reqGlobalCancel':
        s.engine.cancelAll();
        return;
      case 'reqOpenOrders':
        return this.sendOpenOrders(s.clientId === 0 ? 'all' : s.clientId);
      case 'reqAllOpenOrders':
        return this.sendOpenOrders('all');
      case 'reqAutoOpenOrders':
        if (s.clientId !== 0) {
          s.error(-1, SimCode.REQUEST_INVALID, "Error validating request.-'bJ' : cause - Auto binding of orders is only allowed for client id 0");
          return;
        }
        if (req.autoBind) this.sendOpenOrders('all');
        return;
      case 'reqCompletedOrders': {
        // Orders of every client of this login reached a final state; apiOnly drops those placed outside the API,
        // and every simulated order came through the API.
        const done = s.engine.completedOrders('all');
        s.sendAck([...done.map((rec) => completedOrder(s.version, rec.contract, { ...rec.order, permId: rec.permId }, { ...rec.state, status: rec.status as typeof rec.state.status }, {
          completedTime: barTime(rec.completedAt), completedStatus: completedStatus(rec), filledQuantity: rec.filled,
        })), completedOrdersEnd()]);
        return;
      }
      case 'reqExecutions': {
        const f = req.filter;
        // Only the master client (0) may look at other clients' fills.
        const clientId = s.clientId === 0 ? f.clientId : s.clientId;
        const fills = s.engine.executions({
          ...(clientId !== undefined && clientId !== 0 ? { clientId } : {}),
          ...(f.account ? { account: f.account } : {}), ...(f.symbol ? { symbol: f.symbol } : {}),
          ...(f.secType ? { secType: f.secType } : {}), ...(f.side ? { side: f.side } : {}), ...(f.time ? { time: f.time } : {}),
        });
        // Sent through the ack path so a reconcile query never overtakes an ack still held back.
        s.sendAck([...fills.flatMap((fill) => fillMessages(s.version, req.reqId, fill)), executionDataEnd(req.reqId)]);
        return;
      }
    }
  }

  private sendOpenOrders(which: number | 'all'): void {
    const recs = this.s.engine.openOrders(which);
    this.s.sendAck([...recs.flatMap((rec) => orderMessages(this.s.version, rec)), openOrderEnd()]);
  }

  private mine(clientId: number): boolean {
    return this.s.clientId === 0 || clientId === this.s.clientId;
  }

  private onOrder(rec: OpenOrderRecord): void {
    if (!this.mine(rec.clientId)) return;
    // TWS never reports an order leaving Filled/Cancelled/Inactive. An engine event that arrives
    // out of order must not resurrect it on the client as a working order.
    if (this.finished.has(rec.orderId) && !FINAL.has(rec.status)) {
      this.s.host.log?.(`order ${rec.orderId}: ${rec.status} after a final status not forwarded`);
      return;
    }
    if (FINAL.has(rec.status)) this.finished.add(rec.orderId);
    const messages = orderMessages(this.s.version, rec);
    if (rec.status === 'Cancelled' && !this.cancelAnnounced.has(rec.orderId)) {
      this.cancelAnnounced.add(rec.orderId);
      if (rec.clientId === this.s.clientId) messages.push(errorMessage(this.s.version, rec.orderId, SimCode.ORDER_CANCELLED, `Order Canceled - reason:${rec.reason}`));
    }
    this.s.sendAck(messages);
  }

  private onFill(fill: FillRecord): void {
    if (!this.mine(fill.execution.clientId ?? -1)) return;
    this.s.sendAck(fillMessages(this.s.version, -1, fill));
  }
}
