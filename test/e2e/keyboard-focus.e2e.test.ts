/// <reference lib="dom" />
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHORTCUTS, shortcutRows, type ShortcutAction } from '../../src/renderer/src/keyboard/shortcuts';
import { openReadyApp, type AppUnderTest } from './support/app-under-test';
import { largeOrderQuantity } from './support/large-order';
import { focusInside, recordCalls, selectedDraftId, tabbableCount } from './support/queue-probe';

const QUEUE_KEYS = ['a', 'j', 'k', 'e', 'r'] as const;

// Keyboard only: the person's keys, never a click.
describe('the keys act on the queue only when the queue is what the person is looking at', () => {
  let app: AppUnderTest;
  let account: string;

  beforeEach(async () => {
    app = await openReadyApp();
    account = app.sim().accounts[0]!;
  });

  afterEach(async () => {
    await app.close();
  });

  const draft = async (text: string): Promise<void> => {
    await app.backend.handlers.draftFromTicket({ text: `${text} @${account}` });
  };
  const pendingCards = (page: Page) => page.locator('[data-testid="draft-card"][data-state="pending"]').count();
  const paletteCommand = async (page: Page, label: string): Promise<void> => {
    await page.keyboard.press('Control+k');
    await page.getByTestId('command-palette').waitFor();
    await page.keyboard.type(label);
    await page.keyboard.press('Enter');
  };

  /** Opens a surface, returns the test id whose element must keep focus, or undefined for a field. */
  interface Surface {
    name: string;
    open(page: Page): Promise<void>;
    /** The dialog's test id; a field is checked by what has focus instead. */
    dialog?: string;
    field?: string;
  }
  const surfaces: Surface[] = [
    { name: 'settings', dialog: 'settings-dialog', open: (page) => paletteCommand(page, 'Connection settings') },
    { name: 'shortcuts', dialog: 'shortcuts-dialog', open: (page) => page.keyboard.press('?') },
    { name: 'command palette', dialog: 'command-palette', open: (page) => page.keyboard.press('Control+k') },
    { name: 'reject', dialog: 'reject-dialog', open: (page) => page.keyboard.press('r') },
    {
      name: 'large-order confirmation',
      dialog: 'confirm-large-dialog',
      open: async (page) => {
        // The large card may sit anywhere in the queue (a card with a warning leads): j until it is the selected one.
        const selectedIsLarge = () => page.locator('[data-testid="draft-card"][aria-current="true"][data-large="true"]').count();
        for (let moves = 0; (await selectedIsLarge()) === 0; moves += 1) {
          expect(moves, 'the large draft in the queue').toBeLessThan(3);
          await page.keyboard.press('j');
        }
        await page.keyboard.press('a');
      },
    },
    {
      name: 'session pop-up',
      dialog: 'session-dialog',
      open: async () => {
        app.sim().faults.competingSession();
      },
    },
    { name: 'order ticket', field: 'order-ticket', open: (page) => page.keyboard.press('n') },
    { name: 'API key field', field: 'claude-key', open: (page) => page.keyboard.press('/') },
    {
      name: 'edit form',
      field: 'edit-quantity',
      open: async (page) => {
        await page.keyboard.press('e');
        await page.getByTestId('edit-quantity').waitFor();
      },
    },
  ];

  for (const surface of surfaces) {
    it(`a, j, k, e, r do nothing to the queue while the ${surface.name} has focus`, async () => {
      const { page } = app;
      await draft('buy 1 QQQ');
      await draft('buy 1 MSFT');
      await draft(`buy ${await largeOrderQuantity(app, 'SPY', account)} SPY`);
      await expect.poll(() => pendingCards(page)).toBe(3);
      const probe = recordCalls(app);
      await surface.open(page);
      if (surface.dialog) {
        await page.getByTestId(surface.dialog).waitFor();
        await expect.poll(() => focusInside(page, surface.dialog!)).toBe(true);
      } else {
        await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['testid'])).toBe(surface.field);
      }
      const selected = await selectedDraftId(page);
      const editing = await page.getByTestId('edit-quantity').count();
      // Every control a dialog holds, not only the first: Tab on to each and press the keys there.
      const stops = surface.dialog ? Math.max(1, await tabbableCount(page, surface.dialog)) : 1;
      for (let stop = 0; stop < stops; stop += 1) {
        for (const key of QUEUE_KEYS) await page.keyboard.press(key);
        if (surface.dialog) {
          expect(await focusInside(page, surface.dialog), `focus left the ${surface.name} after the keys`).toBe(true);
          await page.keyboard.press('Tab');
        }
      }
      await probe.settle();
      expect(probe.queueActions()).toEqual([]);
      expect(await selectedDraftId(page)).toBe(selected);
      expect(await pendingCards(page)).toBe(3);
      expect(await page.getByTestId('edit-quantity').count()).toBe(editing);
      if (surface.dialog) {
        expect(await page.getByTestId(surface.dialog).count()).toBe(1);
        if (surface.dialog !== 'reject-dialog') expect(await page.getByTestId('reject-dialog').count()).toBe(0);
      }
    });
  }

  const modals = surfaces.filter((surface) => surface.dialog && surface.dialog !== 'session-dialog');
  for (const surface of modals) {
    it(`Tab and Shift+Tab never leave the ${surface.name}; Escape closes it and focus goes back`, async () => {
      const { page } = app;
      await draft('buy 1 QQQ');
      await draft('buy 1 MSFT');
      await draft(`buy ${await largeOrderQuantity(app, 'SPY', account)} SPY`);
      await expect.poll(() => pendingCards(page)).toBe(3);
      // Where focus was before the dialog opened: the selected draft card.
      await page.keyboard.press('g');
      await page.keyboard.press('q');
      await page.keyboard.press('j');
      await page.keyboard.press('k');
      const openedFrom = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['draftId'] ?? null);
      await surface.open(page);
      const dialog = surface.dialog!;
      await page.getByTestId(dialog).waitFor();
      await expect.poll(() => focusInside(page, dialog)).toBe(true);
      const afterOpen = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['draftId'] ?? null);
      const stops = (await tabbableCount(page, dialog)) + 2;
      for (const key of ['Tab', 'Shift+Tab']) {
        for (let i = 0; i < stops; i += 1) {
          await page.keyboard.press(key);
          expect(await focusInside(page, dialog), `${key} #${i + 1} left the ${surface.name}`).toBe(true);
        }
      }
      await page.keyboard.press('Escape');
      await page.getByTestId(dialog).waitFor({ state: 'detached' });
      // The large-order dialog is opened from the card that j moved to; the rest from the card we left.
      const expected = surface.dialog === 'confirm-large-dialog' ? afterOpen ?? (await selectedDraftId(page)) : openedFrom;
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['draftId'] ?? null)).toBe(expected);
    });
  }

  it('the session pop-up keeps Tab inside it and Escape closes it', async () => {
    const { page } = app;
    app.sim().faults.competingSession();
    const dialog = page.getByTestId('session-dialog');
    await dialog.waitFor();
    await expect.poll(() => focusInside(page, 'session-dialog')).toBe(true);
    const stops = (await tabbableCount(page, 'session-dialog')) + 2;
    for (let i = 0; i < stops; i += 1) {
      await page.keyboard.press('Tab');
      expect(await focusInside(page, 'session-dialog')).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('Enter and Space activate every focused button, also while a draft is selected', async () => {
    const { page } = app;
    await draft('buy 1 QQQ');
    await expect.poll(() => pendingCards(page)).toBe(1);
    expect(await selectedDraftId(page)).not.toBeNull();
    // Clicks are recorded and stopped before the app sees them, so no button actually runs (Halt, Approve).
    await page.evaluate(() => {
      const clicked: string[] = [];
      (window as unknown as { clicked: string[] }).clicked = clicked;
      window.addEventListener(
        'click',
        (event) => {
          const target = event.target as HTMLElement;
          clicked.push(target.closest('button, a')?.getAttribute('data-probe') ?? '');
          event.preventDefault();
          event.stopImmediatePropagation();
        },
        { capture: true },
      );
      document.querySelectorAll('button, a[href]').forEach((el, i) => el.setAttribute('data-probe', String(i)));
    });
    const seen = new Set<string>();
    let buttons = 0;
    for (let step = 0; step < 200; step += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        if (!active || !active.matches('button, a[href]')) return { probe: null, label: active?.tagName ?? '' };
        return { probe: active.getAttribute('data-probe'), label: active.textContent ?? '' };
      });
      if (!focused.probe) continue;
      if (seen.has(focused.probe)) break;
      seen.add(focused.probe);
      buttons += 1;
      for (const key of ['Enter', ' ']) {
        await page.evaluate(() => ((window as unknown as { clicked: string[] }).clicked.length = 0));
        await page.keyboard.press(key === ' ' ? 'Space' : key);
        const clicked = await page.evaluate(() => [...(window as unknown as { clicked: string[] }).clicked]);
        expect(clicked, `${key === ' ' ? 'Space' : 'Enter'} on "${focused.label.trim()}"`).toEqual([focused.probe]);
      }
    }
    expect(buttons).toBeGreaterThan(5);
  });

  it('every key in the shortcuts table does what the table says, and the ? dialog lists exactly the table', async () => {
    const { page } = app;
    await draft('buy 1 QQQ');
    await draft('buy 1 MSFT');
    await expect.poll(() => pendingCards(page)).toBe(2);
    const activeTestId = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['testid'] ?? null);
    const focusIn = (testId: string) => page.evaluate((id) => !!document.querySelector(`[data-testid="${id}"]`)?.contains(document.activeElement), testId);
    const press = async (keys: string): Promise<void> => {
      for (const key of keys.split(' ')) await page.keyboard.press(key.replace('Mod+', 'Control+'));
    };
    const toQueue = async (): Promise<void> => {
      await page.keyboard.press('g');
      await page.keyboard.press('q');
    };
    const firstTwo = async (): Promise<string[]> =>
      page.locator('[data-testid="draft-card"][data-state="pending"]').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-draft-id') ?? ''));

    const checks: Record<ShortcutAction, (keys: string) => Promise<void>> = {
      'next-draft': async (keys) => {
        const [first, second] = await firstTwo();
        await toQueue();
        await page.keyboard.press('k');
        await page.keyboard.press('k');
        expect(await selectedDraftId(page)).toBe(first);
        await press(keys);
        expect(await selectedDraftId(page)).toBe(second);
      },
      'previous-draft': async (keys) => {
        const [first, second] = await firstTwo();
        await toQueue();
        await page.keyboard.press('j');
        await page.keyboard.press('j');
        expect(await selectedDraftId(page)).toBe(second);
        await press(keys);
        expect(await selectedDraftId(page)).toBe(first);
      },
      'open-draft': async (keys) => {
        await toQueue();
        await page.keyboard.press('k');
        const card = page.locator('[data-testid="draft-card"][aria-current="true"]');
        const before = await card.getAttribute('aria-expanded');
        await press(keys);
        await expect.poll(() => card.getAttribute('aria-expanded')).not.toBe(before);
        await press(keys);
        await expect.poll(() => card.getAttribute('aria-expanded')).toBe(before);
      },
      approve: async (keys) => {
        await toQueue();
        const id = await selectedDraftId(page);
        await press(keys);
        await expect.poll(() => app.backend.store!.drafts.get(id!)?.state, { timeout: 15_000 }).not.toBe('pending');
      },
      reject: async (keys) => {
        await toQueue();
        await press(keys);
        await page.getByTestId('reject-dialog').waitFor();
        await page.keyboard.press('Escape');
        await page.getByTestId('reject-dialog').waitFor({ state: 'detached' });
      },
      edit: async (keys) => {
        await toQueue();
        await press(keys);
        await page.getByTestId('edit-quantity').waitFor();
        await page.keyboard.press('Escape');
        await page.getByTestId('edit-quantity').waitFor({ state: 'detached' });
      },
      'show-passes': async (keys) => {
        await toQueue();
        const line = page.locator('[data-testid="draft-card"][aria-current="true"] [data-testid="passes-line"]');
        expect(await line.getAttribute('aria-expanded')).toBe('false');
        await press(keys);
        await expect.poll(() => line.getAttribute('aria-expanded')).toBe('true');
        await press(keys);
        await expect.poll(() => line.getAttribute('aria-expanded')).toBe('false');
      },
      'new-draft': async (keys) => {
        await toQueue();
        await press(keys);
        await expect.poll(activeTestId).toBe('order-ticket');
        await page.keyboard.press('Escape');
      },
      'focus-chat': async (keys) => {
        await toQueue();
        await press(keys);
        // No API key yet: the chat's field is the key field.
        await expect.poll(activeTestId).toBe('claude-key');
        await page.keyboard.press('Escape');
      },
      'go-positions': async (keys) => {
        await press(keys);
        await expect.poll(() => focusIn('positions-pane')).toBe(true);
      },
      'go-queue': async (keys) => {
        await page.keyboard.press('g');
        await page.keyboard.press('p');
        await press(keys);
        await expect.poll(() => focusIn('queue-pane')).toBe(true);
      },
      'go-chat': async (keys) => {
        await press(keys);
        await expect.poll(() => focusIn('chat-pane')).toBe(true);
      },
      'decision-review': async (keys) => {
        await press(keys);
        await page.getByTestId('decision-review').waitFor();
        await expect.poll(() => focusIn('decision-review')).toBe(true);
        await page.keyboard.press('Escape');
        await page.getByTestId('decision-review').waitFor({ state: 'detached' });
      },
      palette: async (keys) => {
        await press(keys);
        await page.getByTestId('command-palette').waitFor();
        await page.keyboard.press('Escape');
        await page.getByTestId('command-palette').waitFor({ state: 'detached' });
      },
      help: async (keys) => {
        await press(keys);
        const dialog = page.getByTestId('shortcuts-dialog');
        await dialog.waitFor();
        const rows = await dialog.getByTestId('shortcut-row').evaluateAll((trs) =>
          trs.map((tr) => ({ keys: tr.querySelector('th')?.textContent ?? '', does: tr.querySelector('td')?.textContent ?? '' })),
        );
        expect(rows).toEqual(shortcutRows(SHORTCUTS));
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      },
      'leave-field': async (keys) => {
        await page.keyboard.press('n');
        await expect.poll(activeTestId).toBe('order-ticket');
        await press(keys);
        await expect.poll(activeTestId).not.toBe('order-ticket');
      },
    };
    // Approving changes the queue, so it goes last.
    const ordered = [...SHORTCUTS.filter((s) => s.action !== 'approve'), ...SHORTCUTS.filter((s) => s.action === 'approve')];
    for (const shortcut of ordered) {
      for (const keys of shortcut.presses) {
        try {
          await checks[shortcut.action](keys);
        } catch (error) {
          const where = await page.evaluate(() => {
            const active = document.activeElement as HTMLElement | null;
            const cards = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="draft-card"]')).map((c) => `${c.dataset['state']}:${c.getAttribute('aria-label')}`);
            return { active: `${active?.tagName} ${active?.dataset['testid'] ?? ''}`, cards };
          });
          throw new Error(`${shortcut.action} (${keys}): ${(error as Error).message}; focus ${where.active}; cards ${where.cards.join(', ')}`, { cause: error });
        }
      }
    }
  });
});
