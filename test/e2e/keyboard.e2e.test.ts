import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRowsForDraft } from '../../src/main/store/audit-log';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

// Everything here is done from the keyboard only: no clicks.
describe('keyboard-driven approvals', () => {
  let app: AppUnderTest;

  beforeEach(async () => {
    app = await openReadyApp();
  });

  afterEach(async () => {
    await app.close();
  });

  const cardState = () => app.page.getByTestId('draft-card').first().getAttribute('data-state');
  const heldQuantity = async (symbol: string): Promise<number> => {
    const account = app.sim().accounts[0]!;
    return app.backend.broker.portfolio()?.positions.find((p) => p.account === account && p.symbol === symbol)?.quantity ?? 0;
  };

  it('n, type, Enter drafts; Enter opens; e edits; a approves; the order fills and the position moves', async () => {
    const { page } = app;
    const account = app.sim().accounts[0]!;
    const before = await heldQuantity('MSFT');
    await page.keyboard.press('n');
    await page.keyboard.type(`buy 3 MSFT @${account}`);
    await page.keyboard.press('Enter');
    await expect.poll(cardState).toBe('pending');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.keyboard.press('e');
    await page.getByTestId('edit-quantity').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('draft-card').first().getAttribute('aria-label')).toContain('BUY 4 MSFT');
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.dataset.testid')).not.toBe('edit-quantity');
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('[data-testid="draft-card"][data-state="filled"]').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => heldQuantity('MSFT'), { timeout: 15_000 }).toBe(before + 4);
  });

  it('a large draft is not approved by a single key press: it asks for the quantity', async () => {
    const { page } = app;
    const account = app.sim().accounts[0]!;
    await page.keyboard.press('n');
    await page.keyboard.type(`buy 35 SPY @${account}`);
    await page.keyboard.press('Enter');
    await expect.poll(cardState).toBe('pending');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('draft-card').first().getAttribute('data-large')).toBe('true');
    await page.keyboard.press('a');
    await page.getByTestId('confirm-large-dialog').waitFor();
    expect(await cardState()).toBe('pending');
    await page.keyboard.press('a');
    await page.keyboard.press('Enter');
    expect(await cardState()).toBe('pending');
    // A wrong quantity and Enter says what to type; it does not approve.
    await page.getByTestId('confirm-large-problem').waitFor();
    expect(await page.getByTestId('confirm-large-problem').textContent()).toContain('Type 35 to approve');
    await page.keyboard.press('Escape');
    await page.getByTestId('confirm-large-dialog').waitFor({ state: 'detached' });
    expect(await cardState()).toBe('pending');
    await page.keyboard.press('a');
    await page.getByTestId('confirm-quantity').waitFor();
    await page.keyboard.type('35');
    await page.keyboard.press('Enter');
    await expect.poll(cardState, { timeout: 15_000 }).not.toBe('pending');
  });

  it('the large-order threshold is a setting: raised above the order, one key press approves it', async () => {
    const { page } = app;
    await page.keyboard.press('n');
    await page.keyboard.type(`buy 35 SPY @${app.sim().accounts[0]}`);
    await page.keyboard.press('Enter');
    await expect.poll(cardState).toBe('pending');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('draft-card').first().getAttribute('data-large')).toBe('true');
    const saved = await app.backend.handlers.updateSettings({ approvals: { largeOrderPct: 50 } });
    expect(saved.approvals.largeOrderPct).toBe(50);
    await expect.poll(() => page.getByTestId('draft-card').first().getAttribute('data-large')).toBe('false');
    await page.keyboard.press('a');
    await expect.poll(cardState, { timeout: 15_000 }).not.toBe('pending');
    expect(await page.getByTestId('confirm-large-dialog').count()).toBe(0);
  });

  it('r rejects with a reason that is kept with the draft', async () => {
    const { page } = app;
    await page.keyboard.press('n');
    await page.keyboard.type(`buy 2 AAPL @${app.sim().accounts[0]}`);
    await page.keyboard.press('Enter');
    await expect.poll(cardState).toBe('pending');
    const id = (await page.getByTestId('draft-card').first().getAttribute('data-draft-id'))!;
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    await page.getByTestId('reject-dialog').waitFor();
    await page.keyboard.type('Too close to earnings');
    await page.keyboard.press('Enter');
    await expect.poll(() => app.backend.store!.drafts.get(id)?.state).toBe('rejected');
    const rejection = auditRowsForDraft(app.backend.store!.db, id).find((row) => row.action === 'draft.rejected');
    expect(rejection?.details).toMatchObject({ reason: 'Too close to earnings' });
  });

  it('? lists every shortcut', async () => {
    const { page } = app;
    await page.keyboard.press('?');
    const dialog = page.getByTestId('shortcuts-dialog');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    for (const keys of ['j / ↓', 'k / ↑', 'Enter', 'a', 'r', 'e', 'n', '/', 'g p', 'g q', 'g c', 'Ctrl/⌘ K', '?']) expect(text).toContain(keys);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+k');
    await page.getByTestId('command-palette').waitFor();
  });
});
