import { describe, expect, it } from 'vitest';
import { PacingMeter } from '../../../src/sim/session-pacing';

describe('pacing (50 messages per second per client)', () => {
  it('allows 50 messages in a second and flags the 51st', () => {
    let t = 0;
    const m = new PacingMeter({ now: () => t });
    for (let i = 0; i < 50; i++) expect(m.record().kind).toBe('ok');
    expect(m.record()).toEqual({ kind: 'violation', received: 51, violations: 1 });
    // Further excess in the same second is not reported again.
    expect(m.record().kind).toBe('ok');
    t = 999;
    expect(m.record().kind).toBe('ok');
  });

  it('a steady 40 per second never trips it', () => {
    let t = 0;
    const m = new PacingMeter({ now: () => t });
    for (let i = 0; i < 400; i++) {
      t = i * 25;
      expect(m.record().kind).toBe('ok');
    }
  });

  it('a client that keeps flooding is disconnected on the third violation', () => {
    let t = 0;
    const m = new PacingMeter({ now: () => t, violationsBeforeDisconnect: 3 });
    const verdicts: string[] = [];
    for (let second = 0; second < 3; second++) {
      for (let i = 0; i < 60; i++) {
        t = second * 1000 + i;
        const v = m.record();
        if (v.kind !== 'ok') verdicts.push(`${v.kind}:${v.violations}`);
      }
    }
    expect(verdicts).toEqual(['violation:1', 'violation:2', 'disconnect:3']);
  });
});
