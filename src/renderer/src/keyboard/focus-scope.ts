/**
 * Where keyboard focus is, as the key map needs to know it. A queue key
 * pressed while a dialog or a field has focus must not act on a draft the
 * person cannot see, so these read the DOM itself rather than a flag that
 * one dialog might forget to set.
 */

/** The open modal dialog, if any (the settings, session, palette and every other dialog mark themselves aria-modal). */
export function openModal(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[aria-modal="true"]');
}

export function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Focus is on the queue itself (the pane or a draft card), not on a control inside it. */
export function focusOnQueue(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.dataset['queueFocus'] === 'true';
}

/** Nothing else holds focus: the page, or the queue. Selection may then move focus to a draft card. */
export function focusIsFree(): boolean {
  const active = document.activeElement;
  if (openModal()) return false;
  return !active || active === document.body || focusOnQueue(active);
}
