import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createBackend, type Backend } from '../../../src/main/backend';
import { startHarness, type Harness } from '../../../src/harness/harness-server';
import { launchChromium } from './chromium';

export interface AppUnderTest {
  backend: Backend;
  harness: Harness;
  browser: Browser;
  page: Page;
  pageErrors: string[];
  close(): Promise<void>;
}

/** A fresh backend with its own data directory, the harness, and the renderer open in Chromium. */
export async function openApp(): Promise<AppUnderTest> {
  const dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-e2e-'));
  const backend = createBackend({ dataDirectory, host: 'harness', version: 'test' });
  await backend.start();
  const harness = await startHarness({ backend });
  const browser = await launchChromium();
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(harness.url);
  return {
    backend,
    harness,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await harness.close();
      await backend.stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
