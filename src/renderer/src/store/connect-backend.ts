import type { RendererApi } from '../../../shared/renderer-api';
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
  if (info.ok) store.setAppInfo(info.value);
  if (session.ok) store.setSession(session.value);
  if (settings.ok) store.setSettings(settings.value);
  if (portfolio.ok) store.applyPortfolioSnapshot(portfolio.value);
  if (queue.ok) store.setQueue(queue.value);
  if (info.ok && info.value.storeProblem) store.setBackendProblem(info.value.storeProblem);
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
