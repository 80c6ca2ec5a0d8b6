import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

// Keyboard only, in the all-accounts view the app opens in.
describe('the order ticket says what it understood, and where it goes, before anything is sent', () => {
  let app: AppUnderTest;
  beforeEach(async () => {
    app = await openReadyApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const reading = () => app.page.getByTestId('ticket-understood');
  const drafted = () => app.backend.desk!.view().drafts;

  it('reads the order as it is typed and names the account in the all-accounts view', async () => {
    const { page } = app;
    const [first, second] = app.sim().accounts as [string, string];
    expect(await page.getByTestId('account-switcher').inputValue()).toBe('all');

    await page.keyboard.press('n');
    await page.keyboard.type('buy 10');
    await expect.poll(() => reading().textContent()).toContain('Not understood yet');
    await page.keyboard.type(' AAPL lmt 190');
    await expect.poll(() => reading().textContent()).toContain('Understood: BUY 10 AAPL LMT 190.00 DAY');
    // Nothing typed after @: the first account, and the ticket says so and how to choose.
    expect(await page.getByTestId('ticket-account').getAttribute('data-account')).toBe(first);
    expect(await page.getByTestId('ticket-account').textContent()).toContain('type @ACCOUNT for another');
    expect(drafted()).toHaveLength(0);

    await page.keyboard.type(` @${second.toLowerCase()}`);
    await expect.poll(() => page.getByTestId('ticket-account').getAttribute('data-account')).toBe(second);
    expect(await page.getByTestId('ticket-account').textContent()).toContain('as typed');
    await page.keyboard.press('Enter');
    await expect.poll(() => drafted().length).toBe(1);
    // The draft went where the ticket said.
    expect(drafted()[0]?.account).toBe(second);
  });

  it('names an unknown account and the accounts there are before Enter', async () => {
    const { page } = app;
    await page.keyboard.press('n');
    await page.keyboard.type('sell 5 MSFT @DU0000000');
    await expect.poll(() => page.getByTestId('ticket-account').textContent()).toContain('There is no account DU0000000');
    const text = (await page.getByTestId('ticket-account').textContent()) ?? '';
    for (const account of app.sim().accounts) expect(text).toContain(account);
    expect(drafted()).toHaveLength(0);
  });
});
