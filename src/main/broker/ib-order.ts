import { OrderAction, OrderType as IbOrderType, type SecType as IbSecType, type TimeInForce as IbTimeInForce, type Contract, type Order } from '@stoqey/ib';
import type { DraftContract, DraftOrder } from '../../shared/draft';

/**
 * Turns an approved draft into the exact IB contract and orders to send.
 * A bracket is three orders sent as one group: the parent and the
 * take-profit are held back (transmit=false) and the stop-loss transmits the
 * lot, so IB never sees a parent without its protection. Every order carries
 * an orderRef derived from the draft id, which is how a restart finds them.
 */

export interface IbPlacement {
  orderId: number;
  contract: Contract;
  order: Order;
  /** 'parent', 'take-profit' or 'stop-loss' */
  role: 'parent' | 'take-profit' | 'stop-loss';
}

export function orderRefFor(draftId: string, role: IbPlacement['role']): string {
  return role === 'parent' ? draftId : `${draftId}:${role === 'take-profit' ? 'tp' : 'sl'}`;
}

/** The draft id an orderRef belongs to, or undefined if it is not one of ours. */
export function draftIdFromOrderRef(orderRef: string | undefined): string | undefined {
  if (!orderRef) return undefined;
  const id = orderRef.replace(/:(tp|sl)$/, '');
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : undefined;
}

export function ibContract(contract: DraftContract): Contract {
  const ib: Contract = {
    symbol: contract.symbol,
    // IB has no ETF security type: ETFs trade as STK.
    secType: (contract.secType === 'ETF' ? 'STK' : contract.secType) as IbSecType,
    exchange: contract.exchange,
    currency: contract.currency,
  };
  if (contract.conId) ib.conId = contract.conId;
  if (contract.primaryExchange) ib.primaryExch = contract.primaryExchange;
  if (contract.expiry) ib.lastTradeDateOrContractMonth = contract.expiry;
  if (contract.strike !== undefined) ib.strike = contract.strike;
  if (contract.right) ib.right = (contract.right === 'C' ? 'C' : 'P') as Contract['right'];
  if (contract.multiplier !== undefined) ib.multiplier = contract.multiplier;
  if (contract.tradingClass) ib.tradingClass = contract.tradingClass;
  return ib;
}

const TYPE: Record<DraftOrder['orderType'], IbOrderType> = {
  MKT: IbOrderType.MKT,
  LMT: IbOrderType.LMT,
  STP: IbOrderType.STP,
  STP_LMT: IbOrderType.STP_LMT,
  TRAIL: IbOrderType.TRAIL,
};

/** Order ids needed for this draft: one, or three for a bracket. */
export function orderIdsNeeded(order: DraftOrder): number {
  return order.bracket ? 3 : 1;
}

export function ibPlacements(
  draftId: string,
  account: string,
  contract: DraftContract,
  order: DraftOrder,
  firstOrderId: number,
  options: { whatIf?: boolean } = {},
): IbPlacement[] {
  const ibc = ibContract(contract);
  const action = order.side === 'BUY' ? OrderAction.BUY : OrderAction.SELL;
  const exit = order.side === 'BUY' ? OrderAction.SELL : OrderAction.BUY;
  const base = (orderId: number, role: IbPlacement['role']): Omit<Order, 'orderType'> => ({
    orderId,
    account,
    orderRef: orderRefFor(draftId, role),
    tif: order.tif as IbTimeInForce,
    outsideRth: order.outsideRth,
    totalQuantity: order.quantity,
    ...(options.whatIf ? { whatIf: true } : {}),
  });
  const parent: Order = { ...base(firstOrderId, 'parent'), action, orderType: TYPE[order.orderType], transmit: !order.bracket || !!options.whatIf };
  if (order.limitPrice !== undefined) parent.lmtPrice = order.limitPrice;
  if (order.stopPrice !== undefined) parent.auxPrice = order.stopPrice;
  if (order.trailingAmount !== undefined) parent.auxPrice = order.trailingAmount;
  if (order.trailingPercent !== undefined) parent.trailingPercent = order.trailingPercent;
  const placements: IbPlacement[] = [{ orderId: firstOrderId, contract: ibc, order: parent, role: 'parent' }];
  // A what-if is asked for the entry only: IB prices the margin of the parent.
  if (!order.bracket || options.whatIf) return placements;
  const takeProfit: Order = {
    ...base(firstOrderId + 1, 'take-profit'),
    action: exit,
    orderType: IbOrderType.LMT,
    lmtPrice: order.bracket.takeProfitPrice,
    parentId: firstOrderId,
    transmit: false,
    // The children outlive the day of the entry unless the entry is IOC.
    tif: (order.tif === 'IOC' ? 'DAY' : 'GTC') as IbTimeInForce,
  };
  const stopLoss: Order = {
    ...base(firstOrderId + 2, 'stop-loss'),
    action: exit,
    orderType: IbOrderType.STP,
    auxPrice: order.bracket.stopLossPrice,
    parentId: firstOrderId,
    transmit: true,
    tif: (order.tif === 'IOC' ? 'DAY' : 'GTC') as IbTimeInForce,
  };
  placements.push(
    { orderId: firstOrderId + 1, contract: ibc, order: takeProfit, role: 'take-profit' },
    { orderId: firstOrderId + 2, contract: ibc, order: stopLoss, role: 'stop-loss' },
  );
  return placements;
}
