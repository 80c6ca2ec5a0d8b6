import type { ExecutionView, OpenOrderView } from '../../../shared/portfolio';
import { formatMoney, formatQuantity } from '../../../shared/format-numbers';

export function OpenOrdersTable({ orders }: { orders: OpenOrderView[] }) {
  if (orders.length === 0) return <p className="empty">No open orders.</p>;
  return (
    <table className="orders-table" aria-label="Open orders" data-testid="open-orders">
      <thead>
        <tr>
          <th scope="col">Symbol</th>
          <th scope="col">Side</th>
          <th scope="col" className="num">Qty</th>
          <th scope="col">Type</th>
          <th scope="col" className="num">Limit</th>
          <th scope="col" className="num">Stop</th>
          <th scope="col">TIF</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">Filled</th>
          <th scope="col">Account</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={`${order.clientId}:${order.orderId}:${order.permId}`}>
            <th scope="row">{order.symbol}</th>
            <td className={order.action === 'BUY' ? 'side-buy' : 'side-sell'}>{order.action}</td>
            <td className="num">{formatQuantity(order.quantity)}</td>
            <td>{order.orderType}</td>
            <td className="num">{formatMoney(order.limitPrice)}</td>
            <td className="num">{formatMoney(order.stopPrice)}</td>
            <td>{order.tif}</td>
            <td>{order.status}</td>
            <td className="num">{formatQuantity(order.filled)}</td>
            <td>{order.account}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ExecutionsTable({ executions }: { executions: ExecutionView[] }) {
  if (executions.length === 0) return <p className="empty">No executions today.</p>;
  return (
    <table className="orders-table" aria-label="Executions today" data-testid="executions">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Symbol</th>
          <th scope="col">Side</th>
          <th scope="col" className="num">Qty</th>
          <th scope="col" className="num">Price</th>
          <th scope="col" className="num">Commission</th>
          <th scope="col">Account</th>
        </tr>
      </thead>
      <tbody>
        {[...executions].reverse().map((execution) => (
          <tr key={execution.execId}>
            <td>{execution.time}</td>
            <th scope="row">{execution.symbol}</th>
            <td className={execution.side === 'BOT' ? 'side-buy' : 'side-sell'}>{execution.side === 'BOT' ? 'BUY' : 'SELL'}</td>
            <td className="num">{formatQuantity(execution.shares)}</td>
            <td className="num">{formatMoney(execution.price)}</td>
            <td className="num">{formatMoney(execution.commission)}</td>
            <td>{execution.account}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
