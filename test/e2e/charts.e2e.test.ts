import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

// The charts a person looks at instead of reading: candles for the selected
// position or draft with the draft's levels drawn on them, and the account's
// allocation by position, sector and type.
describe('charts', () => {
  let app: AppUnderTest;

  beforeEach(async () => {
    app = await openReadyApp();
  });

  afterEach(async () => {
    await app.close();
  });

  const summary = () => app.page.getByTestId('chart-summary').textContent();
  interface Drawn {
    type: string;
    points: number;
    lines: string[];
  }
  /** What the chart's model holds after its last update (the canvas itself has no DOM to read). */
  const drawn = async (): Promise<Drawn[]> => JSON.parse((await app.page.getByTestId('price-chart-canvas').getAttribute('data-drawn')) ?? '[]') as Drawn[];
  const candleCount = async () => (await drawn()).find((s) => s.type === 'candlestick')?.points ?? 0;
  const chartText = async () => (await drawn()).flatMap((s) => s.lines).join(' | ');

  it('draws the largest position by default, then the position the person picks, in the chosen period', async () => {
    const { page } = app;
    await expect.poll(summary, { timeout: 15_000 }).toMatch(/bars of 1 day/);
    // A month of daily candles with their volume bars, not an empty frame.
    await expect.poll(candleCount).toBeGreaterThan(15);
    expect((await drawn()).find((s) => s.type === 'bar')?.points).toBe(await candleCount());
    const firstSymbol = await page.getByTestId('price-chart').getAttribute('data-symbol');

    const other = page.locator(`[data-testid="position-row"]:not([data-symbol="${firstSymbol}"]) .row-chart`).first();
    const otherSymbol = (await other.textContent())!.trim();
    await other.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('price-chart').getAttribute('data-symbol')).toBe(otherSymbol);
    await expect.poll(summary).toMatch(new RegExp(`^${otherSymbol} · 1M · \\d+ bars of 1 day · last \\d+\\.\\d{2}`));
    // The live price is drawn as a line the chart labels.
    await expect.poll(chartText).toMatch(/^Last \d+\.\d{2}$/);

    await page.getByRole('radio', { name: '5D' }).click();
    await expect.poll(summary).toMatch(new RegExp(`^${otherSymbol} · 5D · \\d+ bars of 30 mins`));
  });

  it("a bracket draft's limit, take-profit and stop-loss are drawn on its chart", async () => {
    const { page } = app;
    const sim = app.sim();
    // Not held, so the chart must switch from the largest position to it.
    const conId = sim.engine.findContracts({ symbol: 'KO' })[0]!.contract.conId!;
    const { bid } = sim.engine.quote(conId);
    const limit = (bid * 0.99).toFixed(2);
    const takeProfit = (bid * 1.04).toFixed(2);
    const stopLoss = (bid * 0.95).toFixed(2);
    await page.keyboard.press('n');
    await page.keyboard.type(`buy 2 KO lmt ${limit} tp ${takeProfit} sl ${stopLoss} @${sim.accounts[0]}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('draft-card').first().getAttribute('data-state')).toMatch(/pending|blocked/);

    await expect.poll(() => page.getByTestId('price-chart').getAttribute('data-symbol')).toBe('KO');
    // The live price is KO's own, never the previous symbol's.
    await expect.poll(summary).toMatch(/last \d/);
    const last = Number(/last (\d+\.\d+)/.exec((await summary()) ?? '')?.[1]);
    expect(Math.abs(last - bid) / bid).toBeLessThan(0.02);
    await expect.poll(() => page.getByTestId('chart-levels').textContent()).toContain(`Limit ${limit}`);
    const levels = await page.getByTestId('chart-levels').textContent();
    expect(levels).toContain(`Take profit ${takeProfit}`);
    expect(levels).toContain(`Stop loss ${stopLoss}`);
    // Drawn on the chart itself, not only listed beside it.
    await expect.poll(chartText, { timeout: 15_000 }).toContain(`Limit ${limit}`);
    const lines = await chartText();
    expect(lines).toContain(`Take profit ${takeProfit}`);
    expect(lines).toContain(`Stop loss ${stopLoss}`);

    // Back to a position: the draft's lines go with it.
    await page.locator('[data-testid="position-row"][data-symbol="AAPL"] .row-chart').first().click();
    await expect.poll(() => page.getByTestId('price-chart').getAttribute('data-symbol')).toBe('AAPL');
    await expect.poll(chartText).toMatch(/^Last \d+\.\d{2}$/);
    expect(await page.getByTestId('chart-levels').count()).toBe(0);
  });

  it('divides the account by sector, type and position, with shares that add up to the whole', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Allocation' }).click();
    const rows = page.getByTestId('allocation-row');
    const shares = async (): Promise<number> => {
      const cells = await page.locator('[data-testid="allocation-row"] td:last-child').allTextContents();
      return cells.reduce((sum, text) => sum + Number(text.replace('%', '')), 0);
    };
    const names = () => rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-name')));

    await expect.poll(names, { timeout: 15_000 }).toContain('Technology');
    expect(await names()).not.toContain('Sector not given');
    expect(Math.abs((await shares()) - 100)).toBeLessThan(0.5);
    // The ring has one slice per row of the table.
    const ringSlices = async (): Promise<number> =>
      (JSON.parse((await page.getByTestId('allocation-ring').getAttribute('data-drawn')) ?? '[]') as { type: string; points: number }[]).find((s) => s.type === 'pie')?.points ?? 0;
    await expect.poll(ringSlices).toBe((await names()).length);

    await page.getByRole('radio', { name: 'By type' }).click();
    await expect.poll(names).toEqual(expect.arrayContaining(['Stock', 'ETF']));
    expect(Math.abs((await shares()) - 100)).toBeLessThan(0.5);

    await page.getByRole('radio', { name: 'By position' }).click();
    const held = await page.getByTestId('position-row').evaluateAll((elements) => elements.map((e) => e.getAttribute('data-symbol')));
    // Options sit in collapsed groups under their underlying (their OCC symbols start with it).
    const groups = await page.getByTestId('position-group').evaluateAll((elements) => elements.map((e) => e.getAttribute('data-underlying') ?? ''));
    await expect.poll(async () => (await names()).length).toBeGreaterThan(1);
    for (const name of await names()) if (!name!.startsWith('Other')) expect(held.includes(name) || groups.some((u) => name!.startsWith(`${u} `))).toBe(true);
  });
});
