import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/sim/engine';

describe('ManualClock', () => {
  it('runs due timers in time order, each at its own instant', () => {
    const clock = new ManualClock(1_000);
    const seen: [string, number][] = [];
    clock.schedule(3_000, () => seen.push(['c', clock.now()]));
    clock.schedule(2_000, () => seen.push(['a', clock.now()]));
    clock.schedule(2_000, () => seen.push(['b', clock.now()]));
    clock.advance(500);
    expect(seen).toEqual([]);
    clock.advance(1_000);
    expect(seen).toEqual([['a', 2_000], ['b', 2_000]]);
    expect(clock.now()).toBe(2_500);
    clock.advance(10_000);
    expect(seen.map((s) => s[0])).toEqual(['a', 'b', 'c']);
  });

  it('runs timers scheduled by timers within the same advance, and honours cancel', () => {
    const clock = new ManualClock(0);
    const ticks: number[] = [];
    const every = (at: number): void => {
      clock.schedule(at, () => {
        ticks.push(clock.now());
        every(at + 100);
      });
    };
    every(100);
    const cancel = clock.schedule(250, () => ticks.push(-1));
    cancel();
    clock.advance(450);
    expect(ticks).toEqual([100, 200, 300, 400]);
  });
});
