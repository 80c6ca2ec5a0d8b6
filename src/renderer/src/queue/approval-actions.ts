import type { Draft } from '../../../shared/draft';
import { rendererApi } from '../api';
import { useAppStore } from '../store';
import { isLargeOrder, reviewFigures } from './review-figures';

/**
 * Approve, unless the order is large: then the person must type the
 * quantity first (a single key press is not enough for a big order).
 */
export async function requestApproval(draft: Draft): Promise<string | undefined> {
  const state = useAppStore.getState();
  const figures = reviewFigures(draft, state.accounts[draft.account], Object.values(state.positions), Object.values(state.quotes));
  if (isLargeOrder(figures, state.settings?.approvals.largeOrderPct)) {
    state.openDialog({ kind: 'confirm-large', draftId: draft.id });
    return undefined;
  }
  return approveNow(draft);
}

export async function approveNow(draft: Draft): Promise<string | undefined> {
  const result = await rendererApi().approveDraft({ id: draft.id, version: draft.version });
  return result.ok ? undefined : result.error.message;
}

export function currentDraft(id: string | undefined): Draft | undefined {
  if (!id) return undefined;
  return useAppStore.getState().queue.drafts.find((d) => d.id === id);
}
