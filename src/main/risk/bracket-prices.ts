import type { Draft } from '../../shared/draft';
import type { RiskCheck, RiskContext } from './context';
import { referencePrice } from './exposure';
import { verdictsFor } from './verdict';
import { price } from './words';

const v = verdictsFor('bracket-prices', 'Take-profit and stop-loss');

/**
 * Where the entry of a bracket will most likely fill, from the quote and the
 * entry's own prices: a market entry trades at the quote; a buy limit above
 * the ask fills at the ask; a buy stop below the ask triggers at once, at
 * the ask. Mirrored for a sell.
 */
function likelyEntry(ctx: RiskContext, draft: Draft): { price: number; words: string } | null {
  const { order } = draft;
  const market = referencePrice(ctx.quote, order.side);
  if (market === null) return null;
  const buy = order.side === 'BUY';
  const better = (a: number, b: number): number => (buy ? Math.min(a, b) : Math.max(a, b));
  const worse = (a: number, b: number): number => (buy ? Math.max(a, b) : Math.min(a, b));
  const marketWords = `the ${market.source} ${price(market.price)}`;
  switch (order.orderType) {
    case 'MKT':
      return { price: market.price, words: `a market entry at ${marketWords}` };
    case 'LMT': {
      const limit = order.limitPrice ?? market.price;
      const at = better(limit, market.price);
      return { price: at, words: at === limit ? `the entry limit ${price(limit)}` : `a marketable entry limit, which fills at ${marketWords}` };
    }
    case 'STP':
    case 'STP_LMT': {
      const stop = order.stopPrice ?? market.price;
      const triggered = worse(stop, market.price);
      const at = order.limitPrice === undefined ? triggered : better(order.limitPrice, triggered);
      return { price: at, words: at === stop ? `the entry stop ${price(stop)}` : `an entry that trades near ${price(at)} (${marketWords})` };
    }
    case 'TRAIL':
      return { price: market.price, words: `a trailing entry near ${marketWords}` };
  }
}

/**
 * A bracket's children must sit on their own side of where the entry fills:
 * for a buy, the stop-loss below and the take-profit above; for a sell the
 * reverse. A stop-loss on the wrong side triggers the moment the entry fills
 * (bought and sold back at once); a take-profit on the wrong side closes the
 * position at once at a loss. The entry's own limit is checked by the schema;
 * this check adds the market, which is what a market or marketable entry
 * trades at.
 */
export const bracketPrices: RiskCheck = (ctx, draft) => {
  const bracket = draft.order.bracket;
  if (bracket === undefined) return v.pass('No take-profit or stop-loss on this order.');
  const entry = likelyEntry(ctx, draft);
  if (entry === null) return v.block(`There is no ${draft.contract.symbol} price to check the take-profit and stop-loss against.`);
  const { takeProfitPrice: tp, stopLossPrice: sl } = bracket;
  const buy = draft.order.side === 'BUY';
  const problems: string[] = [];
  if (buy ? sl >= entry.price : sl <= entry.price) {
    problems.push(`The stop-loss ${price(sl)} is ${buy ? 'above' : 'below'} ${entry.words}: it would close the position as soon as it opens.`);
  }
  if (buy ? tp <= entry.price : tp >= entry.price) {
    problems.push(`The take-profit ${price(tp)} is ${buy ? 'below' : 'above'} ${entry.words}: it would close the position at once, at a loss.`);
  }
  if (problems.length > 0) return v.block(problems.join(' '));
  return v.pass(`Stop-loss ${price(sl)} ${buy ? 'below' : 'above'} and take-profit ${price(tp)} ${buy ? 'above' : 'below'} ${entry.words}.`);
};
