import type { RendererApi } from '../../../shared/renderer-api';
import { useAppStore } from './index';

/**
 * Subscribes first, then fetches snapshots, so no event that arrives in
 * between is lost. Returns a function that unsubscribes everything.
 */
export async function connectBackend(api: RendererApi): Promise<() => void> {
  const store = useAppStore.getState();
  const unsubscribers = [api.onSessionState(store.setSession), api.onSettings(store.setSettings)];
  const [info, session, settings] = await Promise.all([api.getAppInfo(), api.getSessionState(), api.getSettings()]);
  for (const result of [info, session, settings]) {
    if (!result.ok) store.setBackendProblem(result.error.message);
  }
  if (info.ok) store.setAppInfo(info.value);
  if (session.ok) store.setSession(session.value);
  if (settings.ok) store.setSettings(settings.value);
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
