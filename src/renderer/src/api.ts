import type { RendererApi } from '../../shared/renderer-api';

/** The contract's named methods, whichever host installed them. */
export function rendererApi(): RendererApi {
  const api = window.countersign;
  if (!api) throw new Error('Countersign could not reach its backend: the bridge is missing.');
  return api;
}
