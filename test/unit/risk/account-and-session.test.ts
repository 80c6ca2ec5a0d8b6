import { describe, expect, it } from 'vitest';
import { accountMayTrade } from '../../../src/main/risk/account-may-trade';
import { sessionReady } from '../../../src/main/risk/session-ready';
import { tradingState } from '../../../src/main/risk/trading-state';
import { orderRate } from '../../../src/main/risk/order-rate';
import { dailyLossHalt } from '../../../src/main/risk/daily-loss-halt';
import { context, draft, now, withAccount } from './support';

describe('account may trade', () => {
  it('passes a paper account', () => {
    expect(accountMayTrade(context(), draft())).toMatchObject({ outcome: 'pass', explanation: expect.stringContaining('Paper') });
  });
  it('blocks a live account while live trading is off, passes it once switched on', () => {
    const live = withAccount({ isPaper: false, accountId: 'U7654321' });
    const d = draft({}, { account: 'U7654321' });
    expect(accountMayTrade(live, d)).toMatchObject({ outcome: 'block', explanation: expect.stringContaining('live trading is switched off') });
    expect(accountMayTrade({ ...live, limits: { ...live.limits, liveTradingEnabled: true } }, d).outcome).toBe('pass');
  });
  it('blocks a draft for another account and an account not yet loaded', () => {
    expect(accountMayTrade(context(), draft({}, { account: 'DU999' })).explanation).toBe(
      'This draft is for account DU999, but the connected account is DU1234567.',
    );
    expect(accountMayTrade(context({ account: null }), draft()).outcome).toBe('block');
  });
});

describe('session ready', () => {
  it('passes when connected and synced', () => {
    expect(sessionReady(context(), draft()).outcome).toBe('pass');
  });
  it('blocks while disconnected and during the nightly reset', () => {
    expect(sessionReady(context({ session: { ready: false, inResetWindow: false } }), draft()).outcome).toBe('block');
    expect(sessionReady(context({ session: { ready: true, inResetWindow: true } }), draft())).toMatchObject({
      outcome: 'block',
      explanation: expect.stringContaining('nightly restart'),
    });
  });
});

describe('trading switch', () => {
  it('passes anything while active', () => {
    expect(tradingState(context(), draft()).outcome).toBe('pass');
  });
  it('blocks everything while halted, even a sale that reduces', () => {
    const c = context({ tradingState: 'halted' });
    expect(tradingState(c, draft()).outcome).toBe('block');
    expect(tradingState(c, draft({ side: 'SELL', quantity: 10, limitPrice: 189.9 })).outcome).toBe('block');
  });
  it('in reduce-only, passes a partial sale of a long, blocks a buy, and blocks a sale that flips to short', () => {
    const c = context({ tradingState: 'reducing' });
    expect(tradingState(c, draft({ side: 'SELL', quantity: 100, limitPrice: 189.9 })).outcome).toBe('pass');
    expect(tradingState(c, draft({ side: 'BUY', quantity: 1 })).outcome).toBe('block');
    expect(tradingState(c, draft({ side: 'SELL', quantity: 101, limitPrice: 189.9 })).outcome).toBe('block');
  });
});

describe('order rate', () => {
  const approvals = (n: number) => Array.from({ length: n }, (_, i) => now - 1000 * (i + 1));
  it('passes under the limit and ignores approvals older than a minute', () => {
    expect(orderRate(context({ recentApprovals: [...approvals(2), now - 61_000, now - 120_000] }), draft())).toMatchObject({
      outcome: 'pass',
      explanation: '2 orders were approved in the last minute (limit 6).',
    });
  });
  it('warns at the last allowed order and blocks past the limit', () => {
    expect(orderRate(context({ recentApprovals: approvals(5) }), draft()).outcome).toBe('warn');
    expect(orderRate(context({ recentApprovals: approvals(6) }), draft())).toMatchObject({
      outcome: 'block',
      explanation: '6 orders were approved in the last minute; the limit is 6 per minute. Wait a moment.',
    });
  });
});

describe('daily loss halt', () => {
  it('passes while the day is within the loss limit', () => {
    expect(dailyLossHalt(withAccount({ dailyPnL: -5_999 }), draft()).outcome).toBe('pass'); // limit 3% of 200,000 = 6,000
  });
  it('blocks new exposure past the limit, with the numbers', () => {
    expect(dailyLossHalt(withAccount({ dailyPnL: -6_500 }), draft())).toMatchObject({
      outcome: 'block',
      explanation:
        'Today’s P&L is -6,500.00, past the daily loss limit of 3% of net liquidation (-6,000.00); only orders that reduce a position can be approved today.',
    });
  });
  it('still lets a reducing order through past the limit, with a warning', () => {
    expect(dailyLossHalt(withAccount({ dailyPnL: -6_500 }), draft({ side: 'SELL', quantity: 50, limitPrice: 189.9 })).outcome).toBe('warn');
  });
  it('blocks new exposure when the P&L is unknown', () => {
    expect(dailyLossHalt(withAccount({ dailyPnL: null }), draft()).outcome).toBe('block');
  });
});
