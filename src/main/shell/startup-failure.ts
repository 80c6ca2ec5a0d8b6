import type { App, Dialog } from 'electron';
import type { Log } from '../log';

export const STARTUP_FAILURE_TITLE = 'Countersign could not start';

/**
 * A start-up that throws would otherwise leave nothing on screen: no window,
 * no tray, a process that never shows itself. The person gets a native
 * dialog with the cause and where the log is, and the app exits.
 */
export function reportStartupFailure(
  error: unknown,
  context: { dialog: Pick<Dialog, 'showErrorBox'>; app: Pick<App, 'exit'>; log: Log; logFile: string },
): void {
  context.log.error(STARTUP_FAILURE_TITLE, error);
  const cause = error instanceof Error ? error.message : String(error);
  context.dialog.showErrorBox(
    STARTUP_FAILURE_TITLE,
    `${cause}\n\nNothing was sent to your broker. The log with the details is at:\n${context.logFile}`,
  );
  context.app.exit(1);
}
