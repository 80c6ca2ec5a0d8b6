/// <reference lib="dom" />
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

/**
 * Where an element is not fully on screen: outside the window, or cut by a
 * box around it that clips (overflow other than visible), or its own text
 * wider than its box. Empty when the whole element can be seen.
 */
function clipping(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const problems: string[] = [];
    const elements = Array.from(document.querySelectorAll<HTMLElement>(sel));
    if (elements.length === 0) return [`${sel}: not found`];
    for (const element of elements) {
      const name = `${sel} "${(element.textContent ?? '').trim().slice(0, 30)}"`;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) problems.push(`${name}: has no size`);
      if (box.left < 0 || box.top < 0 || box.right > window.innerWidth + 0.5 || box.bottom > window.innerHeight + 0.5) {
        problems.push(`${name}: outside the window (${Math.round(box.left)},${Math.round(box.top)} to ${Math.round(box.right)},${Math.round(box.bottom)})`);
      }
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const outer = parent.getBoundingClientRect();
        if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5 || box.top < outer.top - 0.5 || box.bottom > outer.bottom + 0.5) {
          problems.push(`${name}: cut by ${parent.tagName.toLowerCase()}.${parent.className} (${Math.round(box.left)}-${Math.round(box.right)} × ${Math.round(box.top)}-${Math.round(box.bottom)} in ${Math.round(outer.left)}-${Math.round(outer.right)} × ${Math.round(outer.top)}-${Math.round(outer.bottom)})`);
          break;
        }
      }
      if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible') problems.push(`${name}: its text is wider than its box`);
    }
    return problems;
  }, selector);
}

