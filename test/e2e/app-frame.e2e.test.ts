import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEDNESDAY_11_EASTERN } from '../support/trading-hours-clock';
import { openApp, type AppUnderTest } from './support/app-under-test';

describe('the app frame in Chromium through the harness', () => {
  let app: AppUnderTest;

  beforeEach(async () => {
    app = await openApp({ connectOnStart: false });
  });

  afterEach(async () => {
    await app.close();
  });

  it('shows the three panes and the session state the backend reports', async () => {
    const { page } = app;
    const state = page.getByTestId('session-state');
    await state.waitFor();
    expect(await state.getAttribute('data-phase')).toBe('idle');
    expect(await state.textContent()).toContain('Not connected to a gateway yet.');
    await expect.poll(() => page.getByRole('heading', { name: 'Positions' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Research chat' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Approval queue' }).isVisible()).toBe(true);
    expect(await page.getByTestId('mode-badge').textContent()).toBe('NO ACCOUNT');
    expect(app.pageErrors).toEqual([]);
  });

  it('follows session changes pushed by the backend', async () => {
    const { page, backend } = app;
    await page.getByTestId('session-state').waitFor();
    backend.events.emit('sessionState', {
      phase: 'ready',
      message: 'Connected to the demo gateway.',
      gateway: 'demo',
      mode: 'paper',
      accounts: ['DU1234567'],
      since: WEDNESDAY_11_EASTERN,
    });
    await expect.poll(() => page.getByTestId('session-state').getAttribute('data-phase')).toBe('ready');
    expect(await page.getByTestId('mode-badge').textContent()).toBe('PAPER');
  });

  it('gives the page no Node: require and process are undefined', async () => {
    const { page } = app;
    await page.getByTestId('session-state').waitFor();
    expect(await page.evaluate('typeof require')).toBe('undefined');
    expect(await page.evaluate('typeof process')).toBe('undefined');
  });

  it('runs under a CSP that forbids inline script', async () => {
    const { page } = app;
    await page.getByTestId('session-state').waitFor();
    const policy = await page.evaluate(
      "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').getAttribute('content')",
    );
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-eval');
    const ran = await page.evaluate(`new Promise((resolve) => {
      window.__inlineRan = false;
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.appendChild(script);
      setTimeout(() => resolve(window.__inlineRan), 0);
    })`);
    expect(ran).toBe(false);
  });
});
