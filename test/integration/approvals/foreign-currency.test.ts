import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from './backend-under-test';

// The demo margin account reports in USD; SAP trades in EUR. The size checks
// must weigh the order in dollars at IB's ExchangeRate, as net liquidation is.
describe('a EUR stock draft on a USD account, against the demo gateway', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('is weighed in USD at IB’s EUR rate', async () => {
    t = await openBackend();
    const account = t.sim.accounts[0]!;
    const backend = t.backend;
    const usd = await waitFor(() => {
      const a = backend.broker.portfolio()?.accounts.find((x) => x.account === account);
      const rate = a?.cashByCurrency.find((c) => c.currency === 'EUR')?.rate ?? null;
      return a && a.currency === 'USD' && a.netLiquidation !== null && rate !== null ? { netLiq: a.netLiquidation, rate } : undefined;
    }, 'the account in USD with IB’s EUR rate', 10_000);
    expect(usd.rate).toBeGreaterThan(1);

    const outcome = await backend.desk!.draft(
      { account, contract: { symbol: 'SAP', secType: 'STK', currency: 'EUR' }, order: { side: 'BUY', quantity: 10, orderType: 'MKT' }, author: 'person' },
      'person',
    );
    if (!outcome.ok) throw new Error(outcome.reason);
    const draft = outcome.draft;
    const quote = backend.broker.portfolio()?.quotes.find((q) => q.conId === draft.contract.conId);
    const ask = quote?.ask ?? quote?.last ?? null;
    expect(ask).not.toBeNull();
    const share = draft.verdicts?.find((v) => v.check === 'max-net-liq-pct')?.explanation ?? '';
    const [, shown] = /\(([\d,.]+) of /.exec(share) ?? [];
    const valued = Number((shown ?? '').replace(/,/g, ''));
    // 10 x the EUR ask x IB's rate, not 10 x the EUR ask (the quote may tick between draft and read).
    expect(valued / (10 * ask! * usd.rate)).toBeCloseTo(1, 1);
    expect(valued).toBeGreaterThan(10 * ask! * 1.02);
  });

  it('an LSE share IB quotes in pence is weighed in pounds at IB’s GBP rate, and its limit in pence passes the collar', async () => {
    t = await openBackend();
    const account = t.sim.accounts[0]!;
    const backend = t.backend;
    const gbp = await waitFor(() => {
      const a = backend.broker.portfolio()?.accounts.find((x) => x.account === account);
      const rate = a?.cashByCurrency.find((c) => c.currency === 'GBP')?.rate ?? null;
      return a && a.currency === 'USD' && a.netLiquidation !== null && rate !== null ? rate : undefined;
    }, 'the account in USD with IB’s GBP rate', 10_000);
    const first = await backend.desk!.draft(
      { account, contract: { symbol: 'HSBA', secType: 'STK', currency: 'GBP' }, order: { side: 'BUY', quantity: 100, orderType: 'MKT' }, author: 'person' },
      'person',
    );
    if (!first.ok) throw new Error(first.reason);
    expect(first.draft.contract).toMatchObject({ currency: 'GBP', priceMagnifier: 100 });
    const quote = backend.broker.portfolio()?.quotes.find((q) => q.conId === first.draft.contract.conId);
    const ask = quote?.ask ?? quote?.last ?? null;
    expect(ask).toBeGreaterThan(100); // pence
    const share = first.draft.verdicts?.find((v) => v.check === 'max-net-liq-pct')?.explanation ?? '';
    const [, shown] = /\(([\d,.]+) of /.exec(share) ?? [];
    // 100 x the ask in pounds x IB's rate: about a thousand dollars, not a hundred thousand.
    expect(Number((shown ?? '').replace(/,/g, '')) / ((100 * ask! * gbp) / 100)).toBeCloseTo(1, 1);
    expect(first.draft.verdicts?.find((v) => v.check === 'max-notional')?.outcome).toBe('pass');
    const limit = await backend.desk!.draft(
      { account, contract: { symbol: 'HSBA', secType: 'STK', currency: 'GBP' }, order: { side: 'BUY', quantity: 100, orderType: 'LMT', limitPrice: Math.round(ask!) }, author: 'person' },
      'person',
    );
    if (!limit.ok) throw new Error(limit.reason);
    expect(limit.draft.verdicts?.find((v) => v.check === 'price-collar')?.outcome).toBe('pass');
  });
});
