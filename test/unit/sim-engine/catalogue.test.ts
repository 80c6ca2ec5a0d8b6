import { describe, expect, it } from 'vitest';
import { BrokerEngine, ManualClock } from '../../../src/sim/engine';
import { monday, saturday, stock } from './support';

describe('contract catalogue', () => {
  const engine = new BrokerEngine({ seed: 1, clock: new ManualClock(monday(10)) });
  engine.close();

  it('lists at least 40 liquid US stocks and ETFs with IB conIds where known', () => {
    const symbols = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'META', 'TSLA', 'BRK B', 'JPM', 'V', 'SPY', 'QQQ', 'IWM', 'DIA'];
    for (const s of symbols) expect(engine.findContracts(stock(s)), s).toHaveLength(1);
    expect(engine.resolve(stock('AAPL'))!.contract.conId).toBe(265598);
    expect(engine.resolve(stock('SPY'))!.contract.conId).toBe(756733);
    expect(engine.resolve(stock('MSFT'))!.contract.conId).toBe(272093);
    let count = 0;
    const conIds = new Set<number>();
    // Every listing resolves by its own conId too.
    {
      for (const s of [...symbols, 'XOM', 'KO', 'PEP', 'WMT', 'COST', 'HD', 'CVX', 'BAC', 'WFC', 'GS', 'AVGO', 'AMD', 'INTC', 'CSCO',
        'ORCL', 'CRM', 'ADBE', 'NFLX', 'DIS', 'IBM', 'BA', 'CAT', 'MCD', 'NKE', 'PFE', 'VTI', 'VOO', 'TLT', 'GLD', 'XLF']) {
        const d = engine.resolve(stock(s))!;
        expect(engine.findContracts({ conId: d.contract.conId })[0]!.contract.symbol).toBe(s);
        conIds.add(d.contract.conId!);
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(40);
    expect(conIds.size).toBe(count);
  });

  it('fills in what TWS reports in contract details', () => {
    const d = engine.resolve({ conId: 265598 })!;
    expect(d.contract).toMatchObject({ symbol: 'AAPL', secType: 'STK', primaryExch: 'NASDAQ', currency: 'USD', exchange: 'SMART' });
    expect(d.longName).toBe('APPLE INC');
    expect(d.minTick).toBe(0.01);
    expect(d.timeZoneId).toBe('US/Eastern');
    expect(d.industry).toBe('Technology');
    expect(d.tradingHours!.split(';')[0]).toBe('20261123:0400-20261123:2000');
    expect(d.liquidHours!.split(';')[0]).toBe('20261123:0930-20261123:1600');
    expect(d.liquidHours).toContain('20261128:CLOSED');
    expect(d.liquidHours).toContain('20261129:CLOSED');
  });

  it('builds the hours from the clock date', () => {
    const weekend = new BrokerEngine({ seed: 1, clock: new ManualClock(saturday(10)) });
    weekend.close();
    const d = weekend.resolve(stock('SPY'))!;
    expect(d.tradingHours!.startsWith('20261128:CLOSED;20261129:CLOSED;20261130:0400-20261130:2000')).toBe(true);
  });

  it('finds nothing for an unknown symbol or a product it does not list', () => {
    expect(engine.findContracts(stock('NOSUCH'))).toEqual([]);
    // AAPL has listed options now; KO does not, and warrants are not simulated at all.
    expect(engine.findContracts({ symbol: 'KO', secType: 'OPT' as never })).toEqual([]);
    expect(engine.findContracts({ symbol: 'AAPL', secType: 'WAR' as never })).toEqual([]);
    expect(engine.findContracts({ symbol: 'AAPL', secType: 'STK' as never, currency: 'EUR' })).toEqual([]);
    expect(engine.findContracts({ conId: 1 })).toEqual([]);
    expect(engine.resolve({ symbol: 'aapl' })?.contract.conId).toBe(265598);
    expect(engine.resolve({ symbol: 'AAPL', exchange: 'SMART', primaryExch: 'ISLAND' })?.contract.conId).toBe(265598);
    expect(engine.resolve({ symbol: 'AAPL', exchange: 'IEX' })?.contract.conId).toBe(265598);
    expect(engine.resolve({ symbol: 'BRK.B' })?.contract.conId).toBe(72063691);
    expect(engine.findContracts({ symbol: 'AAPL', primaryExch: 'NYSE' })).toEqual([]);
    expect(engine.findContracts({ symbol: 'AAPL', exchange: 'XETRA' })).toEqual([]);
  });
});
