import { describe, expect, it } from 'vitest';
import { PacingLimiter } from '../../../src/main/broker/pacing';

// A hand-driven clock: the limiter's timer callbacks run when time is advanced.
function manualTime() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    schedule: (fn: () => void, ms: number) => timers.push({ at: now + ms, fn }),
    advance(ms: number) {
      now += ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const due = timers[0];
        if (!due || due.at > now) break;
        timers.shift();
        due.fn();
      }
    },
  };
}

describe('the pacing limiter', () => {
  it('never sends more than the budget in any one-second window', () => {
    const time = manualTime();
    const limiter = new PacingLimiter({ perSecond: 45, now: time.now, schedule: time.schedule });
    const sentAt: number[] = [];
    for (let i = 0; i < 200; i += 1) limiter.submit('data', () => sentAt.push(time.now()));
    expect(sentAt).toHaveLength(45);
    for (let t = 0; t < 5000; t += 50) time.advance(50);
    expect(sentAt).toHaveLength(200);
    for (const start of sentAt) {
      expect(sentAt.filter((at) => at >= start && at < start + 1000).length).toBeLessThanOrEqual(45);
    }
  });

  it('sends order messages ahead of queued data requests', () => {
    const time = manualTime();
    const limiter = new PacingLimiter({ perSecond: 10, now: time.now, schedule: time.schedule });
    const sent: string[] = [];
    for (let i = 0; i < 30; i += 1) limiter.submit('data', () => sent.push(`data${i}`));
    limiter.submit('order', () => sent.push('order'));
    time.advance(1000);
    expect(sent.slice(0, 10).every((item) => item.startsWith('data'))).toBe(true);
    expect(sent[10]).toBe('order');
  });

  it('sends an order at once when the budget allows', () => {
    const time = manualTime();
    const limiter = new PacingLimiter({ perSecond: 45, now: time.now, schedule: time.schedule });
    let sent = false;
    limiter.submit('order', () => (sent = true));
    expect(sent).toBe(true);
  });

  it('forgets queued requests when cleared', () => {
    const time = manualTime();
    const limiter = new PacingLimiter({ perSecond: 1, now: time.now, schedule: time.schedule });
    const sent: number[] = [];
    limiter.submit('data', () => sent.push(1));
    limiter.submit('order', () => sent.push(2));
    limiter.clear();
    time.advance(5000);
    expect(sent).toEqual([1]);
  });

  it('sends what a person waits on (a draft\'s contract, the heartbeat) ahead of queued background subscriptions', () => {
    const time = manualTime();
    const limiter = new PacingLimiter({ perSecond: 10, now: time.now, schedule: time.schedule });
    const sent: string[] = [];
    // A household of 40 positions: a P&L subscription each, queued at connect.
    for (let i = 0; i < 40; i += 1) limiter.submit('background', () => sent.push(`pnl${i}`));
    limiter.submit('data', () => sent.push('contract'));
    limiter.submit('order', () => sent.push('order'));
    expect(sent).toHaveLength(10);
    time.advance(1000);
    expect(sent.slice(10, 12)).toEqual(['order', 'contract']);
    for (let t = 0; t < 5000; t += 100) time.advance(100);
    expect(sent).toHaveLength(42);
  });

  it('lets a background request go at once when nothing waits and the budget allows', () => {
    const time = manualTime();
    const limiter = new PacingLimiter({ perSecond: 10, now: time.now, schedule: time.schedule });
    let sent = false;
    limiter.submit('background', () => (sent = true));
    expect(sent).toBe(true);
  });
});
