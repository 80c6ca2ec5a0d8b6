import { Modal } from './modal';
import { SHORTCUTS } from './shortcuts';

export function ShortcutsDialog() {
  return (
    <Modal title="Keyboard shortcuts" testId="shortcuts-dialog">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <th scope="row">
                <kbd>{shortcut.keys}</kbd>
              </th>
              <td>{shortcut.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
