/// <reference lib="dom" />
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

// A verdict is true only for the inputs it was made on: the card must follow them.
describe('every waiting draft is judged again when its inputs change', () => {
  let app: AppUnderTest;
  let account: string;

  beforeEach(async () => {
    app = await openReadyApp();
    account = app.sim().accounts[0]!;
  });

  afterEach(async () => {
    await app.close();
  });

  const cardFor = (page: Page, id: string) => page.locator(`[data-testid="draft-card"][data-draft-id="${id}"]`);
  const verdictOf = (page: Page, id: string, check: string) => cardFor(page, id).locator(`[data-check="${check}"]`).getAttribute('data-outcome');
  const paletteCommand = async (page: Page, label: string): Promise<void> => {
    await page.keyboard.press('Control+k');
    await page.getByTestId('command-palette').waitFor();
    await page.keyboard.type(label);
    await page.keyboard.press('Enter');
  };

  it('Halt blocks the waiting drafts, and Resume returns them to pending and clears the halt', async () => {
    const { page } = app;
    const first = await app.backend.handlers.draftFromTicket({ text: `buy 1 AAPL @${account}`, account });
    const second = await app.backend.handlers.draftFromTicket({ text: `buy 2 MSFT @${account}`, account });
    await expect.poll(() => cardFor(page, second.id).getAttribute('data-state')).toBe('pending');
    await paletteCommand(page, 'Halt trading');
    await expect.poll(() => page.getByTestId('trading-state').textContent()).toContain('Halted');
    for (const id of [first.id, second.id]) {
      await expect.poll(() => cardFor(page, id).getAttribute('data-state')).toBe('blocked');
      await expect.poll(() => verdictOf(page, id, 'trading-state')).toBe('block');
    }
    await paletteCommand(page, 'Resume trading');
    for (const id of [first.id, second.id]) {
      await expect.poll(() => cardFor(page, id).getAttribute('data-state')).toBe('pending');
      expect(await verdictOf(page, id, 'trading-state')).toBe('pass');
    }
    expect(await page.getByTestId('trading-state').textContent()).not.toContain('Halted');
    expect(await page.getByTestId('approve-disabled-reason').count()).toBe(0);
    // And it can be approved from the keyboard at once.
    await page.keyboard.press('g');
    await page.keyboard.press('q');
    await page.keyboard.press('a');
    await expect.poll(() => app.backend.store!.drafts.get(first.id)?.state, { timeout: 15_000 }).not.toBe('pending');
  });

  it('Resume leaves a draft blocked when something other than the halt blocks it', async () => {
    const { page } = app;
    await app.backend.handlers.updateRiskLimits({ maxNotional: 100 });
    const big = await app.backend.handlers.draftFromTicket({ text: `buy 10 AAPL @${account}`, account });
    await expect.poll(() => verdictOf(page, big.id, 'max-notional')).toBe('block');
    await paletteCommand(page, 'Halt trading');
    await expect.poll(() => verdictOf(page, big.id, 'trading-state')).toBe('block');
    await paletteCommand(page, 'Resume trading');
    await expect.poll(() => verdictOf(page, big.id, 'trading-state')).toBe('pass');
    expect(await cardFor(page, big.id).getAttribute('data-state')).toBe('blocked');
  });

  it('a limit change re-checks a draft that was already blocked, and the card says when its checks ran', async () => {
    const { page } = app;
    await app.backend.handlers.updateRiskLimits({ maxNotional: 100 });
    const draft = await app.backend.handlers.draftFromTicket({ text: `buy 10 AAPL @${account}`, account });
    await expect.poll(() => cardFor(page, draft.id).getAttribute('data-state')).toBe('blocked');
    expect(await verdictOf(page, draft.id, 'max-net-liq-pct')).not.toBe('block');
    await page.getByTestId('checked-at').first().waitFor();
    // A limit well under this order's share of the account.
    await app.backend.handlers.updateRiskLimits({ maxPctNetLiq: 0.01 });
    await expect.poll(() => verdictOf(page, draft.id, 'max-net-liq-pct')).toBe('block');
    expect(await cardFor(page, draft.id).getAttribute('data-state')).toBe('blocked');
    // Raised again: the block from the notional cap alone remains.
    await app.backend.handlers.updateRiskLimits({ maxPctNetLiq: 10, maxNotional: 1_000_000 });
    await expect.poll(() => cardFor(page, draft.id).getAttribute('data-state')).toBe('pending');
    expect(await verdictOf(page, draft.id, 'max-notional')).toBe('pass');
  });

  it('a lost session re-checks the waiting drafts, and they come back when it is ready', async () => {
    const { page } = app;
    const draft = await app.backend.handlers.draftFromTicket({ text: `buy 1 AAPL @${account}`, account });
    await expect.poll(() => verdictOf(page, draft.id, 'session-ready')).toBe('pass');
    app.sim().faults.competingSession();
    await expect.poll(() => verdictOf(page, draft.id, 'session-ready')).toBe('block');
    await page.getByTestId('session-dialog').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
    await expect.poll(() => verdictOf(page, draft.id, 'session-ready'), { timeout: 15_000 }).toBe('pass');
    await expect.poll(() => cardFor(page, draft.id).getAttribute('data-state')).toBe('pending');
  });
});
