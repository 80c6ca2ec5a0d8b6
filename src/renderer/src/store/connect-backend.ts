import type { CallResult } from '../../../shared/ipc-contract';
import type { RendererApi } from '../../../shared/renderer-api';
import { followMainClock } from '../clock';
import { useAppStore } from './index';

/**
 * Subscribes first, then fetches snapshots, so no event that arrives in
 * between is lost (the portfolio slice ignores deltas its snapshot already
 * holds). Returns a function that unsubscribes everything.
 */
export async function connectBackend(api: RendererApi): Promise<() => void> {
  const store = useAppStore.getState();
  const unsubscribers = [
    api.onSessionState(store.setSession),
    api.onSettings(store.setSettings),
    api.onPortfolio(store.applyPortfolioDelta),
    api.onQueue(store.setQueue),
    api.onChat(store.applyChatEvent),
    // Subscribed at load, so a "show this draft" sent right after a reopened window loads is not missed.
    api.onFocusDraft(({ draftId }) => {
      store.selectDraft(draftId);
      store.requestFocus('queue');
    }),
    api.onHaltOutcome(store.setHaltOutcome),
    api.onGlobalShortcuts(store.setShortcutStatus),
    api.onConfirmHalt(() => store.openDialog({ kind: 'confirm-halt' })),
  ];
  // Each answer is shown as it arrives (the positions first): the first screen waits for no other call.
  const show = async <T,>(call: Promise<CallResult<T>>, use: (value: T) => void): Promise<void> => {
    const result = await call;
    if (result.ok) use(result.value);
    else store.setBackendProblem(result.error.message);
  };
  await Promise.all([
    show(api.getPortfolio(), store.applyPortfolioSnapshot),
    show(api.getSessionState(), store.setSession),
    show(api.getQueue(), store.setQueue),
    show(api.getSettings(), store.setSettings),
    show(api.getAppInfo(), (info) => {
      followMainClock(info.now);
      store.setAppInfo(info);
      if (info.storeProblem) store.setBackendProblem(info.storeProblem);
    }),
  ]);
  const [claude, conversations] = await Promise.all([api.getClaudeStatus(), api.listConversations()]);
  if (claude.ok) store.setClaude(claude.value);
  if (conversations.ok) store.setConversations(conversations.value);
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
