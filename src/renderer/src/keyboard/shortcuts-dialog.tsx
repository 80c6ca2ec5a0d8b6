import { Modal } from './modal';
import { SHORTCUTS, shortcutRows } from './shortcuts';
import { ShortcutsTable } from './shortcuts-table';

export function ShortcutsDialog() {
  return (
    <Modal title="Keyboard shortcuts" testId="shortcuts-dialog" className="shortcuts-dialog">
      <ShortcutsTable shortcuts={shortcutRows(SHORTCUTS)} />
    </Modal>
  );
}
