import type { Draft, DraftFigures } from '../../shared/draft';
import type { DraftFact, DraftFactKind } from '../../shared/draft-facts';
import type { RiskContext } from '../risk/context';
import { multiplier, orderNotional, positionChange, priceMagnifier, referencePrice, valuationPrice } from '../risk/exposure';
import { money, pct, price, qty } from '../risk/words';
import type { OrderHabits } from './order-habits';

/** Fewer approved orders than this say nothing about a habit. */
export const MIN_HABIT_ORDERS = 3;
/** An order this many times the usual size (or this fraction of it) stands out. */
const SIZE_RATIO_STANDS_OUT = 2;
const SIZE_FRACTION_STANDS_OUT = 0.25;
/** A move of this many points of net liquidation in one position stands out. */
const CONCENTRATION_POINTS_STANDS_OUT = 5;

/**
 * The facts a reviewer should weigh beyond the checks' verdicts, on the same
 * inputs the checks just used: the order's size against the person's own
 * typical order in this account, the change in concentration, whether it
 * adds to or goes against what is held, how far its price is from the quote
 * and how old that quote is (on the monotonic clock). The ones that stand
 * out come first. A figure that cannot be computed says why, never a guess.
 */
export function draftFacts(ctx: RiskContext, draft: Draft, figures: DraftFigures, habits: OrderHabits): DraftFact[] {
  const facts = [sizeFact(ctx, draft, habits), concentrationFact(ctx, draft, figures), positionFact(ctx, draft), distanceFact(ctx, draft), quoteAgeFact(ctx, draft)];
  return [...facts.filter((f) => f.standsOut), ...facts.filter((f) => !f.standsOut)];
}

const labels: Record<DraftFactKind, string> = {
  size: 'Size',
  concentration: 'Concentration',
  position: 'Position',
  'quote-distance': 'From quote',
  'quote-age': 'Quote age',
};

function fact(kind: DraftFactKind, text: string, standsOut = false): DraftFact {
  return { kind, label: labels[kind], text, standsOut, known: true };
}

function unknown(kind: DraftFactKind, why: string): DraftFact {
  return { kind, label: labels[kind], text: why, standsOut: false, known: false };
}

/**
 * The order against the person's usual size, both in the contract's currency:
 * habits are kept per currency (amounts in different currencies do not
 * compare), so a yen order is read against yen orders whatever the account's
 * base. The base amount is given beside it, named as such, for the limits
 * that are in base.
 */
function sizeFact(ctx: RiskContext, draft: Draft, habits: OrderHabits): DraftFact {
  const currency = draft.contract.currency;
  const unit = valuationPrice(ctx, draft);
  const mult = multiplier(draft);
  if (unit === null || mult === null) {
    const why = mult === null ? 'IB gave no contract multiplier' : priceMagnifier(draft) === null ? 'IB gave no price magnifier' : `there is no ${draft.contract.symbol} price`;
    return unknown('size', `Not compared with your usual size: the order cannot be valued (${why}).`);
  }
  const notional = draft.order.quantity * unit * mult;
  const amount = `${money(notional, currency)}${inBase(ctx, draft)}`;
  if (habits.orders < MIN_HABIT_ORDERS || habits.medianNotional === null || habits.medianNotional <= 0) {
    const approved = habits.orders === 0 ? 'no approved orders' : `only ${habits.orders} approved order${habits.orders === 1 ? '' : 's'}`;
    return unknown('size', `${amount}; not compared with your usual size: ${approved} in ${currency} in ${draft.account} so far (${MIN_HABIT_ORDERS} needed).`);
  }
  const ratio = notional / habits.medianNotional;
  const times = ratio >= 1 ? `${Number(ratio.toFixed(1))}× your typical order` : `${pct(ratio * 100)} of your typical order`;
  const text = `${amount}, ${times} in ${draft.account} (median ${money(habits.medianNotional, habits.currency)} of your last ${habits.orders} approved).`;
  return fact('size', text, ratio >= SIZE_RATIO_STANDS_OUT || ratio <= SIZE_FRACTION_STANDS_OUT);
}

/** " (186,595.00 USD)" when the contract's currency is not the account's base; nothing when it is. */
function inBase(ctx: RiskContext, draft: Draft): string {
  const base = ctx.account?.baseCurrency;
  if (base === undefined || base === draft.contract.currency) return '';
  const value = orderNotional(ctx, draft);
  return value === null ? ` (in ${base} not known: IB has given no ${draft.contract.currency} rate)` : ` (${money(value, base)})`;
}

