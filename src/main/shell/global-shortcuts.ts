import { globalShortcut } from 'electron';
import type { Log } from '../log';

export const QUEUE_SHORTCUT = 'CommandOrControl+Shift+A';
export const HALT_SHORTCUT = 'CommandOrControl+Shift+H';

export interface ShortcutActions {
  /** Bring the window forward on the approval queue. */
  showQueue(): void;
  haltTrading(): void;
}

/**
 * System-wide shortcuts, registered once the app is ready. Another app may
 * already own a combination; that is logged rather than fatal, because the
 * tray and the window still offer both actions. Returns a function that
 * releases exactly the shortcuts it took.
 */
export function registerGlobalShortcuts(actions: ShortcutActions, log: Log): () => void {
  const taken: string[] = [];
  const bindings: [string, () => void][] = [
    [QUEUE_SHORTCUT, () => actions.showQueue()],
    [HALT_SHORTCUT, () => actions.haltTrading()],
  ];
  for (const [accelerator, action] of bindings) {
    if (globalShortcut.register(accelerator, action)) taken.push(accelerator);
    else log.warn(`The global shortcut ${accelerator} is used by another application; it is not available in Countersign.`);
  }
  return () => {
    for (const accelerator of taken.splice(0)) globalShortcut.unregister(accelerator);
  };
}
