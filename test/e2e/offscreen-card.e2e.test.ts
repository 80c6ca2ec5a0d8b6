/// <reference lib="dom" />
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';
import { largeOrderQuantity } from './support/large-order';
import { recordCalls, selectedDraftId } from './support/queue-probe';

/** The card's order line is wholly inside the queue's scrolling list and the window: the person can read what they would approve. */
function orderLineInView(page: Page, draftId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const line = document.querySelector(`[data-testid="draft-card"][data-draft-id="${id}"] .draft-line`);
    const list = document.querySelector('[data-testid="queue-list"]');
    if (!line || !list) return false;
    const box = line.getBoundingClientRect();
    const outer = list.getBoundingClientRect();
    const inside = (top: number, bottom: number): boolean => box.top >= top - 0.5 && box.bottom <= bottom + 0.5;
    return box.height > 0 && inside(outer.top, outer.bottom) && inside(0, window.innerHeight);
  }, draftId);
}

/** Resolves once the queue list has stopped moving: PageDown scrolls smoothly, so a check right after the press sees a list still in motion. */
function scrollSettled(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const list = document.querySelector('[data-testid="queue-list"]')!;
        let last = -1;
        let still = 0;
        const frame = (): void => {
          if (list.scrollTop === last) still += 1;
          else [last, still] = [list.scrollTop, 0];
          if (still >= 5) resolve();
          else requestAnimationFrame(frame);
        };
        frame();
      }),
  );
}

const focusedDraftId = (page: Page): Promise<string | null> => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['draftId'] ?? null);

// Keyboard only: the person's keys, never a click.
describe('a queue key acts only on a draft the person can see', () => {
  let app: AppUnderTest;
  let account: string;

  beforeEach(async () => {
    app = await openReadyApp();
    await app.page.setViewportSize({ width: 1440, height: 900 });
    account = app.sim().accounts[0]!;
  });

  afterEach(async () => {
    await app.close();
  });

  const stateOf = (id: string) => app.page.locator(`[data-testid="draft-card"][data-draft-id="${id}"]`).getAttribute('data-state');

  /** Drafts `first`, then enough small drafts that the queue scrolls; selects the first card and scrolls it out of view with PageDown. */
  async function selectThenScrollAway(first: string): Promise<string> {
    const { page } = app;
    await app.backend.handlers.draftFromTicket({ text: `${first} @${account}` });
    for (const symbol of ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'JPM', 'XOM', 'V']) await app.backend.handlers.draftFromTicket({ text: `buy 1 ${symbol} @${account}` });
    await expect.poll(() => page.locator('[data-testid="draft-card"][data-state="pending"]').count()).toBe(9);
    await page.keyboard.press('g');
    await page.keyboard.press('q');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const id = (await selectedDraftId(page))!;
    expect(await page.getByTestId('draft-card').first().getAttribute('data-draft-id')).toBe(id);
    await expect.poll(() => focusedDraftId(page)).toBe(id);
    await scrollAway(id);
    return id;
  }

  async function scrollAway(id: string): Promise<void> {
    const { page } = app;
    for (let i = 0; i < 10 && (await orderLineInView(page, id)); i++) {
      await page.keyboard.press('PageDown');
      await scrollSettled(page);
    }
    expect(await orderLineInView(page, id), 'PageDown did not scroll the selected card out of view').toBe(false);
    expect(await selectedDraftId(page)).toBe(id);
  }

  it('a on a card scrolled out of view sends nothing and brings the card into view; a second a approves it', async () => {
    const { page } = app;
    const id = await selectThenScrollAway('buy 1 QQQ');
    const probe = recordCalls(app);
    await page.keyboard.press('a');
    await expect.poll(() => orderLineInView(page, id)).toBe(true);
    expect(await focusedDraftId(page)).toBe(id);
    await probe.settle();
    expect(probe.queueActions()).toEqual([]);
    expect(await stateOf(id)).toBe('pending');

    await page.keyboard.press('a');
    await expect.poll(() => stateOf(id), { timeout: 15_000 }).not.toBe('pending');
    expect(probe.queueActions()).toEqual(['approveDraft']);
  });

  it('r, e and a on a large order scrolled out of view only bring it into view; then a asks for the quantity as before', async () => {
    const { page } = app;
    const large = await largeOrderQuantity(app, 'SPY', account);
    const id = await selectThenScrollAway(`buy ${large} SPY`);
    expect(await page.locator(`[data-testid="draft-card"][data-draft-id="${id}"]`).getAttribute('data-large')).toBe('true');
    const probe = recordCalls(app);
    for (const key of ['r', 'e', 'a']) {
      await page.keyboard.press(key);
      await expect.poll(() => orderLineInView(page, id), { message: `${key} did not bring the card into view` }).toBe(true);
      expect(await focusedDraftId(page)).toBe(id);
      await probe.settle();
      expect(await page.getByTestId('reject-dialog').count(), `${key} opened the reject dialog`).toBe(0);
      expect(await page.getByTestId('edit-quantity').count(), `${key} opened the edit form`).toBe(0);
      expect(await page.getByTestId('confirm-large-dialog').count(), `${key} opened the large-order confirmation`).toBe(0);
      if (key !== 'a') await scrollAway(id);
    }
    expect(probe.queueActions()).toEqual([]);
    expect(await stateOf(id)).toBe('pending');

    await page.keyboard.press('a');
    await page.getByTestId('confirm-quantity').waitFor();
    await page.keyboard.type(String(large));
    await page.keyboard.press('Enter');
    await expect.poll(() => stateOf(id), { timeout: 15_000 }).not.toBe('pending');
    expect(probe.queueActions()).toEqual(['approveDraft']);
  });
});
