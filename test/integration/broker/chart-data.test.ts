import { afterEach, describe, expect, it } from 'vitest';
import { ChartData } from '../../../src/main/broker/chart-data';
import { FromClient } from '../../../src/sim/wire/message-ids';
import { openSession, type SessionUnderTest } from './session-support';

describe('chart data from the gateway', () => {
  let under: SessionUnderTest | undefined;
  afterEach(async () => {
    await under?.close();
    under = undefined;
  });

  it('reads candles for a symbol, oldest first, with the bar size of the period', async () => {
    under = await openSession();
    await under.waitForPhase('ready');
    const charts = new ChartData(() => under?.session);
    const month = await charts.priceHistory({ symbol: 'aapl', period: '1M' });
    expect(month.symbol).toBe('AAPL');
    expect(month.conId).toBe(under.sim.engine.findContracts({ symbol: 'AAPL' })[0]?.contract.conId);
    expect(month.barSize).toBe('1 day');
    // About a month of sessions, each a sane candle.
    expect(month.bars.length).toBeGreaterThanOrEqual(18);
    expect(month.bars.length).toBeLessThanOrEqual(24);
    for (const bar of month.bars) expect(bar.low <= Math.min(bar.open, bar.close) && bar.high >= Math.max(bar.open, bar.close)).toBe(true);
    expect(month.bars.map((b) => b.time)).toEqual([...month.bars.map((b) => b.time)].sort((a, b) => a - b));

    const day = await charts.priceHistory({ symbol: 'AAPL', conId: month.conId, period: '1D' });
    expect(day.barSize).toBe('5 mins');
    expect(day.bars.length).toBeGreaterThan(10);
  });

  it('says plainly when the symbol is unknown or the session is not ready', async () => {
    under = await openSession();
    const charts = new ChartData(() => under?.session);
    await expect(charts.priceHistory({ symbol: 'AAPL', period: '1M' })).rejects.toThrow(/not ready/);
    await under.waitForPhase('ready');
    await expect(charts.priceHistory({ symbol: 'NOSUCH', period: '1M' })).rejects.toThrow(/does not know the symbol NOSUCH/);
  });

  it("gives each held contract's sector and type, asking IB once per contract", async () => {
    under = await openSession();
    await under.waitForPhase('ready');
    const { sim } = under;
    const conIdOf = (symbol: string): number => sim.engine.findContracts({ symbol })[0]?.contract.conId ?? 0;
    let detailRequests = 0;
    sim.on('request', (event) => {
      if (event.messageId === FromClient.REQ_CONTRACT_DATA) detailRequests += 1;
    });
    const charts = new ChartData(() => under?.session);
    const profiles = await charts.contractProfiles([conIdOf('AAPL'), conIdOf('SPY'), 999_999_999]);
    expect(profiles).toEqual([
      { conId: conIdOf('AAPL'), sector: 'Technology', assetType: 'Stock' },
      expect.objectContaining({ conId: conIdOf('SPY'), assetType: 'ETF' }),
    ]);
    const asked = detailRequests;
    await charts.contractProfiles([conIdOf('AAPL'), conIdOf('SPY')]);
    expect(detailRequests).toBe(asked);
  });
});
