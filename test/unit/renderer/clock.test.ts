import { describe, expect, it } from 'vitest';
import { clock, followMainClock } from '../../../src/renderer/src/clock';
import { ageText } from '../../../src/renderer/src/queue/describe-draft';

describe("the renderer's clock", () => {
  it("follows main's clock, not the machine's: a draft main stamped 5 s ago reads 5s old however far the machine's clock is", () => {
    const mainNow = Date.UTC(2026, 10, 18, 16, 0, 0); // weeks from the machine's clock, as under the harness's test clock
    followMainClock(mainNow);
    const now = clock.wallNow();
    expect(now - mainNow).toBeGreaterThanOrEqual(0);
    expect(now - mainNow).toBeLessThan(1000);
    expect(ageText(mainNow - 5000, now)).toBe('5s');
  });

  it('counts on from main\'s time at the monotonic pace', async () => {
    followMainClock(1_000_000);
    const start = clock.monotonicNow();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const elapsed = clock.monotonicNow() - start;
    expect(clock.wallNow() - 1_000_000).toBeGreaterThanOrEqual(elapsed - 1);
  });
});
