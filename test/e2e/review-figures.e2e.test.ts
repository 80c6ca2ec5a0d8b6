/// <reference lib="dom" />
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatQuantity } from '../../src/shared/format-numbers';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

// The figures beside a draft are what the person decides on: they must be the market's.
describe('before and after figures on the card', () => {
  let app: AppUnderTest;
  let account: string;

  beforeEach(async () => {
    app = await openReadyApp();
    account = app.sim().accounts[0]!;
  });

  afterEach(async () => {
    await app.close();
  });

  const portfolio = () => app.backend.broker.portfolio()!;
  const held = (symbol: string) => portfolio().positions.find((p) => p.account === account && p.symbol === symbol);
  const netLiq = () => portfolio().accounts.find((a) => a.account === account)!.netLiquidation!;
  const percents = (text: string | null): number[] => [...(text ?? '').matchAll(/(-?[\d.]+)%/g)].map((m) => Number(m[1]));

  it('weight before and after are valued at the market, not at a buy limit below it', async () => {
    const { page } = app;
    const position = held('AAPL');
    expect(position?.marketValue).toBeGreaterThan(0);
    const quote = portfolio().quotes.find((q) => q.conId === position!.conId);
    const ask = quote?.ask ?? quote?.last ?? 0;
    const limit = (ask * 0.955).toFixed(2);
    const draft = await app.backend.handlers.draftFromTicket({ text: `buy 20 AAPL lmt ${limit}`, account });
    const card = page.locator(`[data-testid="draft-card"][data-draft-id="${draft.id}"]`);
    await card.getByTestId('weight-figures').waitFor();
    const expected = (): number[] => {
      const now = portfolio();
      const q = now.quotes.find((x) => x.conId === position!.conId)!;
      const value = held('AAPL')!.marketValue!;
      const market = q.ask ?? q.last!;
      return [(value / netLiq()) * 100, ((value + 20 * market) / netLiq()) * 100];
    };
    await expect
      .poll(async () => {
        const shown = percents(await card.getByTestId('weight-figures').textContent());
        const want = expected();
        return shown.length === 2 && Math.abs(shown[0]! - want[0]!) < 0.06 && Math.abs(shown[1]! - want[1]!) < 0.06;
      })
      .toBe(true);
    const quantity = held('AAPL')!.quantity;
    expect(await card.getByTestId('position-figures').textContent()).toBe(`${formatQuantity(quantity)} → ${formatQuantity(quantity + 20)}`);
  });

  it('a filled card keeps the figures of the approval and shows what was filled against the market then', async () => {
    const { page } = app;
    const before = held('MSFT')?.quantity ?? 0;
    const draft = await app.backend.handlers.draftFromTicket({ text: `buy 5 MSFT`, account });
    const card = page.locator(`[data-testid="draft-card"][data-draft-id="${draft.id}"]`);
    const approvedFigures = `${formatQuantity(before)} → ${formatQuantity(before + 5)}`;
    await expect.poll(() => card.getByTestId('position-figures').textContent()).toBe(approvedFigures);
    await page.keyboard.press('g');
    await page.keyboard.press('q');
    await page.keyboard.press('a');
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 15_000 }).toBe('filled');
    await expect.poll(() => held('MSFT')?.quantity, { timeout: 15_000 }).toBe(before + 5);
    // Open the finished card from the keyboard: focus it, Enter.
    await card.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getByTestId('position-figures').textContent()).toBe(approvedFigures);
    const fill = (await card.getByTestId('fill-line').textContent()) ?? '';
    expect(fill).toContain('Filled 5 at');
    expect(fill).toContain('market at approval');
  });
});
