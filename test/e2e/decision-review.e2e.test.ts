import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reviewFigures } from '../../src/main/journal/review-figures';
import type { JournalRepository } from '../../src/main/journal/journal-repository';
import { formatPercent, formatSignedMoney } from '../../src/shared/format-numbers';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';

const DAY = 86_400_000;
/** Monday 2026-11-02, 11:00 US/Eastern (UTC-5). */
const START = Date.UTC(2026, 10, 2, 16);

/**
 * A hand-made month of decisions in the journal (derived data, so a test may
 * write it): Claude's and the ticket's drafts, approved with fills and not,
 * with outcomes at each horizon, some winning and some losing.
 */
function seedHistory(repo: JournalRepository): void {
  for (let i = 0; i < 14; i += 1) {
    const draftId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const at = START + Math.floor(i / 3) * 7 * DAY + (i % 3) * DAY;
    const approved = i % 3 !== 2;
    const side = i % 4 === 0 ? 'SELL' : 'BUY';
    const conId = [265598, 272093, 4815747][i % 3] ?? 265598;
    repo.insertEntry(
      { draftId, author: i % 2 === 0 ? 'claude' : 'person', account: 'DU1', conId, symbol: ['AAPL', 'MSFT', 'NVDA'][i % 3] ?? 'AAPL', secType: 'STK', side, quantity: 10 + i, multiplier: 1, orderType: 'MKT', draftedAt: at, draftQuote: { bid: 99.9, ask: 100.1, last: 100 }, positionBefore: i % 5 === 0 ? 0 : 50, warned: i % 4 === 1 },
      at,
    );
    repo.recordDecision(draftId, { decision: approved ? 'approved' : i % 2 ? 'rejected' : 'expired', decidedAt: at + 60_000, quote: { bid: 99.95, ask: 100, last: 99.98 }, positionBefore: i % 5 === 0 ? 0 : 50, warned: i % 4 === 1, orderId: approved ? 100 + i : null, clientId: approved ? 1 : null }, at);
    if (approved) {
      repo.recordExecution({ execId: `e${i}`, account: 'DU1', conId, side, shares: 10 + i, price: side === 'BUY' ? 100 + (i % 3) * 0.02 : 99.95 - (i % 2) * 0.03, at: at + 61_000, orderRef: draftId, orderId: 100 + i, clientId: 1 });
    }
    const move = [3, -4, 1.5, -6, 2.5, 0.5, -1][i % 7] ?? 0;
    repo.recordOutcome(draftId, { horizon: '1d', sessionDate: '20261103', price: 100 + move / 2 }, at);
    repo.recordOutcome(draftId, { horizon: '5d', sessionDate: '20261109', price: 100 + move }, at);
    if (i < 8) repo.recordOutcome(draftId, { horizon: '20d', sessionDate: '20261201', price: 100 + move * 1.5 }, at);
  }
}

describe('the decision review', () => {
  let app: AppUnderTest;

  beforeEach(async () => {
    app = await openReadyApp();
  });

  afterEach(async () => {
    await app.close();
  });

  it('opens from the keyboard with figures computed in main, two charts, and exports the CSV', async () => {
    const { page, backend } = app;
    const journal = backend.journal;
    if (!journal) throw new Error('no journal');
    seedHistory(journal.repository);
    // One real draft, rejected through the queue, so the CSV carries its audit row numbers.
    const draft = await backend.handlers.draftFromTicket({ text: 'buy 2 MSFT', account: app.sim().accounts[0] });
    await backend.handlers.rejectDraft({ id: draft.id, version: draft.version, reason: 'not now' });
    await expect.poll(() => journal.record(draft.id)?.decision).toBe('rejected');
    const expected = reviewFigures(journal.records());

    // Tall enough that the screenshots hold the whole review, charts included.
    await page.setViewportSize({ width: 1280, height: 1150 });
    await page.locator('body').focus();
    await page.keyboard.press('g');
    await page.keyboard.press('r');
    const dialog = page.getByTestId('decision-review');
    await dialog.waitFor();
    await expect.poll(() => page.getByTestId('review-decided').textContent()).toContain(`${expected.decided} decided drafts`);

    // What the view shows is main's figures, one for one.
    const share = (value: number | null): string => (value === null ? '—' : formatPercent(value * 100));
    for (const rate of expected.byAuthor) expect(await page.getByTestId(`rate-author-${rate.key}`).textContent()).toBe(share(rate.rate));
    for (const rate of expected.byRelation) expect(await page.getByTestId(`rate-relation-${rate.key}`).textContent()).toBe(share(rate.rate));
    for (const rate of expected.byWarning) expect(await page.getByTestId(`rate-warning-${rate.key}`).textContent()).toBe(share(rate.rate));
    for (const h of expected.horizons) {
      expect(await page.getByTestId(`hit-approved-${h.horizon}`).textContent()).toBe(share(h.approved.hitRate));
      expect(await page.getByTestId(`pnl-approved-${h.horizon}`).textContent()).toBe(formatSignedMoney(h.approved.averagePnl));
      expect(await page.getByTestId(`hit-not-approved-${h.horizon}`).textContent()).toBe(share(h.notApproved.hitRate));
      expect(await page.getByTestId(`pnl-not-approved-${h.horizon}`).textContent()).toBe(formatSignedMoney(h.notApproved.averagePnl));
    }
    expect(await page.getByTestId('review-slippage').textContent()).toBe(`${expected.averageSlippageBps?.toFixed(1)} bps`);
    expect(await page.getByTestId('review-worst').locator('li').count()).toBe(expected.worst.length);
    expect(expected.worst.length).toBeGreaterThan(0);

    // Both charts drew their bars.
    const drawn = async (testId: string): Promise<{ type: string; points: number }[]> => JSON.parse((await page.getByTestId(testId).getAttribute('data-drawn')) ?? '[]') as { type: string; points: number }[];
    await expect.poll(async () => (await drawn('review-outcomes-chart')).map((s) => [s.type, s.points])).toEqual([
      ['bar', expected.distribution.length],
      ['bar', expected.distribution.length],
    ]);
    await expect.poll(async () => (await drawn('review-rate-chart')).map((s) => [s.type, s.points])).toEqual([['bar', expected.overTime.length]]);
    await dialog.screenshot({ path: 'test-results/decision-review.png' });

    // Keyboard only: Tab reaches Export CSV, Enter saves the file.
    const download = page.waitForEvent('download');
    for (let i = 0; i < 10; i += 1) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Export CSV') break;
    }
    await page.keyboard.press('Enter');
    const file = await download;
    const csv = readFileSync((await file.path()) ?? '', 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(journal.records().length + 1);
    const row = lines.find((line) => line.startsWith(draft.id));
    const audit = journal.repository.auditOf(draft.id);
    expect(row?.startsWith(`${draft.id},${audit.created},${audit.decided},person,`)).toBe(true);
    await expect.poll(() => page.getByTestId('review-exported').textContent()).toBe(`Exported ${journal.records().length} drafts.`);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.keyboard.press('Control+k');
    await page.keyboard.type('review past');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await expect.poll(async () => (await drawn('review-rate-chart')).length).toBe(1);
    await page.screenshot({ path: 'test-results/decision-review-dark.png' });
    expect(app.pageErrors).toEqual([]);
  });
});
