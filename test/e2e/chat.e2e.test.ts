import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { text, toolCall } from '../fixtures/fake-anthropic/script';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { openApp, type AppUnderTest } from './support/app-under-test';

const KEY = 'sk-ant-api03-e2e-0123456789abcdefghijklmnop';

describe('Claude in the chat pane (fake Messages API)', () => {
  let app: AppUnderTest;
  let fake: FakeAnthropic;

  beforeEach(async () => {
    fake = await startFakeAnthropic({ apiKey: KEY });
    app = await openApp();
    await expect.poll(() => app.page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
  });

  afterEach(async () => {
    await app.close();
    await fake.close();
  });

  it('without a key the chat says how to add one; once added, Claude drafts an order that is approved from the keyboard and fills', async () => {
    const { page } = app;
    await page.getByTestId('claude-key').waitFor();
    expect(await page.getByTestId('chat-pane').textContent()).toContain('add your Anthropic API key');
    // Every scripted reply here is the conversation's; the second look has its own tests (integration second-look.test.ts).
    await app.backend.handlers.updateClaudeSettings({ baseURL: fake.baseURL, secondLook: false });
    await page.getByTestId('claude-key').fill(KEY);
    await page.getByTestId('claude-key').press('Enter');
    await page.getByTestId('chat-input').waitFor();
    expect(await page.evaluate('JSON.stringify(document.body.innerHTML)')).not.toContain(KEY);

    const account = app.sim().accounts[0]!;
    fake.reply(
      toolCall('get_portfolio', { account }, 'Looking at your positions.'),
      toolCall('draft_order', { account, symbol: 'XOM', sec_type: 'STK', side: 'BUY', quantity: 5, order_type: 'MKT', thesis: 'Energy is underweight.', risks: ['Oil prices can fall.'] }),
      text('I drafted **BUY 5 XOM** at market. It waits for your approval in the queue.'),
    );
    // Once the reply is on screen it stays there: the streamed turn must not
    // blink out before the stored conversation replaces it.
    await page.evaluate(() => {
      const w = window as unknown as { replyVanished: boolean };
      w.replyVanished = false;
      let seen = false;
      new MutationObserver(() => {
        const log = document.querySelector('[data-testid="chat-log"]')?.textContent ?? '';
        if (log.includes('It waits for your approval')) seen = true;
        else if (seen) w.replyVanished = true;
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.keyboard.press('/');
    await page.keyboard.type('Rebalance toward energy a little.');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chat-log').textContent(), { timeout: 15_000 }).toContain('It waits for your approval in the queue.');
    expect(await page.getByTestId('chat-log').textContent()).toContain('read positions for');
    const card = page.locator('[data-testid="draft-card"][data-state="pending"]');
    await card.first().waitFor();
    expect(await card.first().getAttribute('aria-label')).toContain('BUY 5 XOM');
    await page.keyboard.press('Escape');
    await page.keyboard.press('g');
    await page.keyboard.press('q');
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('[data-testid="draft-card"][data-state="filled"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { replyVanished: boolean }).replyVanished)).toBe(false);
    expect(app.pageErrors).toEqual([]);
  });
});
