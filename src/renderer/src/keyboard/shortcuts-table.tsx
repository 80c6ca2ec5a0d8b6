import type { ShortcutRow } from './shortcuts';

/** Keys and what they do, as the ? dialog and the settings' keyboard tab show them. */
export function ShortcutsTable({ shortcuts, label }: { shortcuts: readonly ShortcutRow[]; label?: string }) {
  return (
    <table className="shortcuts" aria-label={label}>
      <tbody>
        {shortcuts.map((shortcut) => (
          <tr key={shortcut.keys} data-testid="shortcut-row">
            <th scope="row">
              <kbd>{shortcut.keys}</kbd>
            </th>
            <td>{shortcut.does}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
