/// <reference lib="dom" />
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { text, toolCall, type RecordedRequest, type ScriptedReply } from '../fixtures/fake-anthropic/script';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';
import { largeOrderQuantity } from './support/large-order';

const KEY = 'sk-ant-api03-e2e-0123456789abcdefghijklmnop';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Failure {
  surface: string;
  rule: string;
  target: string;
  summary: string;
}

/**
 * axe-core's colour-contrast rule (WCAG AA: 4.5:1 for text, 3:1 for large
 * text) over the surface, plus the non-text part axe does not check: the
 * boundary of every field and the focus ring (3:1 against what is behind them).
 */
async function contrastFailures(page: Page, surface: string, scope: string | undefined): Promise<Failure[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE); // as DevTools runs it: the page's CSP forbids inline scripts
  const found = await page.evaluate(async (selector) => {
    type AxeResult = { violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[]; incomplete: { id: string; nodes: { target: string[]; any: { data?: { messageKey?: string } }[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: Element | Document, options: unknown): Promise<AxeResult> } }).axe;
    const root = selector ? document.querySelector(selector)! : document;
    const result = await axe.run(root, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations', 'incomplete'] });
    const failures: { rule: string; target: string; summary: string }[] = [];
    for (const violation of result.violations) for (const node of violation.nodes) failures.push({ rule: violation.id, target: node.target.join(' '), summary: node.failureSummary ?? '' });

    const channel = (value: number): number => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const parse = (css: string): [number, number, number, number] => {
      const m = css.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const parts = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
      return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]): number => 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    const ratio = (a: number[], b: number[]): number => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    // The first opaque background at or above the element.
    const backdrop = (element: Element | null): number[] => {
      for (let el = element; el; el = el.parentElement) {
        const colour = parse(getComputedStyle(el).backgroundColor);
        if (colour[3] >= 1) return colour;
      }
      return parse(getComputedStyle(document.body).backgroundColor);
    };
    const scopeRoot = selector ? document.querySelector(selector)! : document.body;
    const fields = Array.from(scopeRoot.querySelectorAll<HTMLElement>('input:not([type=checkbox]):not([type=radio]), select, textarea'));
    for (const field of fields) {
      if ((field as HTMLInputElement).disabled || field.offsetParent === null) continue;
      const style = getComputedStyle(field);
      if (parseFloat(style.borderBottomWidth) === 0) continue;
      const behind = backdrop(field.parentElement);
      const border = parse(style.borderBottomColor);
      const fill = parse(style.backgroundColor);
      const best = Math.max(ratio(border, behind), fill[3] >= 1 ? ratio(fill, behind) : 0);
      if (best < 3) failures.push({ rule: 'field-boundary', target: field.dataset['testid'] ?? field.getAttribute('aria-label') ?? field.outerHTML.slice(0, 80), summary: `boundary ${best.toFixed(2)}:1 against its background` });
    }
    const themeColour = (name: string): number[] => {
      const probe = document.createElement('span');
      probe.style.color = `var(${name})`;
      document.body.append(probe);
      const colour = parse(getComputedStyle(probe).color);
      probe.remove();
      return colour;
    };
    const focus = themeColour('--focus');
    for (const surfaceColour of ['--panel', '--bg']) {
      const value = ratio(focus, themeColour(surfaceColour));
      if (value < 3) failures.push({ rule: 'focus-ring', target: surfaceColour, summary: `focus ring ${value.toFixed(2)}:1 against ${surfaceColour}` });
    }
    // Where axe cannot decide (text under a sticky header, an icon glyph), the colours are compared here instead: the
    // text's colour against the first opaque background behind it; an icon is a graphic (3:1), large text needs 3:1.
    for (const unsure of result.incomplete) {
      for (const node of unsure.nodes) {
        const element = document.querySelector(node.target.join(' '));
        if (!element) continue;
        const style = getComputedStyle(element);
        const icon = node.any.some((check) => check.data?.messageKey === 'nonBmp');
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        const needed = icon || large ? 3 : 4.5;
        const value = ratio(parse(style.color), backdrop(element));
        if (value < needed) failures.push({ rule: 'color-contrast', target: node.target.join(' '), summary: `${value.toFixed(2)}:1 (${style.color} on ${backdrop(element).join(',')}), needs ${needed}:1` });
      }
    }
    return failures;
  }, scope);
  return found.map((failure) => ({ surface, ...failure }));
}

