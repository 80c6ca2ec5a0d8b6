/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { text, toolCall, type RecordedRequest, type ScriptedReply } from '../fixtures/fake-anthropic/script';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

const KEY = 'sk-ant-api03-e2e-second-look-0123456789abcdef';
// A model's text that tries to be markup: the card must show it as text.
const CASE = 'XOM is already 9% of the account; adding before OPEC meets doubles the bet. <img src=x onerror="window.__secondLookRan=1">';

describe('the second look on the card (fake Messages API)', () => {
  let app: AppUnderTest;
  let fake: FakeAnthropic;

  beforeEach(async () => {
    fake = await startFakeAnthropic({ apiKey: KEY });
    app = await openReadyApp();
  });

  afterEach(async () => {
    await app.close();
    await fake.close();
  });

  it('shows the counter-case as plain text beside the draft, with its confidence and cost', async () => {
    const { page } = app;
    await app.backend.handlers.updateClaudeSettings({ baseURL: fake.baseURL });
    await app.backend.handlers.setClaudeKey({ key: KEY });
    const account = app.sim().accounts[0]!;
    const chat: ScriptedReply[] = [
      toolCall('draft_order', { account, symbol: 'XOM', sec_type: 'STK', side: 'BUY', quantity: 5, order_type: 'MKT', thesis: 'Energy is underweight.', risks: ['Oil prices can fall.'] }),
      text('I drafted BUY 5 XOM at market. It waits for your approval.'),
    ];
    const secondLook = toolCall('give_counter_case', { case_against: CASE, wrong_if: 'Oil holds above 80 through the meeting.', confidence_pct: 40 });
    const pick = (request: RecordedRequest): ScriptedReply =>
      JSON.stringify(request.body.tool_choice ?? null).includes('give_counter_case') ? secondLook : (chat.shift() ?? text('Done.'));
    fake.reply(pick, pick, pick, pick);

    const turn = await app.backend.handlers.sendChat({ conversationId: '0b6f3c1a-2d4e-4f5a-8b9c-1d2e3f4a5b6c', text: 'Rebalance toward energy a little.' });
    const card = page.locator(`[data-testid="draft-card"][data-draft-id="${turn.draftIds[0]}"]`);
    const look = card.getByTestId('second-look');
    await expect.poll(() => look.getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    expect(await look.getByTestId('second-look-text').textContent()).toContain(CASE);
    expect(await look.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __secondLookRan?: number }).__secondLookRan)).toBeUndefined();
    expect(await look.getByTestId('second-look-confidence').textContent()).toBe('Its confidence in this case: 40%');
    expect(await look.textContent()).toMatch(/did not see the conversation; it cannot approve or reject · [\d,]+ in \/ [\d,]+ out tokens · [\d.]+ USD/);
    // Advice only: the draft waits for the person as before.
    expect(await card.getAttribute('data-state')).toBe('pending');

    mkdirSync('test-results', { recursive: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await card.screenshot({ path: 'test-results/card-second-look.png' });
    expect(app.pageErrors).toEqual([]);
  });
});
