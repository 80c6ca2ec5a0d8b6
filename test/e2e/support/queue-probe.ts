/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import type { CallName } from '../../../src/shared/ipc-contract';
import type { AppUnderTest } from './app-under-test';

/** The calls that act on a draft: none of them may come from a key pressed in a dialog or a field. */
export const QUEUE_ACTIONS: readonly CallName[] = ['approveDraft', 'rejectDraft', 'editDraft'];

/**
 * Records every contract call the renderer makes, in the order the backend
 * receives them. Calls travel one socket in order, so `settle` (a harmless
 * call from the page) returns only after every call sent before it arrived:
 * a test can then say no approval was sent, without sleeping.
 */
export function recordCalls(app: AppUnderTest): { names: CallName[]; settle: () => Promise<void>; queueActions: () => CallName[] } {
  const names: CallName[] = [];
  const handlers = app.backend.handlers as unknown as Record<CallName, (request: unknown) => unknown>;
  for (const name of Object.keys(handlers) as CallName[]) {
    const original = handlers[name].bind(handlers);
    handlers[name] = (request: unknown) => {
      names.push(name);
      return original(request);
    };
  }
  return {
    names,
    settle: async () => {
      await app.page.evaluate(() => (window as unknown as { countersign: { getAppInfo(): Promise<unknown> } }).countersign.getAppInfo());
    },
    queueActions: () => names.filter((name) => QUEUE_ACTIONS.includes(name)),
  };
}

/** The selected draft, as the queue marks it. */
export function selectedDraftId(page: Page): Promise<string | null> {
  return page.locator('[data-testid="draft-card"][aria-current="true"]').first().getAttribute('data-draft-id', { timeout: 2000 }).catch(() => null);
}

/** True when focus is inside the element with this test id. */
export function focusInside(page: Page, testId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const container = document.querySelector(`[data-testid="${id}"]`);
    return !!container && container.contains(document.activeElement);
  }, testId);
}

/** How many elements Tab can reach inside the element with this test id. */
export function tabbableCount(page: Page, testId: string): Promise<number> {
  return page.evaluate((id) => {
    const container = document.querySelector(`[data-testid="${id}"]`);
    if (!container) return 0;
    const candidates = container.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])');
    return Array.from(candidates).filter((el) => !(el as HTMLButtonElement).disabled && el.offsetParent !== null).length;
  }, testId);
}
