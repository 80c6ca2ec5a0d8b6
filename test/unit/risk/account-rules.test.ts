import { describe, expect, it } from 'vitest';
import { classifyAccountType } from '../../../src/main/broker/account-kind';
import { buyingPower } from '../../../src/main/risk/buying-power';
import { cashAccount } from '../../../src/main/risk/cash-account';
import { dayTrades } from '../../../src/main/risk/day-trades';
import { duplicateDraft } from '../../../src/main/risk/duplicate-draft';
import { AAPL, context, draft, withAccount } from './support';

const sell = (quantity: number) => draft({ side: 'SELL', quantity, limitPrice: 189.9 });

describe('cash and IRA accounts', () => {
  it('passes a margin account short sale (not this check’s business)', () => {
    expect(cashAccount(context(), sell(500)).outcome).toBe('pass');
  });
  it('passes a cash account sale of shares it holds', () => {
    expect(cashAccount(withAccount({ kind: 'cash' }), sell(100)).outcome).toBe('pass');
  });
  it('blocks a short sale in a cash account or an IRA', () => {
    expect(cashAccount(withAccount({ kind: 'cash' }), sell(101))).toMatchObject({
      outcome: 'block',
      explanation: 'Selling 101 AAPL when the account holds 100 would be a short sale, which a cash account cannot make.',
    });
    expect(cashAccount(withAccount({ kind: 'ira', positions: {} }), sell(1)).outcome).toBe('block');
  });
  it('never calls a buy a short sale, even against a short the account somehow holds', () => {
    const short = withAccount({ kind: 'ira', positions: { [AAPL]: { qty: -12, marketValue: -2280, openedTodayQty: 0 } } });
    expect(cashAccount(short, draft({ quantity: 1 })).outcome).toBe('pass');
  });
});

describe('day trades (IB’s DayTradesRemaining)', () => {
  const boughtToday = (dayTradesRemaining: number | null) =>
    withAccount({ dayTradesRemaining, positions: { [AAPL]: { qty: 100, marketValue: 19_000, openedTodayQty: 40 } } });
  it('passes a sale of shares held from before today, and any buy', () => {
    expect(dayTrades(withAccount({ dayTradesRemaining: 0 }), sell(50)).outcome).toBe('pass');
    expect(dayTrades(boughtToday(0), draft()).outcome).toBe('pass');
  });
  it('blocks closing a position opened today when IB reports 0 remaining', () => {
    expect(dayTrades(boughtToday(0), sell(50))).toMatchObject({
      outcome: 'block',
      explanation: 'This closes AAPL opened today, which counts as a day trade, and IB reports 0 day trades remaining.',
    });
  });
  it('warns on the last day trade, passes with more or unlimited, blocks when unknown', () => {
    expect(dayTrades(boughtToday(1), sell(50)).outcome).toBe('warn');
    expect(dayTrades(boughtToday(3), sell(50)).outcome).toBe('pass');
    expect(dayTrades(boughtToday(-1), sell(50)).outcome).toBe('pass');
    expect(dayTrades(boughtToday(null), sell(50)).outcome).toBe('block');
  });
  it('does not apply to cash accounts', () => {
    expect(dayTrades(withAccount({ kind: 'cash', dayTradesRemaining: 0, positions: { [AAPL]: { qty: 100, marketValue: 1, openedTodayQty: 100 } } }), sell(50)).outcome).toBe(
      'pass',
    );
  });
});

describe('duplicate of a pending draft', () => {
  it('passes when nothing similar is waiting', () => {
    const other = { ...draft({ side: 'SELL', limitPrice: 189.9 }) };
    expect(duplicateDraft(context({ otherDrafts: [other] }), draft()).outcome).toBe('pass');
  });
  it('blocks a second waiting draft for the same account, symbol and side, whatever its size or price', () => {
    const first = draft({ quantity: 5, limitPrice: 189 });
    const result = duplicateDraft(context({ otherDrafts: [first] }), draft());
    expect(result.outcome).toBe('block');
    expect(result.explanation).toContain(first.id.slice(0, 8));
    expect(result.explanation).toContain('BUY 5 AAPL');
  });
  it('ignores the draft itself (a re-check at approval), and drafts that are closed', () => {
    const d = draft();
    expect(duplicateDraft(context({ otherDrafts: [d, { ...draft(), state: 'rejected' }] }), d).outcome).toBe('pass');
  });
  it('warns when the same order is already at the broker', () => {
    const working = { ...draft(), state: 'working' as const, orderId: 12 };
    expect(duplicateDraft(context({ otherDrafts: [working] }), draft())).toMatchObject({
      outcome: 'warn',
      explanation: 'An order to BUY 10 AAPL (order 12) is already at the broker; this would be a second one.',
    });
  });
});

describe('an account whose type IB has not reported', () => {
  it('is classified unknown from an empty or unrecognised AccountType, and margin only from a type known to borrow', () => {
    expect(classifyAccountType(null)).toBe('unknown');
    expect(classifyAccountType('')).toBe('unknown');
    expect(classifyAccountType('SOMETHING NEW')).toBe('unknown');
    expect(classifyAccountType('INDIVIDUAL')).toBe('margin');
    expect(classifyAccountType('IRA')).toBe('ira');
    expect(classifyAccountType('ROTH IRA')).toBe('ira');
    expect(classifyAccountType('CASH')).toBe('cash');
  });

  it('cannot sell short and cannot borrow, as a cash account', () => {
    const unknown = withAccount({ kind: 'unknown', availableFunds: 1_000, buyingPower: 600_000 });
    expect(cashAccount(unknown, draft({ side: 'SELL', quantity: 150 }))).toMatchObject({
      outcome: 'block',
      explanation: expect.stringContaining('IB has not reported what kind of account DU1234567 is, so it is treated as a cash account.'),
    });
    // Margin buying power is not counted: only the available funds.
    expect(buyingPower(unknown, draft({ quantity: 10 })).outcome).toBe('block');
  });
});
