import type { BrowserWindow } from 'electron';
import type { TraySettings } from '../../shared/settings';

export interface KeepInTrayOptions {
  settings: () => TraySettings;
  /** True once the person chose Quit: then closing really closes. */
  quitting: () => boolean;
}

/**
 * With "keep running in the tray" on, closing the window hides it: the
 * backend keeps the gateway session, the queue and its notifications alive,
 * and the tray or a notification brings the same window back as it was.
 */
export function keepInTrayOnClose(window: BrowserWindow, options: KeepInTrayOptions): void {
  // Windows closes every window at log-off or shutdown; a window that hides
  // instead would hold the session end up.
  let sessionEnding = false;
  window.on('session-end', () => {
    sessionEnding = true;
  });
  window.on('close', (event) => {
    if (sessionEnding || options.quitting() || !options.settings().keepRunningInTray) return;
    event.preventDefault();
    window.hide();
  });
}

/** Whether closing the last window ends the app; macOS apps stay in the dock by convention. */
export function quitsWhenWindowsClose(platform: NodeJS.Platform, settings: TraySettings): boolean {
  return platform !== 'darwin' && !settings.keepRunningInTray;
}
