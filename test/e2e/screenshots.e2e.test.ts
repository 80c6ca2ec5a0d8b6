import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type AppUnderTest } from './support/app-under-test';

// The main screen with a pending draft open, in light and in dark, saved as
// test artefacts (test-results/) for a person to look at.
describe('screenshots of the main screen', () => {
  let app: AppUnderTest;

  beforeEach(async () => {
    app = await openApp();
    await expect.poll(() => app.page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
  });

  afterEach(async () => {
    await app.close();
  });

  it('saves light and dark screenshots with a pending draft open', async () => {
    const { page } = app;
    mkdirSync('test-results', { recursive: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('position-row').first().waitFor();
    await page.getByTestId('order-ticket').fill(`buy 20 NVDA lmt 140 @${app.sim().accounts[0]}`);
    await page.getByTestId('order-ticket').press('Enter');
    const card = page.getByTestId('draft-card').first();
    await expect.poll(() => card.getAttribute('data-state')).toMatch(/pending|blocked/);
    await expect.poll(() => card.getByTestId('what-if').textContent()).toContain('commission');
    // The draft's chart is drawn with its limit before the picture is taken.
    await expect.poll(() => page.getByTestId('price-chart-canvas').getAttribute('data-drawn'), { timeout: 15_000 }).toContain('Limit 140.00');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const background = await page.evaluate("getComputedStyle(document.body).backgroundColor");
      expect(background).toBe(scheme === 'dark' ? 'rgb(17, 20, 24)' : 'rgb(246, 247, 249)');
      await page.screenshot({ path: `test-results/main-screen-${scheme}.png` });
    }
  });
});
