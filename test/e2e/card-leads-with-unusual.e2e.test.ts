/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

// Fifteen green ticks in the weight of the one warning is how a warning gets approved unread.
describe('a card leads with what is unusual', () => {
  let app: AppUnderTest;

  beforeEach(async () => {
    app = await openReadyApp();
  });

  afterEach(async () => {
    await app.close();
  });

  it('shows its only warning first, the facts next, and the passes as one line that opens from the keyboard', async () => {
    const { page } = app;
    const account = app.sim().accounts[0]!;
    const portfolio = () => app.backend.broker.portfolio()!;
    await expect.poll(() => portfolio().quotes.find((q) => q.symbol === 'AAPL')?.ask ?? null, { timeout: 15_000 }).not.toBeNull();
    const ask = portfolio().quotes.find((q) => q.symbol === 'AAPL')!.ask!;
    // A buy stop 1% under the ask triggers at once: the price collar warns, and nothing else should.
    const stop = (ask * 0.99).toFixed(2);
    const draft = await app.backend.handlers.draftFromTicket({ text: `buy 1 AAPL stp ${stop}`, account });
    const card = page.locator(`[data-testid="draft-card"][data-draft-id="${draft.id}"]`);
    await expect.poll(() => card.getAttribute('data-state')).toBe('pending');
    await card.getByTestId('draft-facts').waitFor();

    const verdicts = app.backend.desk!.view().review[draft.id]!.verdicts;
    expect(verdicts.filter((v) => v.outcome !== 'pass').map((v) => [v.check, v.outcome])).toEqual([['price-collar', 'warn']]);
    const passes = verdicts.filter((v) => v.outcome === 'pass').length;

    // Right under the order line: the warning, then the facts, then the one line of passes.
    const layout = await card.evaluate((el) => {
      const notable = el.querySelector('[data-testid="notable"]')!;
      return {
        afterHeader: notable.previousElementSibling?.tagName,
        order: Array.from(notable.children).map((child) => child.getAttribute('data-testid') ?? child.className),
        firstVisibleVerdict: Array.from(el.querySelectorAll<HTMLElement>('.verdict')).find((v) => v.offsetParent !== null)?.dataset['check'],
      };
    });
    expect(layout).toEqual({
      afterHeader: 'HEADER',
      order: ['verdicts not-passed', 'draft-facts', 'passes-line', 'verdicts passed'],
      firstVisibleVerdict: 'price-collar',
    });
    await expect.poll(() => card.locator('.verdicts.not-passed [data-outcome="warn"] .verdict-text').textContent()).toContain('triggers at once');

    const line = card.getByTestId('passes-line');
    expect(await line.textContent()).toBe(`✓ ${passes} checks passed (c to show)`);
    expect(await line.getAttribute('aria-expanded')).toBe('false');
    expect(await card.locator('.verdicts.passed').isVisible()).toBe(false);
    expect(await card.locator('.verdict').evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).length)).toBe(1);

    // Every fact main computed is shown; one that cannot be computed says why.
    const facts = card.locator('[data-testid="draft-facts"] li');
    expect(await facts.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')).sort())).toEqual(['concentration', 'position', 'quote-age', 'quote-distance', 'size']);
    expect(await card.locator('[data-kind="size"]').getAttribute('data-known')).toBe('false');
    expect(await card.locator('[data-kind="size"] .fact-text').textContent()).toContain('no approved orders');
    expect(await card.locator('[data-kind="position"] .fact-text').textContent()).toMatch(/Adds to your long AAPL|Opens a new long position/);
    expect(await card.locator('[data-kind="quote-age"] .fact-text').textContent()).toMatch(/AAPL quote [\d.]+ s old at the check, live\./);

    mkdirSync('test-results', { recursive: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await card.screenshot({ path: 'test-results/card-leads-with-unusual.png' });

    // `c` from the queue opens the passes; Enter on the focused line closes them again.
    await page.keyboard.press('g');
    await page.keyboard.press('q');
    await expect.poll(() => card.getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('c');
    await expect.poll(() => line.getAttribute('aria-expanded')).toBe('true');
    expect(await card.locator('.verdicts.passed .verdict').evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).length)).toBe(passes);
    expect(await line.textContent()).toBe(`✓ ${passes} checks passed`);
    await card.screenshot({ path: 'test-results/card-leads-with-unusual-passes-open.png' });
    await line.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => line.getAttribute('aria-expanded')).toBe('false');
    expect(await card.locator('.verdicts.passed').isVisible()).toBe(false);
    expect(app.pageErrors).toEqual([]);
  });
});
