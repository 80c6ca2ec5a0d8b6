import fc from 'fast-check';
import { TradingState, type Draft, type DraftInput } from '../../../src/shared/draft';
import type { RiskContext } from '../../../src/main/risk/context';
import { AAPL, context, draftWithOrder, now } from './support';

const cents = (min: number, max: number) => fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((c) => c / 100);
const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 5 });

export const quoteArb = orNull(
  fc.record({
    mid: cents(1, 1000),
    spreadPct: fc.double({ min: 0, max: 2, noNaN: true }),
    ageMs: fc.integer({ min: 0, max: 30_000 }),
    delayed: fc.boolean(),
    emptyBook: fc.boolean(),
  }),
).map((q): RiskContext['quote'] => {
  if (q === null) return null;
  const half = (q.mid * q.spreadPct) / 200;
  const bid = Math.round((q.mid - half) * 100) / 100;
  const ask = Math.round((q.mid + half) * 100) / 100;
  return {
    symbol: 'AAPL',
    bid: q.emptyBook ? null : Math.max(0.01, bid),
    ask: q.emptyBook ? null : ask,
    last: q.mid,
    at: now - q.ageMs,
    delayed: q.delayed,
  };
});

export const contextArb: fc.Arbitrary<RiskContext> = fc
  .record({
    kind: fc.constantFrom('margin', 'cash', 'ira' as const),
    isPaper: fc.boolean(),
    liveTradingEnabled: fc.boolean(),
    netLiquidation: orNull(cents(1_000, 2_000_000)),
    availableFunds: orNull(cents(0, 1_000_000)),
    buyingPower: orNull(cents(0, 4_000_000)),
    dayTradesRemaining: orNull(fc.integer({ min: -1, max: 3 })),
    dailyPnL: orNull(cents(-100_000, 100_000)),
    positionQty: fc.integer({ min: -500, max: 500 }),
    openedTodayShare: fc.double({ min: 0, max: 1, noNaN: true }),
    quote: quoteArb,
    ready: fc.boolean(),
    inResetWindow: fc.boolean(),
    market: fc.constantFrom(null, { regularHoursOpen: true }, { regularHoursOpen: false }),
    collarPct: fc.double({ min: 0.5, max: 80, noNaN: true }),
    maxNotional: cents(500, 500_000),
    maxPctNetLiq: fc.double({ min: 1, max: 200, noNaN: true }),
    maxConcentrationPct: fc.double({ min: 1, max: 200, noNaN: true }),
    maxOrdersPerMinute: fc.integer({ min: 1, max: 10 }),
    dailyLossHaltPct: fc.double({ min: 0.5, max: 20, noNaN: true }),
    tradingState: fc.constantFrom(...TradingState.options),
    approvals: fc.integer({ min: 0, max: 12 }),
  })
  .map((g): RiskContext => {
    const base = context();
    return {
      ...base,
      account: {
        accountId: 'DU1234567',
        kind: g.kind,
        isPaper: g.isPaper,
        baseCurrency: 'USD',
        exchangeRates: { USD: 1 },
        netLiquidation: g.netLiquidation,
        availableFunds: g.availableFunds,
        buyingPower: g.buyingPower,
        dayTradesRemaining: g.dayTradesRemaining,
        dailyPnL: g.dailyPnL,
        positions:
          g.positionQty === 0
            ? {}
            : {
                [AAPL]: {
                  qty: g.positionQty,
                  marketValue: g.positionQty * 100,
                  openedTodayQty: Math.floor(Math.abs(g.positionQty) * g.openedTodayShare),
                },
              },
      },
      quote: g.quote,
      session: { ready: g.ready, inResetWindow: g.inResetWindow },
      market: g.market,
      limits: {
        ...base.limits,
        collarPct: g.collarPct,
        maxNotional: g.maxNotional,
        maxPctNetLiq: g.maxPctNetLiq,
        maxConcentrationPct: g.maxConcentrationPct,
        maxOrdersPerMinute: g.maxOrdersPerMinute,
        dailyLossHaltPct: g.dailyLossHaltPct,
        liveTradingEnabled: g.liveTradingEnabled,
      },
      tradingState: g.tradingState,
      recentApprovals: Array.from({ length: g.approvals }, (_, i) => now - 4_000 * i),
    };
  });

/** A valid order of any supported type, prices around 1..1000. */
export const orderArb: fc.Arbitrary<DraftInput['order']> = fc
  .record({
    side: fc.constantFrom('BUY', 'SELL' as const),
    quantity: fc.integer({ min: 1, max: 2_000 }),
    orderType: fc.constantFrom('MKT', 'LMT', 'STP', 'STP_LMT', 'TRAIL' as const),
    limitPrice: cents(1, 1000),
    stopPrice: cents(1, 1000),
    trailingPercent: fc.double({ min: 0.1, max: 20, noNaN: true }),
    outsideRth: fc.boolean(),
  })
  .map((o) => {
    const base = { side: o.side, quantity: o.quantity, orderType: o.orderType };
    switch (o.orderType) {
      case 'MKT':
        return base;
      case 'LMT':
        return { ...base, limitPrice: o.limitPrice, outsideRth: o.outsideRth };
      case 'STP':
        return { ...base, stopPrice: o.stopPrice };
      case 'STP_LMT':
        return { ...base, stopPrice: o.stopPrice, limitPrice: o.limitPrice };
      case 'TRAIL':
        return { ...base, trailingPercent: o.trailingPercent };
    }
  });

export const draftArb: fc.Arbitrary<Draft> = orderArb.map((order) => draftWithOrder(order));

/** Sometimes another draft for the same instrument is waiting or working. */
export const withOtherDrafts = (ctx: RiskContext): fc.Arbitrary<RiskContext> =>
  fc
    .constantFrom(null, 'pending', 'working' as const)
    .chain((state) =>
      state === null
        ? fc.constant(ctx)
        : orderArb.map((order) => ({ ...ctx, otherDrafts: [{ ...draftWithOrder(order), state }] })),
    );
