import type { PositionView } from '../../src/shared/portfolio';

/** A USD stock position as the portfolio model shows it, with every field set; override what a test cares about. */
export function positionView(over: Partial<PositionView> & Pick<PositionView, 'account' | 'conId' | 'symbol'>): PositionView {
  const quantity = over.quantity ?? 0;
  const marketValue = over.marketValue === undefined ? null : over.marketValue;
  return {
    key: `${over.account}:${over.conId}`,
    underlying: over.symbol,
    secType: 'STK',
    knownType: true,
    currency: 'USD',
    exchange: 'NASDAQ',
    multiplier: 1,
    unvalued: null,
    expiry: null,
    strike: null,
    right: null,
    quantity,
    avgCost: 0,
    marketPrice: null,
    fxRate: 1,
    baseValue: marketValue,
    weightPct: null,
    unrealizedPnL: null,
    dailyPnL: null,
    sources: { marketValue: 'computed', baseValue: 'computed', unrealizedPnL: 'computed', dailyPnL: 'computed' },
    greeks: null,
    delayed: false,
    ...over,
    marketValue,
  };
}
