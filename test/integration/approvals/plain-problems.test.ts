import { afterEach, describe, expect, it } from 'vitest';
import { openBackend, type BackendUnderTest } from './backend-under-test';

describe('a refused draft says which field and why, in plain words', () => {
  let t: BackendUnderTest | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('a fractional quantity names the quantity, not order.quantity', async () => {
    t = await openBackend();
    const result = await t.backend.desk!.draft(
      {
        account: t.sim.accounts[0],
        author: 'person',
        contract: { symbol: 'AAPL', secType: 'STK' },
        order: { side: 'BUY', quantity: 1.5, orderType: 'MKT', tif: 'DAY', outsideRth: false },
        rationale: 'test',
        risks: [],
      },
      'person',
    );
    expect(result).toMatchObject({ ok: false });
    const reason = result.ok ? '' : result.reason;
    expect(reason).toContain('Quantity: must be a whole number');
    expect(reason).not.toContain('order.quantity');
  });

  it('a limit price of 0 from the ticket says what the price must be, not zod\'s "Too small: expected number to be >0"', async () => {
    t = await openBackend();
    const refused = await t.callRaw('draftFromTicket', { text: 'buy 1 AAPL lmt 0', account: t.sim.accounts[0] });
    expect(refused).toMatchObject({ ok: false, error: { message: 'Limit price: must be more than 0' } });
  });
});
