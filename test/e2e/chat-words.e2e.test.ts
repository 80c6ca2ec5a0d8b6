import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { text } from '../fixtures/fake-anthropic/script';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

const KEY = 'sk-ant-api03-e2e-0123456789abcdefghijklmnop';

describe('the chat counts in plain words', () => {
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

  it('"What Claude saw (1 turn)", not "(1 turns)"', async () => {
    const { page } = app;
    await app.backend.handlers.updateClaudeSettings({ baseURL: fake.baseURL, secondLook: false });
    await page.getByTestId('claude-key').waitFor();
    await page.getByTestId('claude-key').focus();
    await page.keyboard.type(KEY);
    await page.keyboard.press('Enter');
    await page.getByTestId('chat-input').waitFor();
    fake.reply(text('Your largest position is AAPL.'));
    await page.keyboard.press('/');
    await page.keyboard.type('What is my largest position?');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chat-log').textContent(), { timeout: 15_000 }).toContain('Your largest position is AAPL.');
    await expect.poll(() => page.getByTestId('what-claude-saw').locator('summary').textContent(), { timeout: 15_000 }).toBe('What Claude saw (1 turn)');
  });
});
