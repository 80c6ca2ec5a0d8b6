import { z } from 'zod';

/**
 * Settings the renderer may read and change. The Anthropic API key is
 * deliberately absent: it lives encrypted in main and only its presence is
 * ever reported (see ClaudeKeyStatus).
 */
export const ConnectionSettings = z.object({
  /** 'demo' runs the embedded simulated gateway; 'auto' probes the usual local ports first. */
  target: z.enum(['demo', 'auto', 'manual']),
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  clientId: z.number().int().min(0).max(2_147_483_647),
  liveTradingEnabled: z.boolean(),
});
export type ConnectionSettings = z.infer<typeof ConnectionSettings>;

/** Which OS notifications the person wants; none of them ever carries an approve action. */
export const NotificationSettings = z.object({
  /** A draft from Claude waiting for approval. */
  newDraft: z.boolean(),
  /** The gateway session was lost or taken by another login. */
  sessionProblems: z.boolean(),
  fills: z.boolean(),
  /** Orders the broker refused. */
  rejections: z.boolean(),
  /** An order whose outcome at IB could not be established (it is never re-sent by itself). Defaulted: older stored settings lack it. */
  needsReview: z.boolean().default(true),
  /** Do not disturb until this epoch ms; a time in the past (0) switches it off. */
  focusUntil: z.number().int().nonnegative().optional(),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const TraySettings = z.object({
  /** Closing the window hides it; the app keeps watching the queue from the tray. */
  keepRunningInTray: z.boolean(),
});
export type TraySettings = z.infer<typeof TraySettings>;

/**
 * An Electron accelerator with at least one modifier ("CommandOrControl+Alt+Shift+Y"),
 * or '' for off. A system-wide shortcut without a modifier would take a plain
 * key from every other app.
 */
export const GlobalAccelerator = z
  .string()
  .max(80)
  .regex(
    /^$|^(?:(?:CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+)+(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4]))$/,
    'Use modifiers and one key, like CommandOrControl+Alt+Shift+Y, or leave it empty to switch the shortcut off.',
  );

/** System-wide shortcuts; each can be switched off (''). */
export const ShortcutSettings = z.object({
  /** Brings Countersign forward on the queue. Four keys that common apps (VS Code, Chrome, Finder, JetBrains IDEs) leave alone by default. */
  showQueue: GlobalAccelerator,
  /** Asks, in the window, to halt trading. Off unless the person sets one: a stray press from another app must never halt. */
  haltTrading: GlobalAccelerator,
});
export type ShortcutSettings = z.infer<typeof ShortcutSettings>;

/** How the approval queue asks for a sign-off. */
export const ApprovalSettings = z.object({
  /** An order larger than this share of the account's net liquidation needs its quantity typed to approve, not one key. */
  largeOrderPct: z.number().min(0.1).max(100),
});
export type ApprovalSettings = z.infer<typeof ApprovalSettings>;

const defaultApprovalSettings: ApprovalSettings = { largeOrderPct: 2 };
const defaultNotificationSettings: NotificationSettings = { newDraft: true, sessionProblems: true, fills: true, rejections: true, needsReview: true };
const defaultTraySettings: TraySettings = { keepRunningInTray: false };
export const defaultShortcutSettings: ShortcutSettings = { showQueue: 'CommandOrControl+Alt+Shift+Y', haltTrading: '' };

export const Settings = z.object({
  connection: ConnectionSettings,
  theme: z.enum(['system', 'light', 'dark']),
  // Defaults here, not only in defaultSettings: settings stored by an older
  // version lack these groups and must still parse, or the person's
  // connection settings would be thrown away with them.
  notifications: NotificationSettings.default(defaultNotificationSettings),
  tray: TraySettings.default(defaultTraySettings),
  approvals: ApprovalSettings.default(defaultApprovalSettings),
  shortcuts: ShortcutSettings.default(defaultShortcutSettings),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z
  .object({
    connection: ConnectionSettings.partial().strict().optional(),
    theme: Settings.shape.theme.optional(),
    // No defaults in a patch: a field left out must stay as the person set it.
    notifications: NotificationSettings.extend({ needsReview: z.boolean() }).partial().strict().optional(),
    tray: TraySettings.partial().strict().optional(),
    approvals: ApprovalSettings.partial().strict().optional(),
    shortcuts: ShortcutSettings.partial().strict().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const defaultSettings: Settings = {
  connection: { target: 'demo', host: '127.0.0.1', port: 4002, clientId: 17, liveTradingEnabled: false },
  theme: 'system',
  notifications: defaultNotificationSettings,
  tray: defaultTraySettings,
  approvals: defaultApprovalSettings,
  shortcuts: defaultShortcutSettings,
};
