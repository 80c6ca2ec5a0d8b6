/// <reference lib="dom" />
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

// Keyboard only: what a person reads when something is not right.
describe('plain words everywhere', () => {
  let app: AppUnderTest;
  beforeEach(async () => {
    app = await openReadyApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const openRiskLimits = async (): Promise<void> => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await page.getByTestId('command-palette').waitFor();
    await page.keyboard.type('Connection settings');
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-dialog').waitFor();
    await page.getByRole('tab', { name: 'Risk limits' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('input[data-limit="maxNotional"]').waitFor();
  };

  it('an emptied risk limit is not saved as 0: the message names the field and says why', async () => {
    const { page } = app;
    const before = app.backend.desk!.riskLimits().maxNotional;
    await openRiskLimits();
    await page.locator('input[data-limit="maxNotional"]').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    const said = page.getByTestId('limits-saved');
    await said.waitFor();
    const text = (await said.textContent()) ?? '';
    expect(text).toContain('"Largest single order (USD)" is empty');
    expect(text).toContain('not saved as 0');
    expect(text).not.toContain('Invalid payload');
    expect(await page.locator('input[data-limit="maxNotional"]').getAttribute('aria-invalid')).toBe('true');
    expect(app.backend.desk!.riskLimits().maxNotional).toBe(before);
  });

  it('a 493-character symbol is cut in the message, which stays inside the queue pane', async () => {
    const { page } = app;
    await page.keyboard.press('n');
    await page.keyboard.type('buy 1 ');
    await page.keyboard.insertText('A'.repeat(493));
    await page.keyboard.press('Enter');
    const problem = page.locator('form[aria-label="Order ticket"] [role="alert"]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('(493 characters) is not a symbol');
    const fits = await page.evaluate(() => {
      const pane = document.querySelector('[data-testid="queue-pane"]')!.getBoundingClientRect();
      const message = document.querySelector('form[aria-label="Order ticket"] [role="alert"]') as HTMLElement;
      const box = message.getBoundingClientRect();
      return { inside: box.left >= pane.left && box.right <= pane.right + 0.5, overflow: message.scrollWidth - message.clientWidth };
    });
    expect(fits).toEqual({ inside: true, overflow: 0 });
    // The whole text is still in the ticket, to correct.
    expect((await page.getByTestId('order-ticket').inputValue()).length).toBe('buy 1 '.length + 493);
  });

  it('a rejected card shows the reason it was rejected for', async () => {
    const { page } = app;
    await page.keyboard.press('n');
    await page.keyboard.type(`buy 2 AAPL @${app.sim().accounts[0]}`);
    await page.keyboard.press('Enter');
    const card = page.getByTestId('draft-card').first();
    await expect.poll(() => card.getAttribute('data-state')).toBe('pending');
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    await page.getByTestId('reject-dialog').waitFor();
    await page.keyboard.type('Too close to earnings');
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getAttribute('data-state')).toBe('rejected');
    expect(await card.getByTestId('rejection-reason').textContent()).toBe('Rejected: Too close to earnings');
  });

  it('day trades left is not shown as -1: a cash account says the rule does not apply', async () => {
    const { page } = app;
    const accounts = app.backend.broker.portfolio()!.accounts;
    const cash = accounts.find((a) => a.kind === 'cash')!.account;
    const margin = accounts.find((a) => a.kind === 'margin')!.account;
    const switcher = page.getByTestId('account-switcher');
    await switcher.focus();
    await switcher.selectOption(cash);
    await expect.poll(() => page.getByTestId('day-trades').textContent()).toBe('Does not apply to a cash account');
    await switcher.selectOption(margin);
    await expect.poll(() => page.getByTestId('day-trades').textContent()).toBe('No limit (equity of $25,000 or more)');
    expect(await page.getByTestId('account-summary').textContent()).not.toContain('-1');
  });
});
