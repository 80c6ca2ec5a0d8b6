import { describe, expect, it } from 'vitest';
import { draftFacts, MIN_HABIT_ORDERS } from '../../../src/main/approvals/draft-facts';
import { draftFigures } from '../../../src/main/approvals/draft-figures';
import { HABIT_WINDOW, orderHabits, type OrderHabits } from '../../../src/main/approvals/order-habits';
import type { RiskContext } from '../../../src/main/risk/context';
import type { Draft } from '../../../src/shared/draft';
import type { DraftFact, DraftFactKind } from '../../../src/shared/draft-facts';
import { AAPL, context, draft, now, withAccount } from '../risk/support';

// The support context: net liquidation 200,000, 100 AAPL worth 19,000, quote 189.90 / 190.00, collar 5%.
const noHabits: OrderHabits = { account: 'DU1234567', currency: 'USD', orders: 0, medianNotional: null };
const habitsOf = (medianNotional: number, orders = 10): OrderHabits => ({ account: 'DU1234567', currency: 'USD', orders, medianNotional });

function factsFor(d: Draft, ctx: RiskContext = context(), habits: OrderHabits = noHabits): DraftFact[] {
  return draftFacts(ctx, d, draftFigures(ctx, d), habits);
}

function factOf(facts: DraftFact[], kind: DraftFactKind): DraftFact {
  const found = facts.find((f) => f.kind === kind);
  if (!found) throw new Error(`no ${kind} fact`);
  return found;
}

/** An approved draft of this size, as it is stored after approval. */
function approved(quantity: number, marketPrice: number, account = 'DU1234567', currency = 'USD'): Draft {
  const d = draft({ quantity, limitPrice: marketPrice }, { account, contract: { symbol: 'AAPL', secType: 'STK', currency } });
  return {
    ...d,
    state: 'filled',
    atApproval: { positionBefore: 0, positionAfter: quantity, weightBefore: 0, weightAfter: 1, marketPrice, quote: null, at: now },
  };
}

describe('the size against the person’s typical order in the account', () => {
  it('is the median of the approved orders in this account and currency, valued as at approval', () => {
    const history = [approved(10, 100), approved(20, 100), approved(30, 100), approved(1000, 100), approved(5, 100, 'DU7654321'), approved(5, 100, 'DU1234567', 'EUR')];
    const habits = orderHabits(history, 'DU1234567', 'USD');
    // 1,000, 2,000, 3,000 and 100,000: the one huge order does not move the median much.
    expect(habits).toEqual({ account: 'DU1234567', currency: 'USD', orders: 4, medianNotional: 2500 });
  });

  it('reads only the newest approvals, and never the draft being judged', () => {
    // Newest first, as the repository lists them: 50 of 1,000 in value, then 100 older ones of 100,000.
    const newest = Array.from({ length: HABIT_WINDOW }, () => approved(10, 100));
    const older = Array.from({ length: 100 }, () => approved(1000, 100));
    expect(orderHabits([...newest, ...older], 'DU1234567', 'USD')).toMatchObject({ orders: HABIT_WINDOW, medianNotional: 1000 });
    const itself = approved(1000, 100);
    expect(orderHabits([itself, approved(10, 100)], 'DU1234567', 'USD', itself.id)).toMatchObject({ orders: 1, medianNotional: 1000 });
  });

  it('values an approved buy limit above the market at its limit, as the checks did', () => {
    const d = { ...approved(10, 100), order: { ...approved(10, 100).order, limitPrice: 120 } };
    expect(orderHabits([d], 'DU1234567', 'USD').medianNotional).toBe(1200);
  });

  it('stands out at twice the usual size, with the figures', () => {
    // 100 x 190 (the ask) = 19,000 against a median of 4,000.
    const size = factOf(factsFor(draft({ quantity: 100 }), context(), habitsOf(4000, 12)), 'size');
    expect(size).toMatchObject({ known: true, standsOut: true });
    expect(size.text).toBe('19,000.00 USD, 4.8× your typical order in DU1234567 (median 4,000.00 USD of your last 12 approved).');
  });

  it('does not stand out near the usual size', () => {
    const size = factOf(factsFor(draft({ quantity: 10 }), context(), habitsOf(2000)), 'size');
    expect(size).toMatchObject({ known: true, standsOut: false });
    expect(size.text).toContain('95% of your typical order');
  });

  it('stands out far below the usual size too', () => {
    expect(factOf(factsFor(draft({ quantity: 1 }), context(), habitsOf(10_000)), 'size').standsOut).toBe(true);
  });

  it(`says why it cannot compare with fewer than ${MIN_HABIT_ORDERS} approved orders`, () => {
    const none = factOf(factsFor(draft()), 'size');
    expect(none).toMatchObject({ known: false, standsOut: false });
    expect(none.text).toBe('1,900.00 USD; not compared with your usual size: no approved orders in USD in DU1234567 so far (3 needed).');
    expect(factOf(factsFor(draft(), context(), habitsOf(1000, 1)), 'size').text).toContain('only 1 approved order in USD');
  });

  it('compares an order in another currency with the habit in that currency, and gives the base amount beside it', () => {
    // A fat-finger Toyota buy: 10,000 at 2,785 yen is 100x the usual 100 shares (278,500 yen); the account is in dollars.
    const yen = withAccount({ exchangeRates: { USD: 1, JPY: 0.0067 }, positions: {} }, context({ quote: { symbol: '7203', bid: 2784, ask: 2785, last: 2785, at: now - 1000, delayed: false } }));
    const toyota = draft({ quantity: 10_000, limitPrice: 2785 }, { contract: { symbol: '7203', secType: 'STK', currency: 'JPY', priceMagnifier: 1 } });
    const habits: OrderHabits = { account: 'DU1234567', currency: 'JPY', orders: 5, medianNotional: 278_500 };
    const size = factOf(factsFor(toyota, yen, habits), 'size');
    expect(size).toMatchObject({ known: true, standsOut: true });
    expect(size.text).toBe('27,850,000.00 JPY (186,595.00 USD), 100× your typical order in DU1234567 (median 278,500.00 JPY of your last 5 approved).');
  });

  it('still compares in the contract currency when IB has given no rate to the base, and says the base amount is not known', () => {
    const yen = withAccount({ exchangeRates: { USD: 1 }, positions: {} }, context({ quote: { symbol: '7203', bid: 2784, ask: 2785, last: 2785, at: now - 1000, delayed: false } }));
    const toyota = draft({ quantity: 100, limitPrice: 2785 }, { contract: { symbol: '7203', secType: 'STK', currency: 'JPY', priceMagnifier: 1 } });
    const size = factOf(factsFor(toyota, yen, { account: 'DU1234567', currency: 'JPY', orders: 5, medianNotional: 278_500 }), 'size');
    expect(size).toMatchObject({ known: true, standsOut: false });
    expect(size.text).toBe('278,500.00 JPY (in USD not known: IB has given no JPY rate), 1× your typical order in DU1234567 (median 278,500.00 JPY of your last 5 approved).');
  });

  it('says why when the order cannot be valued', () => {
    const market = draft({ orderType: 'MKT', limitPrice: undefined });
    const size = factOf(factsFor(market, context({ quote: null }), habitsOf(1000)), 'size');
    expect(size).toMatchObject({ known: false, text: 'Not compared with your usual size: the order cannot be valued (there is no AAPL price).' });
  });
});

