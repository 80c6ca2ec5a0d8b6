import type { AccountView, PositionView } from '../../src/shared/portfolio';

/**
 * A 500-position household for the digest bench: 400 stocks over three
 * currencies in two accounts, 90 options on 15 underlyings (verticals,
 * covered calls, single legs) with IB's greeks, and 10 futures.
 */
export function book500(): { accounts: AccountView[]; positions: PositionView[] } {
  const account = (id: string, currency: string, netLiquidation: number): AccountView => ({
    account: id, currency, kind: 'margin', accountType: 'INDIVIDUAL', netLiquidation, totalCash: 100_000, buyingPower: null, availableFunds: null, excessLiquidity: null,
    initMarginReq: null, maintMarginReq: null, grossPositionValue: null, equityWithLoan: null, dayTradesRemaining: -1, dailyPnL: 1234, unrealizedPnL: 56_789, realizedPnL: 0,
    cashByCurrency: currency === 'USD'
      ? [{ currency: 'USD', cash: 80_000, rate: 1, netLiquidation: null }, { currency: 'EUR', cash: 25_000, rate: 1.0834, netLiquidation: null }, { currency: 'JPY', cash: 1_500_000, rate: 0.0066733, netLiquidation: null }]
      : [{ currency: 'EUR', cash: 90_000, rate: 1, netLiquidation: null }, { currency: 'USD', cash: 10_000, rate: 0.92302, netLiquidation: null }],
  });
  const accounts = [account('DU1234567', 'USD', 4_800_000), account('DU5550123', 'EUR', 1_200_000)];
  const positions: PositionView[] = [];
  const src = { marketValue: 'computed', baseValue: 'ib', unrealizedPnL: 'ib', dailyPnL: 'ib' } as const;
  let conId = 1;
  const base = (p: Partial<PositionView> & Pick<PositionView, 'account' | 'symbol' | 'quantity'>, price: number, rate: number, mult = 1): PositionView => {
    const own = p.quantity * price * mult;
    return {
      key: `${p.account}:${conId}`, conId: conId++, underlying: p.symbol, secType: 'STK', knownType: true, currency: 'USD', exchange: 'SMART', multiplier: mult, unvalued: null,
      expiry: null, strike: null, right: null, avgCost: price * mult * 0.93, marketPrice: price, marketValue: own, fxRate: rate, baseValue: own * rate,
      weightPct: 0.4, unrealizedPnL: own * rate * 0.07, dailyPnL: own * rate * 0.004, sources: src, greeks: null, delayed: false, ...p,
    };
  };
  for (let i = 0; i < 400; i++) {
    const [acct, currency, rate] = i < 300 ? ['DU1234567', 'USD', 1] : i < 360 ? ['DU5550123', 'EUR', 1] : ['DU1234567', 'JPY', 0.0066733];
    const price = currency === 'JPY' ? 1000 + ((i * 37) % 4000) : 10 + ((i * 7919) % 490) + ((i * 13) % 100) / 100;
    positions.push(base({ account: acct as string, symbol: `SYM${String(i).padStart(3, '0')}`, quantity: 10 + ((i * 31) % 400), currency: currency as string }, price, rate as number));
  }
  const unders = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'META', 'TSLA', 'GOOGL', 'SPY', 'QQQ', 'IWM', 'AMD', 'NFLX', 'JPM', 'XOM', 'COST'];
  for (let u = 0; u < unders.length; u++) {
    const und = unders[u]!;
    const spot = 100 + u * 37.5;
    for (let k = 0; k < 6; k++) {
      const strike = Math.round(spot * (0.9 + 0.04 * k));
      const right = k % 2 === 0 ? 'C' : 'P';
      const quantity = k % 3 === 1 ? -(2 + k) : 2 + k;
      const expiry = k < 3 ? '20261218' : '20270115';
      const delta = right === 'C' ? 0.25 + 0.1 * k : -0.2 - 0.08 * k;
      const price = Math.max(0.05, spot * 0.03 + (k - 3) * 0.7);
      positions.push(base({
        account: 'DU1234567', symbol: `${und.padEnd(6)}${expiry.slice(2)}${right}${String(strike * 1000).padStart(8, '0')}`, underlying: und, secType: 'OPT', quantity, expiry, strike, right,
        greeks: { delta, gamma: 0.012 + 0.001 * k, theta: -0.045 - 0.01 * k, vega: 0.12 + 0.02 * k, impliedVol: 0.24 + 0.01 * k, underlyingPrice: spot },
      }, price, 1, 100));
    }
  }
  for (let f = 0; f < 10; f++) {
    const root = ['ES', 'NQ', 'CL', 'GC', 'ZN'][f % 5]!;
    positions.push(base({ account: 'DU1234567', symbol: `${root}${'HMUZ'[f % 4]}${7}`, underlying: root, secType: 'FUT', quantity: f % 2 === 0 ? 1 : -2, expiry: '20270319' }, 100 + f * 400, 1, 50));
  }
  return { accounts, positions };
}
