import type { App, BrowserWindow, PowerMonitor } from 'electron';
import type { Log } from '../log';

/** How long quitting waits for the backend before it exits anyway. */
export const STOP_DEADLINE_MS = 8_000;

export interface OrderlyQuitOptions {
  app: Pick<App, 'on' | 'quit'>;
  powerMonitor: Pick<PowerMonitor, 'on'>;
  /** Closes the gateway socket and checkpoints and closes the database. */
  stopBackend: () => Promise<void>;
  log: Log;
  /** Told the moment quitting begins (a window then closes instead of hiding in the tray). */
  onQuitting: () => void;
  deadlineMs?: number;
}

export interface OrderlyQuit {
  /** Stops the backend once, however many ways quitting is asked for. */
  stopOnce(): Promise<void>;
  /** Windows' log-off and shutdown arrive per window. */
  watchSessionEnd(window: BrowserWindow): void;
}

/**
 * Quitting waits for the backend to stop: the WAL checkpoint and the gateway
 * socket's close would otherwise race the process exit. The first quit is
 * held back (before-quit prevented), the backend stops within a deadline,
 * then the quit goes through.
 */
export function quitAfterBackendStops(options: OrderlyQuitOptions): OrderlyQuit {
  const { app, log } = options;
  const deadlineMs = options.deadlineMs ?? STOP_DEADLINE_MS;
  let stopping: Promise<void> | undefined;
  let stopped = false;

  const stopOnce = (): Promise<void> => {
    stopping ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), deadlineMs);
      });
      try {
        const outcome = await Promise.race([options.stopBackend().then(() => 'stopped' as const), deadline]);
        if (outcome === 'late') log.warn(`The backend did not stop within ${deadlineMs} ms; quitting anyway`);
      } catch (error) {
        log.error('The backend did not stop cleanly', error);
      } finally {
        clearTimeout(timer);
        stopped = true;
      }
    })();
    return stopping;
  };
  const stopThenQuit = (): void => {
    options.onQuitting();
    void stopOnce().then(() => app.quit());
  };

  app.on('before-quit', (event) => {
    options.onQuitting();
    if (stopped) return;
    event.preventDefault();
    stopThenQuit();
  });
  // Linux and macOS: Electron delays the shutdown while the event is prevented
  // (its documentation passes the event; the typings leave it out).
  options.powerMonitor.on('shutdown', (...args: unknown[]) => {
    (args[0] as { preventDefault?: () => void } | undefined)?.preventDefault?.();
    stopThenQuit();
  });

  return {
    stopOnce,
    watchSessionEnd(window) {
      // Windows asks first (and waits while prevented), then ends the session regardless.
      window.on('query-session-end', (event) => {
        event.preventDefault();
        stopThenQuit();
      });
      window.on('session-end', () => {
        options.onQuitting();
        void stopOnce();
      });
    },
  };
}
