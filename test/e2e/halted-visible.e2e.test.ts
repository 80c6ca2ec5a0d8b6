/// <reference lib="dom" />
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

describe('halted and reducing-only are unmistakable', () => {
  let app: AppUnderTest;
  beforeEach(async () => {
    app = await openReadyApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const background = (page: Page, selector: string) => page.evaluate((s) => getComputedStyle(document.querySelector(s)!).backgroundColor, selector);
  const paletteCommand = async (page: Page, label: string): Promise<void> => {
    await page.keyboard.press('Control+k');
    await page.getByTestId('command-palette').waitFor();
    await page.keyboard.type(label);
    await page.keyboard.press('Enter');
  };

  it('colours the status bar and the queue header and says what is stopped, until trading resumes', async () => {
    const { page } = app;
    const barBefore = await background(page, '.status-bar');
    const headerBefore = await background(page, '.queue-header');
    await paletteCommand(page, 'Halt trading');
    await page.getByTestId('trading-stopped').waitFor();
    expect(await page.getByTestId('trading-stopped').textContent()).toContain('no order can be approved');
    expect(await page.getByTestId('queue-trading-banner').textContent()).toContain('open orders were cancelled');
    expect(await background(page, '.status-bar')).not.toBe(barBefore);
    expect(await background(page, '.queue-header')).not.toBe(headerBefore);
    await paletteCommand(page, 'Reducing orders only');
    await expect.poll(() => page.getByTestId('trading-stopped').textContent()).toContain('Reducing only');
    expect(await background(page, '.status-bar')).not.toBe(barBefore);
    await paletteCommand(page, 'Resume trading');
    await page.getByTestId('trading-stopped').waitFor({ state: 'detached' });
    expect(await background(page, '.status-bar')).toBe(barBefore);
    expect(await page.getByTestId('queue-trading-banner').count()).toBe(0);
  });
});
