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
  const [info, session, settings, portfolio, queue] = await Promise.all([
    api.getAppInfo(),
    api.getSessionState(),
    api.getSettings(),
    api.getPortfolio(),
    api.getQueue(),
  ]);
  for (const result of [info, session, settings, portfolio, queue]) {
    if (!result.ok) store.setBackendProblem(result.error.message);
  }
  if (info.ok) {
    followMainClock(info.value.now);
    store.setAppInfo(info.value);
  }
  if (session.ok) store.setSession(session.value);
  if (settings.ok) store.setSettings(settings.value);
  if (portfolio.ok) store.applyPortfolioSnapshot(portfolio.value);
  if (queue.ok) store.setQueue(queue.value);
  if (info.ok && info.value.storeProblem) store.setBackendProblem(info.value.storeProblem);
  const [claude, conversations] = await Promise.all([api.getClaudeStatus(), api.listConversations()]);
  if (claude.ok) store.setClaude(claude.value);
  if (conversations.ok) store.setConversations(conversations.value);
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
