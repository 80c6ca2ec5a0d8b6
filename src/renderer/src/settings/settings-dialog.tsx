import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ConnectionSettings } from '../../../shared/settings';
import { rendererApi } from '../api';
import { Modal } from '../keyboard/modal';
import { useAppStore } from '../store';
import { DemoAccountForm } from './demo-account-form';
import { ClaudeSettingsForm, KeyboardReference, LargeOrderForm, NotificationsForm, RiskLimitsForm } from './settings-forms';

type Tab = 'connection' | 'limits' | 'claude' | 'notifications' | 'keyboard';
const TABS: { id: Tab; label: string }[] = [
  { id: 'connection', label: 'Connection' },
  { id: 'limits', label: 'Risk limits' },
  { id: 'claude', label: 'Claude' },
  { id: 'notifications', label: 'Notifications' },
  { id: 'keyboard', label: 'Keyboard' },
];

/** Every setting, stored in SQLite in main; changes apply at once, no restart. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const [tab, setTab] = useState<Tab>('connection');
  return (
    <Modal title="Settings" testId="settings-dialog" className="settings-dialog" onClose={onClose} hideTitle>
      <div className="tabs" role="tablist" aria-label="Settings sections">
        {TABS.map((entry) => (
          <button key={entry.id} type="button" role="tab" aria-selected={tab === entry.id} onClick={() => setTab(entry.id)}>
            {entry.label}
          </button>
        ))}
        <button type="button" className="close" aria-label="Close settings" onClick={onClose}>
          ×
        </button>
      </div>
      {tab === 'connection' && (
        <>
          <ConnectionSettingsForm onDone={onClose} />
          <DemoAccountForm />
        </>
      )}
      {tab === 'limits' && (
        <>
          <RiskLimitsForm />
          <LargeOrderForm />
        </>
      )}
      {tab === 'claude' && <ClaudeSettingsForm />}
      {tab === 'notifications' && <NotificationsForm />}
      {tab === 'keyboard' && <KeyboardReference />}
    </Modal>
  );
}

/** Where Countersign connects: the demo gateway, a detected local one, or a given host and port. */
function ConnectionSettingsForm({ onDone: onClose }: { onDone: () => void }) {
  const settings = useAppStore((s) => s.settings);
  const [draft, setDraft] = useState<ConnectionSettings | undefined>(settings?.connection);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => first.current?.focus(), []);
  if (!draft) return null;

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await rendererApi().updateSettings({ connection: draft });
    if (result.ok) onClose();
    else setProblem(result.error.message);
  };

  return (
      <form
        className="settings-form"
        aria-labelledby="connection-settings-title"
        onSubmit={(event) => void save(event)}
        data-testid="connection-settings"
      >
        <h2 id="connection-settings-title">Connection</h2>
        <label>
          Gateway
          <select ref={first} value={draft.target} onChange={(e) => setDraft({ ...draft, target: e.target.value as ConnectionSettings['target'] })}>
            <option value="demo">Demo gateway (simulated, no IBKR login)</option>
            <option value="auto">Detect a local IB Gateway or TWS (4001/4002/7496/7497)</option>
            <option value="manual">This host and port</option>
          </select>
        </label>
        {draft.target !== 'demo' && (
          <label>
            Host
            <input value={draft.host} onChange={(e) => setDraft({ ...draft, host: e.target.value })} />
          </label>
        )}
        {draft.target === 'manual' && (
          <label>
            Port
            <input type="number" min={1} max={65535} value={draft.port} onChange={(e) => setDraft({ ...draft, port: Number(e.target.value) })} />
          </label>
        )}
        <label>
          Client id
          <input type="number" min={0} value={draft.clientId} onChange={(e) => setDraft({ ...draft, clientId: Number(e.target.value) })} />
          <span className="muted">0 also shows orders placed by hand in TWS.</span>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.liveTradingEnabled}
            onChange={(e) => setDraft({ ...draft, liveTradingEnabled: e.target.checked })}
          />
          Allow live accounts (real money). Off: Countersign refuses to connect to a live account.
        </label>
        {problem && <p role="alert" className="problem">{problem}</p>}
        <div className="dialog-actions">
          <button type="submit" className="primary">
            Save and reconnect
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
  );
}
