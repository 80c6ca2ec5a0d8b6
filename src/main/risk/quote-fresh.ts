import type { RiskCheck } from './context';
import { verdictsFor } from './verdict';

const v = verdictsFor('quote-fresh', 'Quote');

export const quoteFresh: RiskCheck = (ctx, draft) => {
  const symbol = draft.contract.symbol;
  const q = ctx.quote;
  if (q === null) return v.block(`There is no quote for ${symbol}, so the order cannot be checked against the market.`);
  // An option's quote carries its local symbol (QQQ   261225C00520000), never the underlying's the draft names:
  // where both contracts are known, the contract ids are what must agree.
  const byId = q.conId !== undefined && q.conId > 0 && draft.contract.conId !== undefined;
  if (byId && q.conId !== draft.contract.conId) return v.block(`The quote at hand is for IB contract ${q.conId}, not ${draft.contract.conId}; the order cannot be checked.`);
  if (!byId && q.symbol !== undefined && q.symbol !== symbol) return v.block(`The quote at hand is for ${q.symbol}, not ${symbol}; the order cannot be checked.`);
  const hasPrice = [q.bid, q.ask, q.last].some((n) => n !== null && Number.isFinite(n) && n > 0);
  if (!hasPrice) return v.block(`The ${symbol} quote has no bid, ask or last price.`);
  const ageMs = q.ageMs ?? ctx.now - q.at;
  // A tick from the future means the clocks disagree: its age is unknown, so it is not trusted.
  if (ageMs < 0) return v.block(`The ${symbol} quote is time-stamped in the future (the clock moved); it is not trusted until a new tick arrives.`);
  const seconds = Math.round(ageMs / 1000);
  if (ageMs > ctx.limits.quoteMaxAgeMs) {
    return v.block(
      `The newest ${symbol} quote is ${seconds} s old; quotes older than ${Math.round(ctx.limits.quoteMaxAgeMs / 1000)} s are not trusted.`,
    );
  }
  if (q.delayed) return v.warn(`${symbol} prices are delayed (about 15 minutes), not live.`);
  return v.pass(`Live ${symbol} quote, ${seconds} s old.`);
};
