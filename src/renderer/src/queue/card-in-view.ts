/**
 * Whether the person can see the draft a queue key would act on. The queue's
 * list scrolls (PageDown, the wheel) without moving the selection, so the
 * selected card can be off-screen while it still has focus; a key that
 * approves, rejects or edits it must not act on a card nobody is looking at.
 */

function cardElement(draftId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="draft-card"][data-draft-id="${CSS.escape(draftId)}"]`);
}

/** The card's order line lies wholly inside every box that clips it and inside the window. */
export function orderLineVisible(draftId: string): boolean {
  const line = cardElement(draftId)?.querySelector<HTMLElement>('.draft-line');
  if (!line) return false;
  const box = line.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return false;
  const within = (outer: { top: number; bottom: number; left: number; right: number }): boolean =>
    box.top >= outer.top - 0.5 && box.bottom <= outer.bottom + 0.5 && box.left >= outer.left - 0.5 && box.right <= outer.right + 0.5;
  if (!within({ top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth })) return false;
  for (let parent = line.parentElement; parent; parent = parent.parentElement) {
    const style = getComputedStyle(parent);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    if (!within(parent.getBoundingClientRect())) return false;
  }
  return true;
}

/** Scrolls the card's head into view and gives the card focus, so the next key press acts on what the person now sees. */
export function bringCardIntoView(draftId: string): void {
  const card = cardElement(draftId);
  if (!card) return;
  card.scrollIntoView({ block: 'nearest' });
  // A card taller than the list keeps its order line in view: that is what the person signs.
  if (!orderLineVisible(draftId)) card.scrollIntoView({ block: 'start' });
  card.focus({ preventScroll: true });
}
