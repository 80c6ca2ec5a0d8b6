import type { Draft } from '../../shared/draft';
import type { QueueView } from '../../shared/queue';

/** Drafts the person can approve now, oldest first (the oldest expires first). */
export function pendingDrafts(view: QueueView): Draft[] {
  return view.drafts.filter((draft) => draft.state === 'pending').sort((a, b) => a.createdAt - b.createdAt);
}
