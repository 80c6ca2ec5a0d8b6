import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRowsForDraft } from '../../src/main/store/audit-log';
import { SHORTCUTS, shortcutRows } from '../../src/renderer/src/keyboard/shortcuts';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';
import { largeOrderQuantity } from './support/large-order';
import { recordCalls } from './support/queue-probe';

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
    const large = await largeOrderQuantity(app, 'SPY', account);
    await page.keyboard.press('n');
    await page.keyboard.type(`buy ${large} SPY @${account}`);
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
    expect(await page.getByTestId('confirm-large-problem').textContent()).toContain(`Type ${large} to approve`);
    await page.keyboard.press('Escape');
    await page.getByTestId('confirm-large-dialog').waitFor({ state: 'detached' });
    expect(await cardState()).toBe('pending');
    await page.keyboard.press('a');
    await page.getByTestId('confirm-quantity').waitFor();
    await page.keyboard.type(String(large));
    await page.keyboard.press('Enter');
    await expect.poll(cardState, { timeout: 15_000 }).not.toBe('pending');
  });

  it('the large-order threshold is a setting: raised above the order, one key press approves it', async () => {
    const { page } = app;
    const account = app.sim().accounts[0]!;
    const large = await largeOrderQuantity(app, 'SPY', account);
    await page.keyboard.press('n');
    await page.keyboard.type(`buy ${large} SPY @${account}`);
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

  it('the ? dialog and the settings list exactly the table the key handler reads, and a key the table does not list does nothing', async () => {
    const { page } = app;
    const account = app.sim().accounts[0]!;
    await app.backend.handlers.draftFromTicket({ text: `buy 1 QQQ @${account}` });
    await app.backend.handlers.draftFromTicket({ text: `buy 1 MSFT @${account}` });
    await expect.poll(() => page.locator('[data-testid="draft-card"][data-state="pending"]').count()).toBe(2);
    const rowsOf = (testId: string) =>
      page
        .getByTestId(testId)
        .getByTestId('shortcut-row')
        .evaluateAll((trs) => trs.map((tr) => ({ keys: tr.querySelector('th')?.textContent ?? '', does: tr.querySelector('td')?.textContent ?? '' })));
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts-dialog').waitFor();
    expect(await rowsOf('shortcuts-dialog')).toEqual(shortcutRows(SHORTCUTS));
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcuts-dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Connection settings');
    await page.keyboard.press('Enter');
    const settings = page.getByTestId('settings-dialog');
    await settings.getByRole('tab', { name: 'Keyboard' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rowsOf('settings-dialog')).toEqual(shortcutRows(SHORTCUTS));
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });

    // Every other key, alone and after g, with the queue focused on a selected draft: nothing happens.
    const calls = recordCalls(app);
    const listed = new Set(SHORTCUTS.flatMap((shortcut) => shortcut.presses));
    const unlisted = [...'abcdefghijklmnopqrstuvwxyz0123456789-=[];\',./`', 'Tab', 'Backspace', 'Delete', 'Home', 'End', 'PageDown', 'PageUp', 'ArrowLeft', 'ArrowRight', 'Space']
      .map((key) => (key === 'Space' ? ' ' : key))
      .filter((key) => !listed.has(key) && key !== 'g' && key !== 'Tab');
    expect(unlisted.length).toBeGreaterThan(40);
    const look = () =>
      page.evaluate(() => ({
        selected: document.querySelector('[data-testid="draft-card"][aria-current="true"]')?.getAttribute('data-draft-id') ?? null,
        expanded: Array.from(document.querySelectorAll('[data-testid="draft-card"]')).map((card) => card.getAttribute('aria-expanded')),
        dialogs: document.querySelectorAll('[role="dialog"], [role="alertdialog"]').length,
        editing: document.querySelectorAll('[data-testid="edit-quantity"]').length,
        focus: (document.activeElement as HTMLElement | null)?.dataset['draftId'] ?? document.activeElement?.tagName ?? null,
      }));
    await page.keyboard.press('g');
    await page.keyboard.press('q');
    const before = await look();
    expect(before.selected).not.toBeNull();
    for (const key of unlisted) {
      for (const presses of [[key], ['g', key]]) {
        for (const press of presses) await page.keyboard.press(press === ' ' ? 'Space' : press);
        await calls.settle();
        expect(await look(), presses.join(' then ')).toEqual(before);
      }
    }
    expect(calls.queueActions()).toEqual([]);
  });
});