describe('the main screen at 1440×900', () => {
  let app: AppUnderTest;

  beforeEach(async () => {
    app = await openReadyApp();
    await app.page.setViewportSize({ width: 1440, height: 900 });
  });

  afterEach(async () => {
    await app.close();
  });

  it('every column of the positions table, the Halt button and the order ticket are in view and not cut, also with the queue scrolled to its end', async () => {
    const { page } = app;
    const account = app.sim().accounts[0]!;
    // Enough drafts that the queue must scroll.
    for (const symbol of ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'JPM', 'XOM', 'V']) await app.backend.handlers.draftFromTicket({ text: `buy 1 ${symbol} @${account}` });
    await expect.poll(() => page.locator('[data-testid="draft-card"]').count()).toBe(8);
    expect(await page.getByTestId('queue-list').evaluate((el) => el.scrollHeight > el.clientHeight * 1.5)).toBe(true);

    // Eleven figures, in seven columns of one or two lines each.
    const headings = await page.locator('.positions-table thead th > span').allTextContents();
    expect(headings.map((h) => h.replace(/ [▲▼]$/, ''))).toEqual([
      'Symbol', 'Account', 'Qty', 'Price', 'Avg cost', 'Mkt value', 'Base value', 'Weight', 'Unrealized', 'Daily P&L', 'Greeks · expiry',
    ]);
    const problems = [...(await clipping(page, '.positions-table thead th')), ...(await clipping(page, '[data-testid="positions-totals"] > *'))];
    // An option group opened to its legs: their greeks and expiries still fit.
    // The table draws only the rows near its scroll position: scroll until a group is drawn.
    const scroller = page.getByTestId('positions-scroll');
    const groups = page.locator('[data-testid="position-group"]');
    for (let top = 0; (await groups.count()) === 0; top += 200) {
      expect(top, 'an option group in the demo account').toBeLessThan(20_000);
      await scroller.evaluate((el, y) => { el.scrollTop = y; }, top);
    }
    await groups.first().locator('button.group-toggle').click();
    await expect.poll(() => page.locator('tr.option-leg').count()).toBeGreaterThan(0);
    await expect.poll(async () => (await page.locator('tr.option-leg').first().getByTestId('greeks').textContent()) ?? '', { timeout: 15_000 }).toContain('IV');
    problems.push(...(await clipping(page, '.positions-table thead th')).map((p) => `legs open: ${p}`));
    const halt = '[data-testid="queue-pane"] button.halt';
    const ticket = '[data-testid="order-ticket"]';
    problems.push(...(await clipping(page, halt)), ...(await clipping(page, ticket)));

    // The person scrolls the queue to its last draft (End on the focused queue): Halt and the ticket stay.
    await page.keyboard.press('g');
    await page.keyboard.press('q');
    for (let i = 0; i < 8; i++) await page.keyboard.press('j');
    await page.getByTestId('draft-card').last().evaluate((card) => card.scrollIntoView({ block: 'end' }));
    problems.push(...(await clipping(page, halt)).map((p) => `scrolled: ${p}`), ...(await clipping(page, ticket)).map((p) => `scrolled: ${p}`));
    expect(problems).toEqual([]);
  });

  it('the shortcuts table fits its dialog; the allocation labels are whole and inside the chart; 1Y is a year of weekly bars', async () => {
    const { page } = app;
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts-dialog').waitFor();
    expect(await clipping(page, '[data-testid="shortcuts-dialog"] table')).toEqual([]);
    expect(await clipping(page, '[data-testid="shortcuts-dialog"] td')).toEqual([]);
    // The dialog does not clip, so a table wider than it would spill over its edge: it must sit inside.
    const spill = await page.getByTestId('shortcuts-dialog').evaluate((dialog) => {
      const box = dialog.getBoundingClientRect();
      const table = dialog.querySelector('table')!.getBoundingClientRect();
      return { right: table.right - box.right, bottom: table.bottom - box.bottom, scroll: dialog.scrollWidth - dialog.clientWidth };
    });
    expect(spill.right).toBeLessThanOrEqual(0);
    expect(spill.bottom).toBeLessThanOrEqual(0);
    expect(spill.scroll).toBeLessThanOrEqual(0);
    await page.keyboard.press('Escape');

    const charts = page.getByTestId('chart-panel');
    await charts.getByRole('tab', { name: 'Allocation' }).focus();
    await page.keyboard.press('Enter');
    const ring = page.getByTestId('allocation-ring');
    await expect.poll(() => ring.locator('svg text').count(), { timeout: 15_000 }).toBeGreaterThan(2);
    for (const basis of ['By sector', 'By type', 'By position']) {
      await page.getByRole('radio', { name: basis }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('radio', { name: basis }).getAttribute('aria-checked')).toBe('true');
      const names = await page.getByTestId('allocation-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-name') ?? ''));
      const labels = await ring.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return Array.from(element.querySelectorAll('svg text')).map((text) => {
          const r = text.getBoundingClientRect();
          const inside = r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
          return { text: text.textContent ?? '', inside };
        });
      });
      const cut = labels.filter((label) => !label.inside || label.text.includes('…'));
      expect(cut, basis).toEqual([]);
      // Every slice's name is on the ring, whole (a long name may wrap onto two lines).
      const shown = labels.map((label) => label.text).join(' ');
      for (const name of names) for (const word of name.split(' ')) expect(shown, `${basis}: ${name}`).toContain(word);
    }

    await charts.getByRole('tab', { name: 'Price chart' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('radio', { name: '1Y' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chart-summary').textContent(), { timeout: 15_000 }).toMatch(/· 1Y · \d+ bars of 1 week/);
    const symbol = (await page.getByTestId('price-chart').getAttribute('data-symbol'))!;
    // The first position may be a future or an option, known to IB by its contract id, not its local symbol.
    const conId = Number(await page.getByTestId('price-chart').getAttribute('data-con-id')) || undefined;
    const history = await app.backend.handlers.getPriceHistory({ symbol, ...(conId ? { conId } : {}), period: '1Y' });
    const spanDays = (history.bars.at(-1)!.time - history.bars[0]!.time) / 86_400_000;
    // 52 weeks from the first bar's Monday to the last one's: a year, not since March.
    expect(spanDays).toBeGreaterThanOrEqual(357);
    expect(spanDays).toBeLessThanOrEqual(372);
    const drawn = JSON.parse((await page.getByTestId('price-chart-canvas').getAttribute('data-drawn')) ?? '[]') as { type: string; points: number }[];
    expect(drawn.find((series) => series.type === 'candlestick')?.points).toBe(history.bars.length);
    expect(history.bars.length).toBeGreaterThanOrEqual(52);
  });

  it('narrower, at 1280×800, the three panes still fit the window side by side (the positions table scrolls within its pane)', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await clipping(page, 'main.panes > section.pane')).toEqual([]);
    expect(await clipping(page, '[data-testid="queue-pane"] button.halt')).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
