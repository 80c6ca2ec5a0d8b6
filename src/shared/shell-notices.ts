import { z } from 'zod';

/**
 * What the desktop shell tells the window about things that happen outside
 * it: a halt asked for from the tray (its outcome must be visible even where
 * OS notifications are not delivered), a halt asked for by a global shortcut
 * (confirmed in the window before anything is cancelled), and which global
 * shortcuts the OS actually gave the app.
 */

export const HaltOutcome = z.object({
  ok: z.boolean(),
  /** One line: "Trading halted" or "Trading was NOT halted". */
  title: z.string(),
  /** What happened and what to check, in plain words. */
  message: z.string(),
  at: z.number().int().nonnegative(),
});
export type HaltOutcome = z.infer<typeof HaltOutcome>;

export const HaltConfirmation = z.object({ requestedAt: z.number().int().nonnegative() });
export type HaltConfirmation = z.infer<typeof HaltConfirmation>;

export const GlobalShortcutAction = z.enum(['showQueue', 'haltTrading']);
export type GlobalShortcutAction = z.infer<typeof GlobalShortcutAction>;

export const GlobalShortcutStatus = z.object({
  shortcuts: z.array(
    z.object({
      action: GlobalShortcutAction,
      accelerator: z.string(),
      /** 'refused': the OS said another app owns it. */
      state: z.enum(['off', 'active', 'refused']),
      message: z.string(),
    }),
  ),
  /** A note that applies to all of them on this desktop (Wayland). */
  platformNote: z.string().optional(),
});
export type GlobalShortcutStatus = z.infer<typeof GlobalShortcutStatus>;
