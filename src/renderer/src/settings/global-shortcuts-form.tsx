import { useEffect, useState, type FormEvent } from 'react';
import type { ShortcutSettings } from '../../../shared/settings';
import { rendererApi } from '../api';
import { useAppStore } from '../store';

const FIELDS: { key: keyof ShortcutSettings; label: string }[] = [
  { key: 'showQueue', label: 'From any app: bring Countersign forward on the queue' },
  { key: 'haltTrading', label: 'From any app: ask to halt trading (you confirm in this window)' },
];

/**
 * System-wide shortcuts take a combination from every other app, so each can
 * be changed or switched off (left empty), and the page says what the OS
 * actually gave the app.
 */
export function GlobalShortcutsForm() {
  const stored = useAppStore((s) => s.settings?.shortcuts);
  const status = useAppStore((s) => s.shortcutStatus);
  const host = useAppStore((s) => s.appInfo?.host);
  const [draft, setDraft] = useState<ShortcutSettings | undefined>(stored);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  useEffect(() => setDraft(stored), [stored]);
  if (!draft) return null;
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await rendererApi().updateSettings({ shortcuts: { showQueue: draft.showQueue.trim(), haltTrading: draft.haltTrading.trim() } });
    setSaved(result.ok ? 'Saved.' : result.error.message);
  };
  return (
    <form onSubmit={(event) => void save(event)} aria-label="Global shortcuts" className="settings-form">
      {host === 'harness' && <p className="muted">System-wide shortcuts exist only in the desktop app.</p>}
      {status?.platformNote && <p role="note">{status.platformNote}</p>}
      {FIELDS.map((field) => (
        <label key={field.key}>
          {field.label}
          <input
            type="text"
            value={draft[field.key]}
            placeholder="off (for example CommandOrControl+Alt+Shift+Y)"
            onChange={(event) => setDraft({ ...draft, [field.key]: event.target.value })}
            data-testid={`global-shortcut-${field.key}`}
          />
        </label>
      ))}
      <button type="submit">Save shortcuts</button>
      {saved && <p role="status">{saved}</p>}
      {status && (
        <ul aria-label="What the system gave Countersign">
          {status.shortcuts.map((entry) => (
            <li key={entry.action} className={entry.state === 'refused' ? 'problem' : undefined}>
              {entry.message}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
