import { useEffect } from 'react';
import { useAppStore } from '../store';
import { currentDraft, requestApproval } from '../queue/approval-actions';
import { bringCardIntoView, orderLineVisible } from '../queue/card-in-view';
import { focusOnQueue, openModal, typingInField } from './focus-scope';
import { pressOf, shortcutFor, startsSequence, type Shortcut, type ShortcutAction } from './shortcuts';

const NAVIGABLE = new Set(['drafted', 'pending', 'blocked', 'submitting', 'working', 'partially_filled', 'needs_review']);

/** The keys that act on one draft: each acts only on a card the person can see. */
const ACTS_ON_DRAFT = new Set<ShortcutAction>(['open-draft', 'approve', 'reject', 'edit', 'show-passes']);

/**
 * The draft such a key would act on, when its card is scrolled out of view:
 * the press then only brings the card into view, and a second press acts.
 */
function unseenTarget(action: ShortcutAction, event: KeyboardEvent): string | undefined {
  if (!ACTS_ON_DRAFT.has(action)) return undefined;
  const focused = action === 'open-draft' && event.target instanceof HTMLElement ? currentDraft(event.target.dataset['draftId']) : undefined;
  const target = focused ?? currentDraft(useAppStore.getState().selectedDraftId);
  if (!target || orderLineVisible(target.id)) return undefined;
  return target.id;
}

/** Whether a shortcut may act on this event, given where focus is (see ShortcutScope). */
function mayAct(shortcut: Shortcut, event: KeyboardEvent): boolean {
  // A modal owns the keyboard: it traps focus and closes itself on Escape.
  if (openModal()) return false;
  if (shortcut.scope === 'field') return true;
  if (typingInField(event.target)) return false;
  // On a focused button or link, Enter is the control's.
  if (shortcut.action === 'open-draft') return focusOnQueue(event.target);
  return true;
}

/** The app's keyboard map: the table in shortcuts.ts, acted on here and nowhere else. */
export function useKeyboard(onProblem: (message: string | undefined) => void): void {
  useEffect(() => {
    let pendingPrefix: string | undefined;
    const act = (action: ShortcutAction, event: KeyboardEvent): boolean => {
      const store = useAppStore.getState();
      const drafts = store.queue.drafts.filter((d) => NAVIGABLE.has(d.state));
      const index = drafts.findIndex((d) => d.id === store.selectedDraftId);
      const selected = currentDraft(store.selectedDraftId);
      switch (action) {
        case 'next-draft':
          if (drafts.length === 0) return false;
          store.selectDraft(drafts[Math.min(drafts.length - 1, index + 1)]?.id);
          return true;
        case 'previous-draft':
          if (drafts.length === 0) return false;
          store.selectDraft(drafts[Math.max(0, index - 1)]?.id);
          return true;
        case 'open-draft': {
          // The card with focus, also a finished one the selection does not stay on.
          const focused = event.target instanceof HTMLElement ? currentDraft(event.target.dataset['draftId']) : undefined;
          const target = focused ?? selected;
          if (!target) return false;
          store.toggleExpanded(target.id);
          return true;
        }
        case 'approve':
          if (!selected) return false;
          void requestApproval(selected).then(onProblem);
          return true;
        case 'reject':
          if (!selected) return false;
          store.openDialog({ kind: 'reject', draftId: selected.id });
          return true;
        case 'edit':
          if (!selected || (selected.state !== 'pending' && selected.state !== 'blocked')) return false;
          store.setEditing(selected.id);
          return true;
        case 'show-passes':
          if (!selected) return false;
          store.togglePasses(selected.id);
          return true;
        case 'new-draft':
          store.requestFocus('ticket');
          return true;
        case 'focus-chat':
          store.requestFocus('chat-input');
          return true;
        case 'go-positions':
          store.requestFocus('positions');
          return true;
        case 'go-queue':
          store.requestFocus('queue');
          return true;
        case 'go-chat':
          store.requestFocus('chat');
          return true;
        case 'decision-review':
          store.openDialog({ kind: 'decision-review' });
          return true;
        case 'palette':
          store.openDialog({ kind: 'palette' });
          return true;
        case 'help':
          store.openDialog({ kind: 'shortcuts' });
          return true;
        case 'leave-field':
          if (!typingInField(event.target)) return false;
          (event.target as HTMLElement).blur();
          return true;
      }
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      const prefix = pendingPrefix;
      pendingPrefix = undefined;
      const press = pressOf(event, prefix);
      if (!press) return;
      const shortcut = shortcutFor(press);
      if (!shortcut) {
        if (!prefix && startsSequence(press) && !openModal() && !typingInField(event.target)) pendingPrefix = press;
        return;
      }
      if (!mayAct(shortcut, event)) return;
      const unseen = unseenTarget(shortcut.action, event);
      if (unseen) {
        bringCardIntoView(unseen);
        event.preventDefault();
        return;
      }
      if (act(shortcut.action, event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onProblem]);
}

/** Moves DOM focus where a keyboard jump asked for it. */
export function useFocusRequest(target: 'positions' | 'queue' | 'chat' | 'ticket' | 'chat-input', ref: { current: HTMLElement | null }): void {
  const request = useAppStore((s) => s.focusRequest);
  useEffect(() => {
    if (request?.pane === target) ref.current?.focus();
  }, [request, target, ref]);
}
