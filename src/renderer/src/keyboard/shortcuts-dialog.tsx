import { Modal } from './modal';
import { SHORTCUTS } from './shortcuts';
import { ShortcutsTable } from './shortcuts-table';

export function ShortcutsDialog() {
  return (
    <Modal title="Keyboard shortcuts" testId="shortcuts-dialog">
      <ShortcutsTable shortcuts={SHORTCUTS} />
    </Modal>
  );
}