describe('every text and control meets WCAG AA contrast, in light and in dark', () => {
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

  it('axe-core finds no contrast failure on the main screen, the dialogs, and halted', async () => {
    const { page } = app;
    const account = app.sim().accounts[0]!;
    await page.setViewportSize({ width: 1440, height: 900 });
    // A card in each look: filled, pending (large and not), blocked by a check.
    await app.backend.handlers.draftFromTicket({ text: `buy 1 MSFT @${account}` });
    await expect.poll(() => page.locator('[data-testid="draft-card"][data-state="pending"]').count()).toBe(1);
    await page.keyboard.press('g');
    await page.keyboard.press('q');
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('[data-testid="draft-card"][data-state="filled"]').count(), { timeout: 15_000 }).toBe(1);
    await app.backend.handlers.draftFromTicket({ text: `buy 2 AAPL lmt 225 @${account}` });
    await app.backend.handlers.draftFromTicket({ text: `buy ${await largeOrderQuantity(app, 'SPY', account)} SPY @${account}` });
    await app.backend.handlers.draftFromTicket({ text: `buy 5000 NVDA @${account}` });
    await expect.poll(() => page.locator('[data-testid="draft-card"][data-state="pending"]').count()).toBe(2);
    await expect.poll(() => page.locator('[data-testid="draft-card"][data-state="blocked"]').count()).toBe(1);
    await page.keyboard.press('g');
    await page.keyboard.press('q');

    const failures: Failure[] = [];
    const check = async (surface: string, scope?: string): Promise<void> => {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        failures.push(...(await contrastFailures(page, `${surface} (${scheme})`, scope)));
      }
    };

    await check('main screen');
    await page.getByTestId('chart-panel').getByRole('tab', { name: 'Allocation' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('allocation-row').first().waitFor();
    await check('allocation', '[data-testid="chart-panel"]');

    // The chat with a conversation in it: the question, tool calls (done and refused), the draft link, a flagged claim.
    await app.backend.handlers.updateClaudeSettings({ baseURL: fake.baseURL });
    await page.keyboard.press('/');
    await page.keyboard.type(KEY);
    await page.keyboard.press('Enter');
    await page.getByTestId('chat-input').waitFor();
    // The second look on Claude's draft is its own Messages call: it gets the counter-case, the chat gets the rest in order.
    const chat: ScriptedReply[] = [
      toolCall('get_portfolio', { account: 'DU0000000' }, 'Looking.'),
      toolCall('draft_order', { account, symbol: 'XOM', sec_type: 'STK', side: 'BUY', quantity: 2, order_type: 'MKT', thesis: 'Energy.', risks: ['Oil can fall.'] }),
      text('I placed the order for **2 XOM**.'),
    ];
    const counterCase = toolCall('give_counter_case', { case_against: 'XOM is already a large holding.', wrong_if: 'Oil holds.', confidence_pct: 40 });
    const pick = (request: RecordedRequest): ScriptedReply =>
      JSON.stringify(request.body.tool_choice ?? null).includes('give_counter_case') ? counterCase : (chat.shift() ?? text('Done.'));
    fake.reply(pick, pick, pick, pick);
    await page.keyboard.type('Add energy.');
    await page.keyboard.press('Enter');
    await page.getByTestId('chat-live').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('claim-flag').waitFor();
    await check('chat', '[data-testid="chat-pane"]');
    await expect.poll(() => page.getByTestId('second-look').first().getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    await check('card with a second look', '[data-testid="queue-pane"]');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await check('shortcuts dialog', '[data-testid="shortcuts-dialog"]');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    await check('command palette', '[data-testid="command-palette"]');
    await page.keyboard.type('Connection settings');
    await page.keyboard.press('Enter');
    const settings = page.getByTestId('settings-dialog');
    await settings.waitFor();
    for (const tab of ['Connection', 'Risk limits', 'Claude', 'Notifications', 'Keyboard']) {
      await settings.getByRole('tab', { name: tab }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => settings.getByRole('tab', { name: tab }).getAttribute('aria-selected')).toBe('true');
      await check(`settings: ${tab}`, '[data-testid="settings-dialog"]');
    }
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });
    await page.keyboard.press('g');
    await page.keyboard.press('q');
    await page.keyboard.press('r');
    await check('reject dialog', '[data-testid="reject-dialog"]');
    await page.keyboard.press('Escape');
    await page.getByTestId('reject-dialog').waitFor({ state: 'detached' });
    await page.locator('[data-testid="draft-card"][data-large="true"][data-state="pending"]').first().focus();
    await page.keyboard.press('a');
    await check('large-order confirmation', '[data-testid="confirm-large-dialog"]');
    await page.keyboard.press('Escape');
    await app.backend.handlers.setTradingState({ state: 'reducing' });
    await page.getByTestId('queue-trading-banner').waitFor();
    await check('reducing only');
    await app.backend.handlers.haltTrading(undefined);
    await expect.poll(() => page.getByTestId('trading-state').textContent()).toBe('Halted');
    await page.getByTestId('queue-trading-banner').waitFor();
    await check('halted');
    // A theme chosen in settings, against the system's.
    for (const [system, chosen] of [['light', 'dark'], ['dark', 'light']] as const) {
      await page.emulateMedia({ colorScheme: system });
      await app.backend.handlers.updateSettings({ theme: chosen });
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe(chosen);
      failures.push(...(await contrastFailures(page, `${chosen} chosen on a ${system} system`, undefined)));
    }

    expect(failures.map((f) => `${f.surface}: ${f.rule} ${f.target} ${f.summary.replace(/\s+/g, ' ')}`)).toEqual([]);
  });
});
