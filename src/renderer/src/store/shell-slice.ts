import type { StateCreator } from 'zustand';
import type { GlobalShortcutStatus, HaltOutcome } from '../../../shared/shell-notices';

/** What the desktop shell told the window (the browser harness never sends these). */
export interface ShellSlice {
  /** The last halt asked for from the tray, until the person dismisses it. */
  haltOutcome: HaltOutcome | undefined;
  shortcutStatus: GlobalShortcutStatus | undefined;
  setHaltOutcome(outcome: HaltOutcome | undefined): void;
  setShortcutStatus(status: GlobalShortcutStatus): void;
}

export const createShellSlice: StateCreator<ShellSlice, [], [], ShellSlice> = (set) => ({
  haltOutcome: undefined,
  shortcutStatus: undefined,
  setHaltOutcome: (haltOutcome) => set({ haltOutcome }),
  setShortcutStatus: (shortcutStatus) => set({ shortcutStatus }),
});
