import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type AppUnderTest } from './support/app-under-test';

// The chat and the charts load their code after the first frame. A chunk that
// cannot be read (a damaged install, a disk error) must be said where that
// part would be, and must never take the positions, the queue and the halt
// down with it.
describe('a part of the window whose code does not load', () => {
  let app: AppUnderTest | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const ready = async (a: AppUnderTest): Promise<void> => {
    await expect.poll(() => a.page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
    await a.page.getByTestId('position-row').first().waitFor();
  };

  it('the chat says so in its own pane, the queue and positions stay, and Try again brings the chat', async () => {
    app = await openApp({ failChunksOnce: ['chat-pane'] });
    const { page } = app;
    await ready(app);
    const failure = page.locator('.chat-pane [data-testid="part-failed"]');
    await failure.waitFor();
    expect(await failure.textContent()).toMatch(/The research chat could not be loaded/);
    expect(await page.getByTestId('queue-pane').isVisible()).toBe(true);
    expect(await page.getByTestId('position-row').first().isVisible()).toBe(true);

    await failure.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('chat-pane').waitFor();
    expect(await page.getByTestId('part-failed').count()).toBe(0);
  });

  it('the price chart says so in the chart panel, the positions stay, and Try again draws it', async () => {
    app = await openApp({ failChunksOnce: ['price-chart'] });
    const { page } = app;
    await ready(app);
    const failure = page.locator('[data-testid="chart-panel"] [data-testid="part-failed"]');
    await failure.waitFor();
    expect(await failure.textContent()).toMatch(/The price chart could not be loaded/);
    expect(await page.getByTestId('queue-pane').isVisible()).toBe(true);
    expect(await page.getByTestId('position-row').first().isVisible()).toBe(true);

    await failure.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('price-chart').waitFor();
  });
});
