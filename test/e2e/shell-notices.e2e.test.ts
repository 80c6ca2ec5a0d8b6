import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

// What the desktop shell tells the window, sent here on the same contract
// events the Electron shell emits: a halt asked for by a global shortcut is
// only a question in the window, and a tray halt's outcome is shown in it.
describe('the shell telling the window', () => {
  let app: AppUnderTest;

  beforeEach(async () => {
    app = await openReadyApp();
  });

  afterEach(async () => {
    await app.close();
  });

  const tradingState = async (): Promise<string> => (await app.backend.handlers.getQueue(undefined)).tradingState;

  it('a global halt shortcut asks first: a stray Enter keeps trading, and only the Halt button halts', async () => {
    const { page } = app;
    await app.backend.handlers.setTradingState({ state: 'active' });
    app.backend.events.emit('confirmHalt', { requestedAt: 1 });
    await page.getByTestId('confirm-halt-dialog').waitFor();
    // Queue keys do nothing while the question is open.
    await page.keyboard.press('a');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('confirm-halt-dialog').count()).toBe(0);
    expect(await tradingState()).toBe('active');

    app.backend.events.emit('confirmHalt', { requestedAt: 2 });
    await page.getByRole('button', { name: 'Halt trading' }).click();
    await expect.poll(tradingState).toBe('halted');
    await expect.poll(() => page.getByTestId('confirm-halt-dialog').count()).toBe(0);
  });

  it('the halt question says what will be cancelled: the order Countersign placed is listed', async () => {
    const { page } = app;
    await app.backend.handlers.setTradingState({ state: 'active' });
    const account = (await app.backend.handlers.getSessionState(undefined)).accounts[0]!;
    await expect.poll(() => (app.backend.broker.portfolio()?.quotes.find((q) => q.symbol === 'MSFT')?.bid ?? 0) > 0).toBe(true);
    const bid = app.backend.broker.portfolio()!.quotes.find((q) => q.symbol === 'MSFT')!.bid!;
    const draft = await app.backend.handlers.draftFromTicket({ text: `buy 1 MSFT lmt ${(bid * 0.97).toFixed(2)}`, account });
    await app.backend.handlers.approveDraft({ id: draft.id, version: draft.version });
    await expect.poll(async () => (await app.backend.handlers.getQueue(undefined)).drafts.find((d) => d.id === draft.id)?.state).toBe('working');
    app.backend.events.emit('confirmHalt', { requestedAt: 3 });
    const cancelled = page.getByRole('list', { name: 'Orders the halt cancels' });
    await expect.poll(() => cancelled.textContent()).toMatch(/BUY 1 MSFT/);
    await page.getByRole('button', { name: 'Keep trading' }).click();
    expect(await tradingState()).toBe('active');
  });

  it('shows a tray halt that failed, until the person dismisses it', async () => {
    const { page } = app;
    app.backend.events.emit('haltOutcome', { ok: false, title: 'Trading was NOT halted', message: 'The database could not be opened.', at: 1_790_000_000_000 });
    const banner = page.getByTestId('halt-outcome');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toContain('Trading was NOT halted');
    expect(await banner.textContent()).toContain('The database could not be opened.');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => banner.count()).toBe(0);
  });
});
