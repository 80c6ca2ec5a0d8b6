import type { RiskCheck } from './context';
import { referencePrice } from './exposure';
import { verdictsFor } from './verdict';
import { pct, price } from './words';

const v = verdictsFor('price-collar', 'Price collar');

export const priceCollar: RiskCheck = (ctx, draft) => {
  const { order, contract } = draft;
  const ref = referencePrice(ctx.quote, order.side);
  if (ref === null) return v.block(`There is no ${contract.symbol} price to compare this order with.`);
  const refWords = `the ${ref.source} ${price(ref.price)}`;

  // These trade at whatever the market gives once they trigger: without a
  // live price there is no way to know what that is.
  if (order.orderType === 'MKT' || order.orderType === 'TRAIL') {
    const kind = order.orderType === 'MKT' ? 'A market order' : 'A trailing stop';
    if (ctx.quote?.delayed === true) return v.block(`${kind} needs a live quote; ${contract.symbol} prices are delayed.`);
    return v.pass(`${kind}; ${refWords}.`);
  }

  const collar = ctx.limits.collarPct;
  const prices: [string, number][] = [];
  if (order.limitPrice !== undefined) prices.push(['Limit', order.limitPrice]);
  if (order.stopPrice !== undefined) prices.push(['Stop', order.stopPrice]);
  let widest: { name: string; value: number; distance: number } | null = null;
  for (const [name, value] of prices) {
    const distance = (Math.abs(value - ref.price) / ref.price) * 100;
    if (widest === null || distance > widest.distance) widest = { name, value, distance };
  }
  if (widest === null) return v.block('This order has no price to check.');
  const direction = widest.value >= ref.price ? 'above' : 'below';
  if (widest.distance > collar) {
    return v.block(
      `${widest.name} ${price(widest.value)} is ${pct(widest.distance)} ${direction} ${refWords}; the collar is ${pct(collar)}.`,
    );
  }
  if (order.stopPrice !== undefined) {
    const triggersNow = order.side === 'BUY' ? order.stopPrice <= ref.price : order.stopPrice >= ref.price;
    if (triggersNow) {
      return v.warn(
        `Stop ${price(order.stopPrice)} is already ${order.side === 'BUY' ? 'at or below' : 'at or above'} ${refWords}: it triggers at once.`,
      );
    }
  }
  return v.pass(`${widest.name} ${price(widest.value)} is ${pct(widest.distance)} ${direction} ${refWords}, within the ${pct(collar)} collar.`);
};
