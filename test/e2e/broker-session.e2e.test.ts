import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type AppUnderTest } from './support/app-under-test';

describe('the broker session on screen (demo gateway)', () => {
  let app: AppUnderTest;

  beforeEach(async () => {
    app = await openApp();
  });

  afterEach(async () => {
    await app.close();
  });

  it('shows the positions the demo gateway holds, with a paper badge', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
    expect(await page.getByTestId('mode-badge').textContent()).toBe('PAPER');
    await page.getByTestId('position-row').first().waitFor();
    const held = new Set(app.backend.broker.portfolio()?.positions.map((p) => p.symbol));
    const shown = await page.getByTestId('position-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-symbol')));
    expect(shown.length).toBeGreaterThan(0);
    for (const symbol of shown) expect(held.has(symbol ?? '')).toBe(true);
    await expect.poll(() => page.getByTestId('positions-totals').textContent()).toMatch(/Total \(\d+\)/);
    expect(app.pageErrors).toEqual([]);
  });

  it('raises the pop-up on a competing login, and "Take the session back" reconnects and closes it', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
    app.sim().faults.competingSession();
    const dialog = page.getByTestId('session-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Another login took this IB session (TWS, the web portal or the mobile app).');
    await page.getByRole('button', { name: 'Take the session back' }).click();
    await expect.poll(() => page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
    await dialog.waitFor({ state: 'detached' });
  });
});
