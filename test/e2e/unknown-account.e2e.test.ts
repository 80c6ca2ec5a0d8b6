import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

describe('the order ticket with an account that does not exist', () => {
  let app: AppUnderTest;
  beforeEach(async () => {
    app = await openReadyApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('refuses it at once with the accounts there are, and no draft waits', async () => {
    const { page } = app;
    await page.keyboard.press('n');
    await page.keyboard.type('buy 1 AAPL @DU0000000');
    await page.keyboard.press('Enter');
    const problem = page.locator('form[aria-label="Order ticket"] [role="alert"]');
    await problem.waitFor();
    const text = (await problem.textContent()) ?? '';
    expect(text).toContain('There is no account DU0000000');
    for (const account of app.sim().accounts) expect(text).toContain(account);
    // The person's typing to fix: the field itself is marked, not only a message shown.
    expect(text).toContain('Check what you typed');
    expect(await page.getByTestId('order-ticket').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('draft-card').count()).toBe(0);
  });
});
