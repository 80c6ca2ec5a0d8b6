import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type AppUnderTest } from './support/app-under-test';

describe('the approval queue in Chromium', () => {
  let app: AppUnderTest;

  beforeEach(async () => {
    app = await openApp();
    await expect.poll(() => app.page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
  });

  afterEach(async () => {
    await app.close();
  });

  it('a typed draft shows its checks and what-if, and once approved fills and moves the position', async () => {
    const { page } = app;
    const account = app.sim().accounts[0]!;
    await page.getByTestId('account-switcher').selectOption(account);
    const aaplBefore = Number(
      (await page.locator('[data-testid="position-row"][data-symbol="AAPL"] td').first().textContent())?.replace(/,/g, '') ?? '0',
    );
    await page.getByTestId('order-ticket').fill('buy 10 AAPL');
    await page.getByTestId('order-ticket').press('Enter');
    const card = page.getByTestId('draft-card').first();
    await card.waitFor();
    await expect.poll(() => card.getAttribute('data-state')).toBe('pending');
    expect(await card.locator('.verdict').count()).toBeGreaterThan(5);
    // Ages follow main's clock (here the harness's test clock, days from the machine's): a new draft is seconds old, never hours.
    expect(await card.textContent()).toMatch(/ · \d{1,2}s old/);
    await expect.poll(() => card.getByTestId('what-if').textContent()).toContain('commission');
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.locator('[data-testid="draft-card"][data-state="filled"]').count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(async () => Number((await page.locator('[data-testid="position-row"][data-symbol="AAPL"] td').first().textContent())?.replace(/,/g, '') ?? '0'), {
        timeout: 15_000,
      })
      .toBe(aaplBefore + 10);
    expect(app.pageErrors).toEqual([]);
  });

  it('disables approval while the session is not ready and says why; the draft stays pending', async () => {
    const { page } = app;
    await page.getByTestId('order-ticket').fill(`buy 1 SPY @${app.sim().accounts[0]}`);
    await page.getByTestId('order-ticket').press('Enter');
    const card = page.getByTestId('draft-card').first();
    await expect.poll(() => card.getAttribute('data-state')).toBe('pending');
    expect(await card.getByRole('button', { name: 'Approve' }).isEnabled()).toBe(true);
    app.sim().faults.competingSession();
    await page.getByTestId('session-dialog').waitFor();
    await page.getByRole('button', { name: 'Stay disconnected' }).click();
    await expect.poll(() => card.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    expect(await card.getByTestId('approve-disabled-reason').textContent()).toContain('Approvals are paused');
    expect(await card.getAttribute('data-state')).toBe('pending');
  });
});
