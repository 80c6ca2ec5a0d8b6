import { useMemo, useState } from 'react';
import { rendererApi } from '../api';
import { currentDraft, requestApproval } from '../queue/approval-actions';
import { useAppStore } from '../store';
import { Modal } from './modal';

interface Command {
  label: string;
  run(): void;
}

/** Ctrl/⌘ K: every action by name, filtered as you type, run with Enter. */
export function CommandPalette({ onOpenSettings }: { onOpenSettings: () => void }) {
  const [filter, setFilter] = useState('');
  const [index, setIndex] = useState(0);
  const store = useAppStore.getState();
  const commands = useMemo((): Command[] => {
    const selected = currentDraft(store.selectedDraftId);
    const api = rendererApi();
    const list: Command[] = [
      { label: 'New draft (order ticket)', run: () => store.requestFocus('ticket') },
      { label: 'Go to positions', run: () => store.requestFocus('positions') },
      { label: 'Go to the approval queue', run: () => store.requestFocus('queue') },
      { label: 'Go to the chat', run: () => store.requestFocus('chat-input') },
      { label: 'Halt trading (cancel the orders Countersign placed)', run: () => void api.haltTrading() },
      { label: 'Halt and cancel every open order in the account, including TWS', run: () => void api.haltTrading({ scope: 'account' }) },
      { label: 'Resume trading', run: () => void api.setTradingState({ state: 'active' }) },
      { label: 'Reducing orders only', run: () => void api.setTradingState({ state: 'reducing' }) },
      { label: 'Reconnect to the gateway', run: () => void api.reconnectSession() },
      { label: 'Connection settings', run: onOpenSettings },
      { label: 'Show keyboard shortcuts', run: () => store.openDialog({ kind: 'shortcuts' }) },
      { label: 'Review past decisions (decision journal)', run: () => store.openDialog({ kind: 'decision-review' }) },
    ];
    if (selected) {
      list.unshift(
        { label: `Approve the selected draft`, run: () => void requestApproval(selected) },
        { label: `Reject the selected draft`, run: () => store.openDialog({ kind: 'reject', draftId: selected.id }) },
        { label: `Edit the selected draft`, run: () => store.setEditing(selected.id) },
      );
    }
    return list;
  }, [store, onOpenSettings]);
  const shown = commands.filter((command) => command.label.toLowerCase().includes(filter.trim().toLowerCase()));
  const run = (command: Command | undefined): void => {
    if (!command) return;
    // Close first: the command may open a dialog of its own.
    store.closeDialog();
    command.run();
  };
  return (
    <Modal title="Command palette" testId="command-palette">
      <input
        aria-label="Type a command"
        aria-controls="palette-list"
        aria-activedescendant={shown[index] ? `palette-${index}` : undefined}
        value={filter}
        onChange={(event) => {
          setFilter(event.target.value);
          setIndex(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setIndex((i) => Math.min(shown.length - 1, i + 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setIndex((i) => Math.max(0, i - 1));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            run(shown[index]);
          }
        }}
      />
      <ul id="palette-list" role="listbox" className="palette-list">
        {shown.map((command, i) => (
          <li key={command.label} id={`palette-${i}`} role="option" aria-selected={i === index} onClick={() => run(command)}>
            {command.label}
          </li>
        ))}
      </ul>
    </Modal>
  );
}