function concentrationFact(ctx: RiskContext, draft: Draft, figures: DraftFigures): DraftFact {
  const symbol = draft.contract.symbol;
  if (ctx.account === null) return unknown('concentration', `Not known: IB has not reported ${draft.account} yet.`);
  const netLiq = ctx.account.netLiquidation;
  if (netLiq === null || netLiq <= 0) return unknown('concentration', 'Not known: IB has not reported the account’s net liquidation.');
  if (figures.weightBefore === null || figures.weightAfter === null) return unknown('concentration', `Not known: there is no ${symbol} price to value the position with.`);
  const before = Math.abs(figures.weightBefore);
  const after = Math.abs(figures.weightAfter);
  const change = after - before;
  const points = `${change >= 0 ? '+' : '−'}${Number(Math.abs(change).toFixed(1))} points`;
  return fact('concentration', `${symbol} ${pct(before)} → ${pct(after)} of net liquidation (${points}).`, Math.abs(change) >= CONCENTRATION_POINTS_STANDS_OUT);
}

function positionFact(ctx: RiskContext, draft: Draft): DraftFact {
  const symbol = draft.contract.symbol;
  if (ctx.account === null) return unknown('position', `Not known: IB has not reported the positions of ${draft.account} yet.`);
  const { before, after } = positionChange(ctx, draft);
  const side = (n: number): string => (n > 0 ? 'long' : 'short');
  if (before === 0) return fact('position', `Opens a new ${side(after)} position: ${qty(Math.abs(after))} ${symbol}, none held now.`);
  if (Math.sign(after) === Math.sign(before) && Math.abs(after) > Math.abs(before)) {
    return fact('position', `Adds to your ${side(before)} ${symbol}: ${qty(Math.abs(before))} → ${qty(Math.abs(after))}.`, true);
  }
  if (after === 0) return fact('position', `Goes against your ${side(before)} ${symbol}: closes all ${qty(Math.abs(before))}.`);
  if (Math.sign(after) === Math.sign(before)) {
    return fact('position', `Goes against your ${side(before)} ${symbol}: reduces it ${qty(Math.abs(before))} → ${qty(Math.abs(after))}.`);
  }
  return fact('position', `Goes against your ${side(before)} ${symbol} and beyond: ${side(before)} ${qty(Math.abs(before))} → ${side(after)} ${qty(Math.abs(after))}.`, true);
}

function distanceFact(ctx: RiskContext, draft: Draft): DraftFact {
  const { order, contract } = draft;
  const ref = referencePrice(ctx.quote, order.side);
  if (ref === null) return unknown('quote-distance', `Not known: there is no ${contract.symbol} quote to compare with.`);
  const refWords = `the ${ref.source} ${price(ref.price)}`;
  if (order.orderType === 'MKT') return fact('quote-distance', `A market order: it trades at whatever the market gives, now ${refWords}.`);
  if (order.orderType === 'TRAIL') return fact('quote-distance', `A trailing stop: it follows the market from ${refWords}.`);
  const prices: [string, number][] = [];
  if (order.stopPrice !== undefined) prices.push(['Stop', order.stopPrice]);
  if (order.limitPrice !== undefined) prices.push([order.stopPrice !== undefined ? 'limit' : 'Limit', order.limitPrice]);
  const parts = prices.map(([name, value]) => {
    const distance = ((value - ref.price) / ref.price) * 100;
    return { distance, words: `${name} ${price(value)} is ${pct(Math.abs(distance))} ${distance >= 0 ? 'above' : 'below'}` };
  });
  const widest = Math.max(...parts.map((p) => Math.abs(p.distance)));
  // Half the person's own collar: far enough to look twice, still inside what the check allows.
  return fact('quote-distance', `${parts.map((p) => p.words).join('; ')} ${refWords}.`, widest >= ctx.limits.collarPct / 2);
}

function quoteAgeFact(ctx: RiskContext, draft: Draft): DraftFact {
  const symbol = draft.contract.symbol;
  const q = ctx.quote;
  if (q === null) return unknown('quote-age', `Not known: there is no ${symbol} quote.`);
  // Only the monotonic age: a wall-clock step must not make an old quote look new.
  if (q.ageMs === undefined) return unknown('quote-age', `Not known: no ${symbol} tick has been timed on this machine’s monotonic clock yet.`);
  const seconds = q.ageMs / 1000;
  const age = seconds < 10 ? `${Number(seconds.toFixed(1))} s` : `${Math.round(seconds)} s`;
  const live = q.delayed ? 'delayed data (about 15 minutes behind)' : 'live';
  return fact('quote-age', `${symbol} quote ${age} old at the check, ${live}.`, q.delayed || q.ageMs > ctx.limits.quoteMaxAgeMs / 2);
}
