import { expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createBackend, type Backend } from '../../../src/main/backend';
import { startEmbeddedDemoGateway } from '../../../src/main/broker/demo-gateway';
import { startHarness, type Harness } from '../../../src/harness/harness-server';
import { startSimGateway, type SimGateway } from '../../../src/sim/index';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { launchChromium } from './chromium';

export interface AppUnderTest {
  backend: Backend;
  /** The demo gateway the backend connected to, with its fault switches. */
  sim: () => SimGateway;
  harness: Harness;
  browser: Browser;
  page: Page;
  pageErrors: string[];
  close(): Promise<void>;
}

export interface OpenAppOptions {
  connectOnStart?: boolean;
  /** A data directory prepared by the test (default: a fresh one). */
  dataDirectory?: string;
  /** Leave the data directory on close, for a test that opens the app on it again. */
  keepDataDirectory?: boolean;
  /** The app's own demo gateway, kept in the data directory as it runs for the person (default: a plain simulator). */
  persistentDemo?: boolean;
  /** Script chunks (by name, e.g. "chat-pane") whose first load fails, as a chunk that cannot be read would. */
  failChunksOnce?: string[];
}

/**
 * A fresh backend with its own data directory and its own demo gateway, the
 * harness, and the renderer open in Chromium.
 */
export async function openApp(options: OpenAppOptions = {}): Promise<AppUnderTest> {
  const dataDirectory = options.dataDirectory ?? mkdtempSync(path.join(os.tmpdir(), 'countersign-e2e-'));
  let sim: SimGateway | undefined;
  // Inside trading hours whatever time the suite runs, for the simulated market and the backend alike: orders fill and
  // nothing is blocked by IB's nightly reset window.
  const clock = new TradingHoursClock();
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  const backend = createBackend({
    dataDirectory,
    host: 'harness',
    version: 'test',
    log: quiet,
    now: clock.read,
    connectOnStart: options.connectOnStart ?? true,
    // The person says yes to the endpoint dialog (the fake Messages API on loopback).
    confirmEndpoint: async () => true,
    sessionOverrides: { heartbeatIntervalMs: 500, heartbeatTimeoutMs: 1500, backoff: { initialMs: 100, maxMs: 500 } },
    startDemoGateway: async (account) => {
      if (options.persistentDemo) {
        const demo = await startEmbeddedDemoGateway({ now: clock.read, account, log: quiet, clock, seed: 3 });
        sim = demo.sim;
        return demo;
      }
      sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 3, clock });
      return { host: sim.host, port: sim.port, close: () => sim!.close() };
    },
  });
  await backend.start();
  const harness = await startHarness({ backend });
  const browser = await launchChromium();
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  for (const chunk of options.failChunksOnce ?? []) {
    let failed = false;
    await page.route(new RegExp(`/assets/${chunk}-[^/]*\\.js$`), async (route) => {
      if (failed) return route.continue();
      failed = true;
      return route.abort('failed');
    });
  }
  await page.goto(harness.url);
  return {
    backend,
    sim: () => {
      if (!sim) throw new Error('The backend has not started its demo gateway.');
      return sim;
    },
    harness,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await harness.close();
      await backend.stop();
      if (!options.keepDataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

/** The app with its gateway session ready and the demo portfolio on screen: where most tests start. */
export async function openReadyApp(options: OpenAppOptions = {}): Promise<AppUnderTest> {
  const app = await openApp(options);
  await expect.poll(() => app.page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
  await app.page.getByTestId('position-row').first().waitFor();
  return app;
}
