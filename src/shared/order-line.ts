import type { Draft } from './draft';
import { formatMoney, formatQuantity } from './format-numbers';

const TYPE_LABEL: Record<Draft['order']['orderType'], string> = { MKT: 'MKT', LMT: 'LMT', STP: 'STP', STP_LMT: 'STP LMT', TRAIL: 'TRAIL' };

/** What the line needs: a draft, or an order ticket as the person is typing it. */
export interface OrderLineSource {
  order: Pick<Draft['order'], 'side' | 'quantity' | 'orderType' | 'stopPrice' | 'limitPrice' | 'trailingAmount' | 'trailingPercent' | 'tif' | 'outsideRth' | 'bracket'>;
  contract: Pick<Draft['contract'], 'symbol'>;
}

/** "BUY 10 AAPL LMT 190.00 DAY": the order in one line, as a trader reads it. */
export function orderLine(draft: OrderLineSource): string {
  const { order, contract } = draft;
  const parts = [order.side, formatQuantity(order.quantity), contract.symbol, TYPE_LABEL[order.orderType]];
  if (order.stopPrice !== undefined) parts.push(`stop ${formatMoney(order.stopPrice)}`);
  if (order.limitPrice !== undefined) parts.push(order.orderType === 'STP_LMT' ? `limit ${formatMoney(order.limitPrice)}` : formatMoney(order.limitPrice));
  if (order.trailingAmount !== undefined) parts.push(`by ${formatMoney(order.trailingAmount)}`);
  if (order.trailingPercent !== undefined) parts.push(`by ${order.trailingPercent}%`);
  parts.push(order.tif);
  if (order.outsideRth) parts.push('outside RTH');
  if (order.bracket) parts.push(`· TP ${formatMoney(order.bracket.takeProfitPrice)} / SL ${formatMoney(order.bracket.stopLossPrice)}`);
  return parts.join(' ');
}
