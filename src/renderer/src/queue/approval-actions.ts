import type { Draft } from '../../../shared/draft';
import { rendererApi } from '../api';
import { useAppStore } from '../store';

/**
 * Approve, unless main says the order is large: then the person must type
 * the quantity first (a single key press is not enough for a big order).
 * Main decides what is large and refuses a large order without the typed
 * quantity, so a size that grew since the queue was drawn also asks.
 */
export async function requestApproval(draft: Draft): Promise<string | undefined> {
  const state = useAppStore.getState();
  if (state.queue.review[draft.id]?.size.large !== false) {
    state.openDialog({ kind: 'confirm-large', draftId: draft.id });
    return undefined;
  }
  const result = await rendererApi().approveDraft({ id: draft.id, version: draft.version });
  if (result.ok) return undefined;
  if (result.error.code === 'confirmation_required') {
    useAppStore.getState().openDialog({ kind: 'confirm-large', draftId: draft.id });
    return undefined;
  }
  return result.error.message;
}

/** The large-order dialog's approval, with the quantity the person typed. */
export async function approveConfirmed(draft: Draft, confirmedQuantity: number): Promise<string | undefined> {
  const result = await rendererApi().approveDraft({ id: draft.id, version: draft.version, confirmedQuantity });
  return result.ok ? undefined : result.error.message;
}

export function currentDraft(id: string | undefined): Draft | undefined {
  if (!id) return undefined;
  return useAppStore.getState().queue.drafts.find((d) => d.id === id);
}
