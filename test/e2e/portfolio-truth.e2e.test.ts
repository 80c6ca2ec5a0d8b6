import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

// What a person with options, futures and foreign stocks in three accounts
// sees: an option group opened to its legs with IB's greeks, a EUR stock in
// its own currency and the account's, and all accounts in a currency they
// chose. Screenshots of each are saved with the suite's artefacts (test-results/).
describe('portfolio truth on screen', () => {
  let app: AppUnderTest;

  beforeEach(async () => {
    app = await openReadyApp();
    mkdirSync('test-results', { recursive: true });
    await app.page.setViewportSize({ width: 1600, height: 1100 });
  });

  afterEach(async () => {
    await app.close();
  });

  const margin = (): string => app.sim().accounts[0]!;

  it('an option group expands into its legs with delta, gamma, theta, vega and IV from IB', async () => {
    const { page } = app;
    await page.getByTestId('account-switcher').selectOption(margin());
    const group = page.locator('[data-testid="position-group"][data-underlying="SPY"]');
    await group.waitFor({ timeout: 15_000 });
    await expect.poll(() => group.textContent()).toContain('vertical');
    await group.getByRole('button', { name: /SPY options/ }).click();
    const legs = page.locator('tr.option-leg');
    await expect.poll(() => legs.count()).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => (await legs.first().getByTestId('greeks').textContent()) ?? '', { timeout: 15_000 }).toMatch(/Δ 0\.\d\d Γ \d\.\d{3} Θ -\d\.\d{3} V \d\.\d{3} IV \d+\.\d% · \d+d/);
    const texts = await legs.getByTestId('greeks').allTextContents();
    for (const text of texts) expect(text).not.toContain('not yet received');
    await page.screenshot({ path: 'test-results/portfolio-option-group.png' });
    // The greeks column is at the table's right edge: scrolled into view for a second picture.
    await page.getByTestId('positions-scroll').evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    await page.getByTestId('positions-scroll').screenshot({ path: 'test-results/portfolio-option-greeks.png' });
  });

  it('a EUR stock shows its value in EUR and in the USD base', async () => {
    const { page } = app;
    await page.getByTestId('account-switcher').selectOption(margin());
    const sap = page.locator('[data-testid="position-row"][data-symbol="SAP"]');
    await sap.waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await sap.getByTestId('own-value').textContent()) ?? '').toMatch(/^[\d,]+\.\d{2} EUR$/);
    await expect.poll(async () => (await sap.getByTestId('base-value').textContent()) ?? '').toMatch(/^[\d,]+\.\d{2} USD$/);
    const own = Number((await sap.getByTestId('own-value').textContent())!.replace(/[^\d.]/g, ''));
    const base = Number((await sap.getByTestId('base-value').textContent())!.replace(/[^\d.]/g, ''));
    // The base value is the EUR value at IB's rate, which is neither 1 nor missing.
    expect(base / own).toBeGreaterThan(0.5);
    expect(base / own).toBeLessThan(2);
    expect(Math.abs(base - own)).toBeGreaterThan(1);
    await expect.poll(async () => (await page.getByTestId('cash-by-currency').textContent()) ?? '').toMatch(/EUR.*JPY/);
    await sap.screenshot({ path: 'test-results/portfolio-eur-stock.png' });
    await page.screenshot({ path: 'test-results/portfolio-margin-account.png' });
  });

  it('all accounts are shown in the first account\'s base until another currency is chosen, and say so', async () => {
    const { page } = app;
    await page.getByTestId('account-switcher').selectOption('all');
    const caption = page.getByTestId('summary-currency');
    await expect.poll(() => caption.textContent()).toContain('each account converted from its base currency at IB\'s exchange rates');
    expect(await page.getByTestId('display-currency').inputValue()).toBe('USD');
    await expect.poll(async () => (await page.getByTestId('summary-net-liq').textContent()) ?? '', { timeout: 15_000 }).toMatch(/^[\d,]+\.\d{2} USD$/);
    const inUsd = Number((await page.getByTestId('summary-net-liq').textContent())!.replace(/[^\d.]/g, ''));
    await page.getByTestId('display-currency').selectOption('EUR');
    await expect.poll(async () => (await page.getByTestId('summary-net-liq').textContent()) ?? '').toMatch(/^[\d,]+\.\d{2} EUR$/);
    const inEur = Number((await page.getByTestId('summary-net-liq').textContent())!.replace(/[^\d.]/g, ''));
    // The same money in fewer, dearer euros.
    expect(inEur).toBeLessThan(inUsd);
    expect(inEur).toBeGreaterThan(inUsd * 0.7);
    await expect.poll(async () => (await page.getByTestId('positions-totals').textContent()) ?? '').toContain('EUR');
    await page.screenshot({ path: 'test-results/portfolio-all-accounts-eur.png' });
  });
});
