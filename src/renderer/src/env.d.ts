import type { RendererApi } from '../../shared/renderer-api';

declare global {
  interface Window {
    /** Installed by the preload (Electron) or the harness bridge (browser). */
    readonly countersign: RendererApi;
  }
}

export {};