describe('the change in concentration', () => {
  it('gives before, after and the change in points of net liquidation', () => {
    // 19,000 held + 100 x 190 = 38,000 of 200,000.
    const c = factOf(factsFor(draft({ quantity: 100 })), 'concentration');
    expect(c).toMatchObject({ known: true, standsOut: true, text: 'AAPL 9.5% → 19% of net liquidation (+9.5 points).' });
  });

  it('does not stand out for a small change', () => {
    expect(factOf(factsFor(draft({ quantity: 10 })), 'concentration')).toMatchObject({ standsOut: false, text: 'AAPL 9.5% → 10.4% of net liquidation (+0.9 points).' });
  });

  it('says why without net liquidation, without the account, or without a price', () => {
    expect(factOf(factsFor(draft(), withAccount({ netLiquidation: null })), 'concentration')).toMatchObject({ known: false, text: 'Not known: IB has not reported the account’s net liquidation.' });
    expect(factOf(factsFor(draft(), context({ account: null })), 'concentration')).toMatchObject({ known: false, text: 'Not known: IB has not reported DU1234567 yet.' });
    const market = draft({ orderType: 'MKT', limitPrice: undefined });
    expect(factOf(factsFor(market, context({ quote: null })), 'concentration')).toMatchObject({ known: false, text: 'Not known: there is no AAPL price to value the position with.' });
  });
});

