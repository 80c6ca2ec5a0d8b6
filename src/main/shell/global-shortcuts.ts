import { globalShortcut } from 'electron';
import type { GlobalShortcutAction, GlobalShortcutStatus } from '../../shared/shell-notices';
import type { ShortcutSettings } from '../../shared/settings';
import type { Log } from '../log';

export interface ShortcutActions {
  /** Bring the window forward on the approval queue. */
  showQueue(): void;
  /** Bring the window forward and ask there whether to halt: a global press never halts by itself. */
  askToHalt(): void;
}

const ACTION_WORDS: Record<GlobalShortcutAction, string> = {
  showQueue: 'Show the queue',
  haltTrading: 'Halt trading (asks first)',
};

export interface GlobalShortcutsOptions {
  actions: ShortcutActions;
  log: Log;
  /** Told what the OS gave the app after every change, for the settings page. */
  publish: (status: GlobalShortcutStatus) => void;
  platformNote?: string;
}

export interface GlobalShortcuts {
  /** Registers what the settings ask for, replacing what was registered before. */
  apply(settings: ShortcutSettings): GlobalShortcutStatus;
  status(): GlobalShortcutStatus;
  /** Releases exactly the shortcuts this app took. */
  release(): void;
}

/**
 * System-wide shortcuts, as the person configured them. Another app may own
 * a combination: the OS then refuses it and the settings page says so. Some
 * desktops accept a combination and deliver it elsewhere without telling
 * anyone; the settings page says that too, since the app cannot detect it.
 */
export function bindGlobalShortcuts(options: GlobalShortcutsOptions): GlobalShortcuts {
  const taken: string[] = [];
  let current: GlobalShortcutStatus = { shortcuts: [], ...(options.platformNote ? { platformNote: options.platformNote } : {}) };
  const release = (): void => {
    for (const accelerator of taken.splice(0)) globalShortcut.unregister(accelerator);
  };
  const run: Record<GlobalShortcutAction, () => void> = {
    showQueue: () => options.actions.showQueue(),
    haltTrading: () => options.actions.askToHalt(),
  };
  return {
    apply(settings) {
      release();
      const shortcuts = (Object.keys(run) as GlobalShortcutAction[]).map((action) => {
        const accelerator = settings[action];
        if (!accelerator) return { action, accelerator, state: 'off' as const, message: `${ACTION_WORDS[action]}: off.` };
        if (taken.includes(accelerator) || !globalShortcut.register(accelerator, run[action])) {
          options.log.warn(`The global shortcut ${accelerator} is used by another application; it is not available in Countersign.`);
          return {
            action,
            accelerator,
            state: 'refused' as const,
            message: `${ACTION_WORDS[action]}: ${accelerator} is already used by another application. Choose another combination.`,
          };
        }
        taken.push(accelerator);
        return {
          action,
          accelerator,
          state: 'active' as const,
          message: `${ACTION_WORDS[action]}: ${accelerator}. If pressing it does nothing, another application took it first: choose another.`,
        };
      });
      current = { shortcuts, ...(options.platformNote ? { platformNote: options.platformNote } : {}) };
      options.publish(current);
      return current;
    },
    status: () => current,
    release,
  };
}

/**
 * Under Wayland an app cannot grab keys itself: Chromium goes through the
 * desktop's GlobalShortcuts portal when this feature is on (set before
 * ready). Returns the note the settings page shows on such a desktop.
 */
export function waylandShortcutsNote(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | undefined {
  if (platform !== 'linux' || env['XDG_SESSION_TYPE'] !== 'wayland') return undefined;
  return 'On Wayland, global shortcuts go through your desktop’s GlobalShortcuts portal (GNOME 48+, KDE Plasma 5.27+), which may ask you to allow them. On a desktop without the portal they are unavailable; use the tray or the window instead.';
}

export const WAYLAND_SHORTCUTS_FEATURE = 'GlobalShortcutsPortal';
