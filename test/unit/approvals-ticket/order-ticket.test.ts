import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOrderTicket, ticketAccount, unknownAccountReason } from '../../../src/shared/order-ticket';

describe('the keyboard order ticket', () => {
  it('reads the common orders', () => {
    expect(parseOrderTicket('buy 10 AAPL lmt 190')).toEqual({
      ok: true,
      order: { side: 'BUY', quantity: 10, symbol: 'AAPL', orderType: 'LMT', limitPrice: 190, tif: 'DAY', outsideRth: false },
    });
    expect(parseOrderTicket('SELL 5 msft')).toMatchObject({ ok: true, order: { side: 'SELL', symbol: 'MSFT', orderType: 'MKT' } });
    expect(parseOrderTicket('sell 5 MSFT stp 400 lmt 398 gtc')).toMatchObject({ ok: true, order: { orderType: 'STP_LMT', stopPrice: 400, limitPrice: 398, tif: 'GTC' } });
    expect(parseOrderTicket('sell 100 TSLA trail 2.5%')).toMatchObject({ ok: true, order: { orderType: 'TRAIL', trailingPercent: 2.5 } });
    expect(parseOrderTicket('sell 100 TSLA trail 3')).toMatchObject({ ok: true, order: { orderType: 'TRAIL', trailingAmount: 3 } });
    expect(parseOrderTicket('buy 1,000 SPY lmt 500.25 tp 520 sl 490 outside @du1234567')).toMatchObject({
      ok: true,
      order: { quantity: 1000, limitPrice: 500.25, bracket: { takeProfitPrice: 520, stopLossPrice: 490 }, outsideRth: true, account: 'DU1234567' },
    });
  });

  it('explains what it could not read instead of guessing', () => {
    expect(parseOrderTicket('buy AAPL 10')).toMatchObject({ ok: false, problem: '"AAPL" is not a quantity.' });
    expect(parseOrderTicket('purchase 10 AAPL')).toMatchObject({ ok: false });
    expect(parseOrderTicket('buy 10 AAPL lmt')).toMatchObject({ ok: false, problem: expect.stringContaining('limit needs a price') });
    expect(parseOrderTicket('buy 10 AAPL lmt 190 tp 180 sl 200')).toMatchObject({ ok: false, problem: expect.stringContaining('above') });
    expect(parseOrderTicket('buy 10 AAPL tp 200')).toMatchObject({ ok: false, problem: expect.stringContaining('both') });
    expect(parseOrderTicket('buy -10 AAPL')).toMatchObject({ ok: false });
    expect(parseOrderTicket('buy 0 AAPL')).toMatchObject({ ok: false });
    expect(parseOrderTicket('buy 10 AAPL yolo')).toMatchObject({ ok: false });
  });

  it('never throws and never yields a non-positive quantity, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const result = parseOrderTicket(text);
        if (result.ok) expect(result.order.quantity).toBeGreaterThan(0);
      }),
    );
  });

  it('goes to the account typed, else the one viewed, else the first, and says which rule chose it', () => {
    const accounts = ['DU1234567', 'DU7654321'];
    expect(ticketAccount({ account: 'DU7654321' }, 'DU1234567', accounts)).toEqual({ account: 'DU7654321', why: 'typed' });
    expect(ticketAccount({}, 'DU7654321', accounts)).toEqual({ account: 'DU7654321', why: 'viewed' });
    expect(ticketAccount({}, undefined, accounts)).toEqual({ account: 'DU1234567', why: 'first' });
    expect(ticketAccount({}, undefined, [])).toEqual({ account: undefined, why: 'first' });
  });

  it('cuts a very long typed word in its message and says how long it was', () => {
    const long = 'A'.repeat(493);
    const parsed = parseOrderTicket(`buy 1 ${long}`);
    expect(parsed).toEqual({ ok: false, problem: `"${'A'.repeat(20)}…" (493 characters) is not a symbol: a symbol is a letter and up to 11 more letters, digits or dots.` });
    expect(unknownAccountReason('X'.repeat(300), ['DU1'])).toBe(`There is no account "${'X'.repeat(20)}…" (300 characters) in this session. The accounts are: DU1.`);
  });
});
