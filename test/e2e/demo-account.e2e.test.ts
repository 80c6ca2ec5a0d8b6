import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, type AppUnderTest } from './support/app-under-test';

// Keyboard only. The app's own demo gateway, kept in the data directory as it is for the person.
describe('the demo account keeps its fills', () => {
  let app: AppUnderTest | undefined;
  let dataDirectory: string;

  afterEach(async () => {
    await app?.close();
    app = undefined;
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  const open = async (): Promise<AppUnderTest> => {
    const opened = await openApp({ dataDirectory, keepDataDirectory: true, persistentDemo: true });
    await expect.poll(() => opened.page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
    await opened.page.getByTestId('position-row').first().waitFor();
    return opened;
  };
  // Only the margin account holds AAPL, so its row's first figure is that account's quantity, as the person sees it.
  const aaplShown = async (current: AppUnderTest): Promise<number> =>
    Number((await current.page.locator('[data-testid="position-row"][data-symbol="AAPL"] td.num').first().textContent())?.replace(/,/g, '') ?? 'NaN');

  it('across a reconnect and a backend restart, and starts over only after Reset demo account is confirmed', async () => {
    dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-e2e-demo-'));
    app = await open();
    const account = app.sim().accounts[0]!;
    const starting = await aaplShown(app);

    await app.page.keyboard.press('n');
    await app.page.keyboard.type(`buy 7 AAPL @${account}`);
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app!.page.getByTestId('draft-card').first().getAttribute('data-state')).toBe('pending');
    await app.page.keyboard.press('Escape');
    await app.page.keyboard.press('a');
    await expect.poll(() => app!.page.locator('[data-testid="draft-card"][data-state="filled"]').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => aaplShown(app!), { timeout: 15_000 }).toBe(starting + 7);

    // The gateway drops the connection; the app reconnects and the fill is still there.
    app.sim().faults.dropConnections();
    await expect.poll(() => app!.page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).not.toBe('ready');
    await expect.poll(() => app!.page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
    await expect.poll(() => aaplShown(app!), { timeout: 15_000 }).toBe(starting + 7);

    // The whole backend stops and starts again on the same data directory.
    await app.close();
    app = await open();
    await expect.poll(() => aaplShown(app!), { timeout: 15_000 }).toBe(starting + 7);
    expect(await app.page.locator('[data-testid="draft-card"][data-state="filled"]').count()).toBe(1);

    // Settings → Connection → Reset demo account…: it says what it does and asks; the safe answer has focus.
    const { page } = app;
    await page.keyboard.press('Control+k');
    await page.getByTestId('command-palette').waitFor();
    await page.keyboard.type('Connection settings');
    await page.keyboard.press('Enter');
    const section = page.getByTestId('demo-account');
    await section.waitFor();
    await section.getByRole('button', { name: 'Reset demo account…' }).focus();
    await page.keyboard.press('Enter');
    const question = section.getByRole('group');
    await question.waitFor();
    expect(await question.textContent()).toContain('Both demo accounts go back to their starting cash and positions');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it');
    // "Keep it" changes nothing.
    await page.keyboard.press('Enter');
    await expect.poll(() => question.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reset demo account…');
    expect(await aaplShown(app)).toBe(starting + 7);

    await page.keyboard.press('Enter');
    await question.waitFor();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reset demo account');
    await page.keyboard.press('Enter');
    await expect.poll(() => section.getByRole('status').textContent(), { timeout: 15_000 }).toContain('reset to its starting balances');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
    await expect.poll(() => aaplShown(app!), { timeout: 15_000 }).toBe(starting);
    expect(app.pageErrors).toEqual([]);
  });

  it('a damaged demo account file is reported, not replaced, and kept aside when the person resets', async () => {
    dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-e2e-demo-'));
    const file = path.join(dataDirectory, 'demo-account.json');
    writeFileSync(file, '{"format":"countersign-demo-account","broker":');
    app = await openApp({ dataDirectory, keepDataDirectory: true, persistentDemo: true });
    const { page } = app;
    const dialog = page.getByTestId('session-dialog');
    await dialog.waitFor({ timeout: 15_000 });
    const said = (await dialog.textContent()) ?? '';
    expect(said).toContain('is damaged');
    expect(said).toContain('Reset demo account');
    expect(readFileSync(file, 'utf8')).toBe('{"format":"countersign-demo-account","broker":');

    await dialog.getByRole('button', { name: 'Open settings' }).focus();
    await page.keyboard.press('Enter');
    const section = page.getByTestId('demo-account');
    await section.waitFor();
    await section.getByRole('button', { name: 'Reset demo account…' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => section.getByRole('status').textContent(), { timeout: 15_000 }).toContain('The damaged file was kept as');
    const kept = readdirSync(dataDirectory).filter((name) => name.startsWith('demo-account.damaged-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(dataDirectory, kept[0]!), 'utf8')).toBe('{"format":"countersign-demo-account","broker":');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
    await page.getByTestId('position-row').first().waitFor();
  });
});
