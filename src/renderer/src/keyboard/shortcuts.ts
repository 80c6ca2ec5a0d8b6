export interface Shortcut {
  keys: string;
  does: string;
}

/** Every shortcut, as the ? dialog lists it. The handler in use-keyboard.ts implements exactly these. */
export const SHORTCUTS: Shortcut[] = [
  { keys: 'j / ↓', does: 'Next draft' },
  { keys: 'k / ↑', does: 'Previous draft' },
  { keys: 'Enter', does: 'Open or close the selected draft' },
  { keys: 'a', does: 'Approve the selected draft (large orders ask you to type the quantity)' },
  { keys: 'r', does: 'Reject the selected draft, with an optional reason for Claude' },
  { keys: 'e', does: 'Edit quantity and prices of the selected draft' },
  { keys: 'n', does: 'New draft: focus the order ticket' },
  { keys: '/', does: 'Focus the chat' },
  { keys: 'g p', does: 'Go to positions' },
  { keys: 'g q', does: 'Go to the approval queue' },
  { keys: 'g c', does: 'Go to the chat' },
  { keys: 'Ctrl/⌘ K', does: 'Command palette' },
  { keys: '?', does: 'Show these shortcuts' },
  { keys: 'Esc', does: 'Close a dialog, leave a field' },
];
