import type { ContractDetails } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { contractFromIb } from '../../../src/main/approvals/contract-from-ib';
import { DraftContract } from '../../../src/shared/draft';

const request = (fields: Record<string, unknown>) => DraftContract.parse({ symbol: 'SPY', secType: 'STK', ...fields });
const spy = {
  contract: { conId: 756733, symbol: 'SPY', secType: 'STK', exchange: 'SMART', primaryExch: 'ARCA', currency: 'USD', tradingClass: 'SPY' },
  stockType: 'ETF',
  validExchanges: 'SMART,ARCA,NYSE',
} as unknown as ContractDetails;
const option = {
  contract: { conId: 123, symbol: 'AAPL', secType: 'OPT', exchange: 'SMART', currency: 'USD', lastTradeDateOrContractMonth: '20261218', strike: 200, right: 'C', multiplier: 100, tradingClass: 'AAPL' },
} as unknown as ContractDetails;

describe('the contract a draft carries is IB’s', () => {
  it('takes type, currency, exchange, primary exchange and trading class from IB', () => {
    expect(contractFromIb(request({}), spy)).toEqual({
      ok: true,
      contract: { symbol: 'SPY', secType: 'ETF', conId: 756733, exchange: 'SMART', primaryExchange: 'ARCA', currency: 'USD', tradingClass: 'SPY' },
    });
  });

  it('refuses a currency, a symbol, a type or a conId that disagrees with IB, saying which', () => {
    expect(contractFromIb(request({ currency: 'EUR' }), spy)).toMatchObject({ ok: false, reason: expect.stringContaining('IB lists SPY in USD, not EUR') });
    expect(contractFromIb(request({ symbol: 'QQQ' }), spy)).toMatchObject({ ok: false, reason: expect.stringContaining('is SPY, not QQQ') });
    expect(contractFromIb(request({ secType: 'FUT', expiry: '202612' }), spy)).toMatchObject({ ok: false, reason: expect.stringContaining('as ETF, not FUT') });
    expect(contractFromIb(request({ conId: 1 }), spy)).toMatchObject({ ok: false, reason: expect.stringContaining('not 1') });
    expect(contractFromIb(request({ exchange: 'TSEJ' }), spy)).toMatchObject({ ok: false, reason: expect.stringContaining('does not route SPY to TSEJ') });
  });

  it('takes an option’s expiry, strike, right and multiplier from IB and refuses a multiplier the model made up', () => {
    const asked = { symbol: 'AAPL', secType: 'OPT', expiry: '202612', strike: 200, right: 'C' };
    expect(contractFromIb(request(asked), option)).toMatchObject({ ok: true, contract: { expiry: '20261218', strike: 200, right: 'C', multiplier: 100, tradingClass: 'AAPL' } });
    expect(contractFromIb(request({ ...asked, multiplier: 10 }), option)).toMatchObject({ ok: false, reason: expect.stringContaining('multiplier') });
    expect(contractFromIb(request({ ...asked, right: 'P' }), option)).toMatchObject({ ok: false });
    expect(contractFromIb(request({ ...asked, strike: 210 }), option)).toMatchObject({ ok: false });
  });
});
