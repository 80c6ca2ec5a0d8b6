import { describe, expect, it } from 'vitest';
import { positionView } from '../../support/position-view';
import { assetTypeOf } from '../../../src/main/broker/chart-data';
import type { ChartBar } from '../../../src/shared/chart';
import { DraftOrder, type Draft } from '../../../src/shared/draft';
import { draftLevels } from '../../../src/renderer/src/charts/draft-levels';
import { livePriceOf, resolveSubject } from '../../../src/renderer/src/charts/chart-subject';
import { withLivePrice } from '../../../src/renderer/src/charts/live-candle';
import type { PositionView } from '../../../src/shared/portfolio';

const order = (input: Record<string, unknown>) => ({ order: DraftOrder.parse({ side: 'BUY', quantity: 10, ...input }) });

describe("a draft's levels on its chart", () => {
  it('draws the limit, the stop, and a bracket\'s take-profit and stop-loss; nothing for a market order', () => {
    expect(draftLevels(order({ orderType: 'MKT' }))).toEqual([]);
    expect(draftLevels(order({ orderType: 'STP_LMT', limitPrice: 101, stopPrice: 100 }))).toEqual([
      { label: 'Limit', price: 101, role: 'entry' },
      { label: 'Stop', price: 100, role: 'entry' },
    ]);
    expect(draftLevels(order({ orderType: 'LMT', limitPrice: 100, bracket: { takeProfitPrice: 110, stopLossPrice: 95 } })).map((l) => `${l.label} ${l.price} ${l.role}`)).toEqual([
      'Limit 100 entry',
      'Take profit 110 exit-profit',
      'Stop loss 95 exit-loss',
    ]);
  });
});

describe('the live candle', () => {
  const bars: ChartBar[] = [
    { time: 1, open: 10, high: 11, low: 9, close: 10.5, volume: 100 },
    { time: 2, open: 10.5, high: 10.8, low: 10.2, close: 10.6, volume: 50 },
  ];
  it('meets the live price, stretching its high or low', () => {
    expect(withLivePrice(bars, 11.2)[1]).toEqual({ time: 2, open: 10.5, high: 11.2, low: 10.2, close: 11.2, volume: 50 });
    expect(withLivePrice(bars, 10)[1]).toMatchObject({ low: 10, high: 10.8, close: 10 });
    expect(withLivePrice(bars, null)).toEqual(bars);
    expect(bars[1]?.close).toBe(10.6);
  });
});

describe('what the chart shows', () => {
  const held = (symbol: string, conId: number, marketValue: number): PositionView =>
    positionView({ account: 'DU1', conId, symbol, exchange: 'SMART', quantity: 1, avgCost: 1, marketValue });
  const positions = [held('AAPL', 1, 500), held('SPY', 2, -900)];
  const draft = { id: 'd1', contract: { symbol: 'MSFT', secType: 'STK' }, order: { side: 'BUY', quantity: 5 } } as unknown as Draft;

  it('the chosen draft, else the chosen position, else the largest position', () => {
    expect(resolveSubject({ kind: 'draft', draftId: 'd1' }, [draft], positions)).toMatchObject({ symbol: 'MSFT', draft, origin: 'Draft: BUY 5 MSFT' });
    expect(resolveSubject({ kind: 'position', key: 'DU1:1' }, [draft], positions)).toMatchObject({ symbol: 'AAPL', conId: 1, draft: undefined });
    // A finished draft that left the queue falls back to the largest holding (a short counts by size).
    expect(resolveSubject({ kind: 'draft', draftId: 'gone' }, [draft], positions)).toMatchObject({ symbol: 'SPY', origin: 'Position in DU1 (largest)' });
    expect(resolveSubject(undefined, [], [])).toBeUndefined();
  });

  it('the last trade as the live price, else the mid', () => {
    const quote = { symbol: 'AAPL', conId: 1, bid: 99, ask: 101, last: null, close: 98, delayed: false, at: 0 };
    expect(livePriceOf({ 1: quote }, 'AAPL', 1)).toBe(100);
    expect(livePriceOf({ 1: { ...quote, last: 100.5 } }, 'AAPL', undefined)).toBe(100.5);
    expect(livePriceOf({ 1: { ...quote, bid: null } }, 'AAPL', 1)).toBeNull();
  });
});

describe('asset type from IB contract details', () => {
  it('tells ETFs from stocks and names derivatives', () => {
    expect(assetTypeOf({ stockType: 'COMMON', contract: { secType: 'STK' as never } })).toBe('Stock');
    expect(assetTypeOf({ stockType: 'ETF', contract: { secType: 'STK' as never } })).toBe('ETF');
    expect(assetTypeOf({ contract: { secType: 'OPT' as never } })).toBe('Option');
    expect(assetTypeOf({ contract: { secType: 'FUT' as never } })).toBe('Future');
    expect(assetTypeOf({ contract: { secType: 'CASH' as never } })).toBe('Other');
  });
});
