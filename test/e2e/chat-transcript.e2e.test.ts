/// <reference lib="dom" />
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { text, toolCall } from '../fixtures/fake-anthropic/script';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { openApp, type AppUnderTest } from './support/app-under-test';

const KEY = 'sk-ant-api03-e2e-0123456789abcdefghijklmnop';

// Keyboard only: the person types, presses Enter and Tab; nothing is clicked.
describe('the chat transcript keeps what the person needs in view', () => {
  let app: AppUnderTest;
  let fake: FakeAnthropic;

  beforeEach(async () => {
    fake = await startFakeAnthropic({ apiKey: KEY });
    app = await openApp();
    await expect.poll(() => app.page.getByTestId('session-state').getAttribute('data-phase'), { timeout: 15_000 }).toBe('ready');
    // Only the chat's own requests are scripted here: no second look on Claude's drafts.
    await app.backend.handlers.updateClaudeSettings({ baseURL: fake.baseURL, secondLook: false });
  });

  afterEach(async () => {
    await app.close();
    await fake.close();
  });

  const activeTestId = () => app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['testid'] ?? document.activeElement?.tagName ?? null);
  const enterKey = async (): Promise<void> => {
    await app.page.keyboard.press('/');
    await expect.poll(activeTestId).toBe('claude-key');
    await app.page.keyboard.type(KEY);
    await app.page.keyboard.press('Enter');
    await app.page.getByTestId('chat-input').waitFor();
  };
  const ask = async (question: string): Promise<void> => {
    await app.page.keyboard.press('Escape');
    await app.page.keyboard.press('/');
    await expect.poll(activeTestId).toBe('chat-input');
    await app.page.keyboard.type(question);
    await app.page.keyboard.press('Enter');
  };
  const turnEnded = () => app.page.getByTestId('chat-live').waitFor({ state: 'detached', timeout: 15_000 });

  it('after the key is saved in the chat, focus is in the message field; in settings, on the control that replaced the field', async () => {
    const { page } = app;
    await enterKey();
    await expect.poll(activeTestId).toBe('chat-input');
    // Typing goes straight to Claude's field.
    await page.keyboard.type('hello');
    expect(await page.getByTestId('chat-input').inputValue()).toBe('hello');

    await app.backend.handlers.clearClaudeKey(undefined);
    await page.goto(app.harness.url);
    await page.getByTestId('claude-key').waitFor();
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Connection settings');
    await page.keyboard.press('Enter');
    const settings = page.getByTestId('settings-dialog');
    await settings.getByRole('tab', { name: 'Claude' }).focus();
    await page.keyboard.press('Enter');
    await settings.getByTestId('claude-key').focus();
    await page.keyboard.type(KEY);
    await page.keyboard.press('Enter');
    await settings.getByRole('button', { name: 'Remove key' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? null)).toBe('Remove key');
    await page.keyboard.press('Enter');
    await settings.getByTestId('claude-key').waitFor();
    await expect.poll(activeTestId).toBe('claude-key');
  });

  it('the question stays on screen while Claude answers, and after', async () => {
    const { page } = app;
    await enterKey();
    fake.reply({ ...text('Your largest position is NVDA.'), holdAfterEvents: 2 });
    await ask('What is my largest position?');
    await fake.whenHeld();
    // Claude is still answering: the question is there, as the person's message.
    expect(await page.getByTestId('chat-live').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="chat-log"] .chat-user').allTextContents()).toEqual(['What is my largest position?']);
    fake.release();
    await turnEnded();
    expect(await page.locator('[data-testid="chat-log"] .chat-user').allTextContents()).toEqual(['What is my largest position?']);
    expect(await page.getByTestId('chat-log').textContent()).toContain('Your largest position is NVDA.');
    // A second question in the same conversation shows at once too.
    fake.reply({ ...text('AAPL is second.'), holdAfterEvents: 2 });
    await ask('And the next one?');
    await fake.whenHeld();
    await expect.poll(() => page.locator('[data-testid="chat-log"] .chat-user').allTextContents()).toEqual(['What is my largest position?', 'And the next one?']);
    fake.release();
    await turnEnded();
  });

  it('the draft link stays in the transcript after the turn ends, also when the conversation is opened again, and Enter on it opens the draft', async () => {
    const { page } = app;
    await enterKey();
    const account = app.sim().accounts[0]!;
    fake.reply(
      toolCall('draft_order', { account, symbol: 'XOM', sec_type: 'STK', side: 'BUY', quantity: 5, order_type: 'MKT', thesis: 'Energy is underweight.', risks: ['Oil prices can fall.'] }),
      text('I drafted BUY 5 XOM. It waits for you in the queue.'),
    );
    await ask('Add a little energy.');
    await turnEnded();
    const link = page.locator('[data-testid="chat-log"] .chat-message [data-testid="chat-draft"]');
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.isVisible()).toBe(true);
    await expect.poll(() => link.textContent()).toContain('BUY 5 XOM — waiting for you');
    const draftId = app.backend.store!.drafts.listPending()[0]!.id;

    // A new window (the app restarted) opens the stored conversation: the link is part of it.
    await page.goto(app.harness.url);
    await page.getByTestId('chat-input').waitFor();
    const conversation = page.getByLabel('Conversation');
    await conversation.focus();
    const [stored] = (await app.backend.handlers.listConversations(undefined)) as { id: string }[];
    await conversation.selectOption(stored!.id);
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.isVisible()).toBe(true);
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid="draft-card"][aria-current="true"]').getAttribute('data-draft-id')).toBe(draftId);
    await expect.poll(() => page.evaluate(() => !!document.querySelector('[data-testid="queue-pane"]')?.contains(document.activeElement))).toBe(true);
  });

  it('the log follows the newest message, unless the person scrolled up to read', async () => {
    const { page } = app;
    await enterKey();
    const log = page.getByTestId('chat-log');
    const gapToEnd = () => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    const long = (topic: string) => Array.from({ length: 80 }, (_, i) => `${topic} point ${i + 1}.`).join('\n\n');
    fake.reply(text(long('First')));
    await ask('Tell me everything.');
    await turnEnded();
    expect(await log.evaluate((el) => el.scrollHeight > el.clientHeight * 2)).toBe(true);
    await expect.poll(gapToEnd).toBeLessThan(2);

    // Scrolled up to read: the next answer does not pull the log away.
    await log.evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect.poll(() => log.evaluate((el) => el.scrollTop)).toBe(0);
    fake.reply(text(long('Second')));
    await ask('More.');
    await turnEnded();
    await expect.poll(() => log.textContent()).toContain('Second point 80.');
    expect(await log.evaluate((el) => el.scrollTop)).toBe(0);

    // Back at the end, it follows again, while the answer streams and after.
    await log.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    fake.reply({ ...text(long('Third')), holdAfterEvents: 3 });
    await ask('Once more.');
    await fake.whenHeld();
    await expect.poll(() => page.locator('[data-testid="chat-log"] .chat-user').last().textContent()).toBe('Once more.');
    await expect.poll(gapToEnd).toBeLessThan(2);
    fake.release();
    await turnEnded();
    await expect.poll(() => log.textContent()).toContain('Third point 80.');
    await expect.poll(gapToEnd).toBeLessThan(2);
  });
});
