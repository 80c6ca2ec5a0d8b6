/** What a key does; use-keyboard.ts maps each action to its effect. */
export type ShortcutAction =
  | 'next-draft'
  | 'previous-draft'
  | 'open-draft'
  | 'approve'
  | 'reject'
  | 'edit'
  | 'show-passes'
  | 'new-draft'
  | 'focus-chat'
  | 'go-positions'
  | 'go-queue'
  | 'go-chat'
  | 'palette'
  | 'help'
  | 'leave-field';

/**
 * Where a key may act. Queue keys act on the selected draft, so they never
 * act while a dialog, the palette or a text field has focus; app keys never
 * act inside a dialog either, and Enter acts only when focus is on the queue
 * itself (on a focused button, Enter belongs to the button).
 */
export type ShortcutScope = 'queue' | 'app' | 'field';

export interface Shortcut {
  action: ShortcutAction;
  /**
   * The presses that trigger it, in the key names of KeyboardEvent.key;
   * "Mod+" is Ctrl or ⌘, and "g p" is g then p.
   */
  presses: readonly string[];
  does: string;
  scope: ShortcutScope;
}

/** A row of a shortcuts table as the person reads it. */
export interface ShortcutRow {
  keys: string;
  does: string;
}

/** Every shortcut: the ? dialog lists these and the handler in use-keyboard.ts acts on exactly these. */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'next-draft', presses: ['j', 'ArrowDown'], does: 'Next draft', scope: 'queue' },
  { action: 'previous-draft', presses: ['k', 'ArrowUp'], does: 'Previous draft', scope: 'queue' },
  { action: 'open-draft', presses: ['Enter'], does: 'Open or close the selected draft (when the queue has focus)', scope: 'queue' },
  { action: 'approve', presses: ['a'], does: 'Approve the selected draft (large orders ask you to type the quantity)', scope: 'queue' },
  { action: 'reject', presses: ['r'], does: 'Reject the selected draft, with an optional reason for Claude', scope: 'queue' },
  { action: 'edit', presses: ['e'], does: 'Edit quantity and prices of the selected draft', scope: 'queue' },
  { action: 'show-passes', presses: ['c'], does: 'Show or hide the checks the selected draft passed', scope: 'queue' },
  { action: 'new-draft', presses: ['n'], does: 'New draft: focus the order ticket', scope: 'app' },
  { action: 'focus-chat', presses: ['/'], does: 'Focus the chat', scope: 'app' },
  { action: 'go-positions', presses: ['g p'], does: 'Go to positions', scope: 'app' },
  { action: 'go-queue', presses: ['g q'], does: 'Go to the approval queue', scope: 'app' },
  { action: 'go-chat', presses: ['g c'], does: 'Go to the chat', scope: 'app' },
  { action: 'palette', presses: ['Mod+k'], does: 'Command palette', scope: 'field' },
  { action: 'help', presses: ['?'], does: 'Show these shortcuts', scope: 'app' },
  { action: 'leave-field', presses: ['Escape'], does: 'Close a dialog, leave a field', scope: 'field' },
];

const KEY_LABELS: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc', 'Mod+k': 'Ctrl/⌘ K' };

export function keysLabel(shortcut: Shortcut): string {
  return shortcut.presses.map((press) => KEY_LABELS[press] ?? press).join(' / ');
}

export function shortcutRows(shortcuts: readonly Shortcut[]): ShortcutRow[] {
  return shortcuts.map((shortcut) => ({ keys: keysLabel(shortcut), does: shortcut.does }));
}

/** The press a key event makes, in the table's names; `after` is a pending first key of a sequence. */
export function pressOf(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, after?: string): string | undefined {
  if (event.altKey) return undefined;
  if (event.ctrlKey || event.metaKey) return `Mod+${event.key.toLowerCase()}`;
  return after ? `${after} ${event.key}` : event.key;
}

export function shortcutFor(press: string): Shortcut | undefined {
  return SHORTCUTS.find((shortcut) => shortcut.presses.includes(press));
}

/** True when the press starts a two-key sequence such as "g p". */
export function startsSequence(press: string): boolean {
  return SHORTCUTS.some((shortcut) => shortcut.presses.some((p) => p.startsWith(`${press} `)));
}
