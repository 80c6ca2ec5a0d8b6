import { useEffect } from 'react';
import { useAppStore } from '../store';
import { currentDraft, requestApproval } from '../queue/approval-actions';

const NAVIGABLE = new Set(['drafted', 'pending', 'blocked', 'submitting', 'working', 'partially_filled', 'needs_review']);

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The app's keyboard map (see shortcuts.ts). Keys typed into a field belong to the field. */
export function useKeyboard(onProblem: (message: string | undefined) => void): void {
  useEffect(() => {
    let pendingG = false;
    const onKeyDown = (event: KeyboardEvent): void => {
      const store = useAppStore.getState();
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        store.openDialog({ kind: 'palette' });
        return;
      }
      if (event.key === 'Escape' && typingInField(event.target)) {
        (event.target as HTMLElement).blur();
        return;
      }
      if (typingInField(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (store.dialog.kind !== 'none') return;

      if (pendingG) {
        pendingG = false;
        const pane = { p: 'positions', q: 'queue', c: 'chat' }[event.key] as 'positions' | 'queue' | 'chat' | undefined;
        if (pane) {
          event.preventDefault();
          store.requestFocus(pane);
        }
        return;
      }
      const drafts = store.queue.drafts.filter((d) => NAVIGABLE.has(d.state));
      const index = drafts.findIndex((d) => d.id === store.selectedDraftId);
      const selected = currentDraft(store.selectedDraftId);
      switch (event.key) {
        case 'j':
        case 'ArrowDown': {
          if (drafts.length === 0) return;
          event.preventDefault();
          store.selectDraft(drafts[Math.min(drafts.length - 1, index + 1)]?.id);
          return;
        }
        case 'k':
        case 'ArrowUp': {
          if (drafts.length === 0) return;
          event.preventDefault();
          store.selectDraft(drafts[Math.max(0, index - 1)]?.id);
          return;
        }
        case 'Enter':
          if (!selected) return;
          event.preventDefault();
          store.toggleExpanded(selected.id);
          return;
        case 'a':
          if (!selected) return;
          event.preventDefault();
          void requestApproval(selected).then(onProblem);
          return;
        case 'r':
          if (!selected) return;
          event.preventDefault();
          store.openDialog({ kind: 'reject', draftId: selected.id });
          return;
        case 'e':
          if (!selected || (selected.state !== 'pending' && selected.state !== 'blocked')) return;
          event.preventDefault();
          store.setEditing(selected.id);
          return;
        case 'n':
          event.preventDefault();
          store.requestFocus('ticket');
          return;
        case '/':
          event.preventDefault();
          store.requestFocus('chat-input');
          return;
        case 'g':
          pendingG = true;
          return;
        case '?':
          event.preventDefault();
          store.openDialog({ kind: 'shortcuts' });
          return;
        default:
          return;
      }
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