describe('adds to or goes against the position', () => {
  const position = (d: Draft, ctx = context()) => factOf(factsFor(d, ctx), 'position');

  it('an order in the direction of what is held adds to it, and stands out', () => {
    expect(position(draft({ quantity: 50 }))).toMatchObject({ standsOut: true, text: 'Adds to your long AAPL: 100 → 150.' });
  });

  it('a sell against a long reduces or closes it', () => {
    expect(position(draft({ side: 'SELL', quantity: 40 }))).toMatchObject({ standsOut: false, text: 'Goes against your long AAPL: reduces it 100 → 60.' });
    expect(position(draft({ side: 'SELL', quantity: 100 }))).toMatchObject({ standsOut: false, text: 'Goes against your long AAPL: closes all 100.' });
  });

  it('a sell beyond the long flips it to a short, and stands out', () => {
    expect(position(draft({ side: 'SELL', quantity: 150 }))).toMatchObject({ standsOut: true, text: 'Goes against your long AAPL and beyond: long 100 → short 50.' });
  });

  it('a buy against a short goes against it', () => {
    const short = withAccount({ positions: { [AAPL]: { qty: -30, marketValue: -5700, openedTodayQty: 0 } } });
    expect(position(draft({ quantity: 10 }), short)).toMatchObject({ text: 'Goes against your short AAPL: reduces it 30 → 20.' });
  });

  it('nothing held opens a position', () => {
    expect(position(draft({ quantity: 5 }), withAccount({ positions: {} }))).toMatchObject({ standsOut: false, text: 'Opens a new long position: 5 AAPL, none held now.' });
    expect(position(draft({ side: 'SELL', quantity: 5 }), withAccount({ positions: {} })).text).toBe('Opens a new short position: 5 AAPL, none held now.');
  });

  it('says why without the account', () => {
    expect(position(draft(), context({ account: null }))).toMatchObject({ known: false, text: 'Not known: IB has not reported the positions of DU1234567 yet.' });
  });
});

describe('the distance from the quote', () => {
  const distance = (d: Draft, ctx = context()) => factOf(factsFor(d, ctx), 'quote-distance');

  it('a buy limit is measured from the ask, a sell limit from the bid, signed by direction', () => {
    expect(distance(draft({ limitPrice: 186.2 }))).toMatchObject({ standsOut: false, text: 'Limit 186.20 is 2% below the ask 190.00.' });
    expect(distance(draft({ side: 'SELL', quantity: 10, limitPrice: 191.8 }))).toMatchObject({ text: 'Limit 191.80 is 1% above the bid 189.90.' });
  });

  it('stands out from half the person’s collar on', () => {
    // Collar 5%: 2.5% is half of it.
    expect(distance(draft({ limitPrice: 185 })).standsOut).toBe(true);
    expect(distance(draft({ limitPrice: 186 })).standsOut).toBe(false);
  });

  it('gives the stop and the limit of a stop-limit', () => {
    expect(distance(draft({ orderType: 'STP_LMT', stopPrice: 195, limitPrice: 196 })).text).toBe('Stop 195.00 is 2.6% above; limit 196.00 is 3.2% above the ask 190.00.');
  });

  it('a market order trades at the quote', () => {
    expect(distance(draft({ orderType: 'MKT', limitPrice: undefined })).text).toBe('A market order: it trades at whatever the market gives, now the ask 190.00.');
  });

  it('says why without a quote', () => {
    expect(distance(draft(), context({ quote: null }))).toMatchObject({ known: false, text: 'Not known: there is no AAPL quote to compare with.' });
  });
});

describe('the time since the quote', () => {
  const age = (ctx: RiskContext) => factOf(factsFor(draft(), ctx), 'quote-age');
  const quote = context().quote!;

  it('is the monotonic age at the check', () => {
    expect(age(context({ quote: { ...quote, ageMs: 1200 } }))).toMatchObject({ known: true, standsOut: false, text: 'AAPL quote 1.2 s old at the check, live.' });
  });

  it('stands out past half the quote age limit, or when delayed', () => {
    expect(age(context({ quote: { ...quote, ageMs: 9000 } })).standsOut).toBe(true);
    expect(age(context({ quote: { ...quote, ageMs: 500, delayed: true } }))).toMatchObject({ standsOut: true, text: 'AAPL quote 0.5 s old at the check, delayed data (about 15 minutes behind).' });
  });

  it('is not read from the wall clock: without a monotonic age it says why', () => {
    // The quote's wall-clock stamp says 1 s old; a wall-clock step could have made that up.
    expect(age(context({ quote: { ...quote, at: now - 1000 } }))).toMatchObject({ known: false, text: 'Not known: no AAPL tick has been timed on this machine’s monotonic clock yet.' });
    expect(age(context({ quote: null }))).toMatchObject({ known: false, text: 'Not known: there is no AAPL quote.' });
  });
});

describe('the order of the facts', () => {
  it('puts the facts that stand out first, the rest in their usual order', () => {
    const ctx = context({ quote: { ...context().quote!, ageMs: 800 } });
    const kinds = factsFor(draft({ quantity: 100, limitPrice: 184 }), ctx, habitsOf(2000)).map((f) => [f.kind, f.standsOut]);
    expect(kinds).toEqual([
      ['size', true],
      ['concentration', true],
      ['position', true],
      ['quote-distance', true],
      ['quote-age', false],
    ]);
    const calm = factsFor(draft({ side: 'SELL', quantity: 10, limitPrice: 190 }), ctx, habitsOf(2000)).map((f) => f.kind);
    expect(calm).toEqual(['size', 'concentration', 'position', 'quote-distance', 'quote-age']);
  });
});
