import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { RiskLimits } from '../../../shared/draft';
import { RISK_LIMIT_FIELDS, readRiskLimit, type RiskLimitKey } from '../../../shared/risk-limit-fields';
import { rendererApi } from '../api';
import { SHORTCUTS, shortcutRows } from '../keyboard/shortcuts';
import { ShortcutsTable } from '../keyboard/shortcuts-table';
import { clock } from '../clock';
import { useAppStore } from '../store';
import { ClaudeKeyForm } from '../chat/claude-key-form';
import { GlobalShortcutsForm } from './global-shortcuts-form';

type Limits = Omit<RiskLimits, 'liveTradingEnabled'> & { problem?: string };
type Typed = Record<RiskLimitKey, string>;

const typedFrom = (limits: Limits): Typed =>
  Object.fromEntries(RISK_LIMIT_FIELDS.map((field) => [field.key, String(limits[field.key])])) as Typed;

/** Pre-trade limits; every waiting draft is checked again when they change. */
export function RiskLimitsForm() {
  const [limits, setLimits] = useState<Limits | undefined>(undefined);
  // What is in each field, as typed: an emptied field stays empty rather than becoming 0.
  const [typed, setTyped] = useState<Typed | undefined>(undefined);
  const [problems, setProblems] = useState<Partial<Record<RiskLimitKey, string>>>({});
  const [saved, setSaved] = useState<string | undefined>(undefined);
  useEffect(() => {
    void rendererApi()
      .getRiskLimits()
      .then((result) => {
        if (!result.ok) return;
        setLimits(result.value);
        setTyped(typedFrom(result.value));
      });
  }, []);
  if (!limits || !typed) return <p className="muted">Loading limits…</p>;
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const found: Partial<Record<RiskLimitKey, string>> = {};
    const values: Partial<Record<RiskLimitKey, number>> = {};
    for (const field of RISK_LIMIT_FIELDS) {
      const read = readRiskLimit(field, typed[field.key]);
      if (read.ok) values[field.key] = read.value;
      else found[field.key] = read.problem;
    }
    setProblems(found);
    const wrong = Object.values(found);
    if (wrong.length > 0) {
      setSaved(`Nothing was saved. ${wrong.join(' ')}`);
      return;
    }
    const result = await rendererApi().updateRiskLimits(values);
    setSaved(result.ok ? 'Saved. Waiting drafts were checked again.' : `Nothing was saved: ${result.error.message}`);
    if (result.ok) {
      setLimits(result.value);
      setTyped(typedFrom(result.value));
    }
  };
  return (
    <form onSubmit={(event) => void save(event)} aria-label="Risk limits" className="settings-form" noValidate>
      {limits.problem && (
        <p role="alert" className="settings-problem">
          {limits.problem}
        </p>
      )}
      {RISK_LIMIT_FIELDS.map((field) => (
        <label key={`${field.key}`}>
          {field.label}
          <span className="field-with-unit">
            <input
              type="number"
              min={0}
              step={field.step}
              value={typed[field.key]}
              data-limit={field.key}
              aria-invalid={problems[field.key] ? 'true' : undefined}
              aria-describedby={problems[field.key] ? `limit-problem-${field.key}` : undefined}
              onChange={(event) => setTyped({ ...typed, [field.key]: event.target.value })}
            />
            <span className="muted">{field.unit}</span>
          </span>
          {problems[field.key] && (
            <span id={`limit-problem-${field.key}`} className="settings-problem">
              {problems[field.key]}
            </span>
          )}
        </label>
      ))}
      <button type="submit" className="primary">
        Save limits
      </button>
      {saved && (
        <p role={Object.keys(problems).length > 0 ? 'alert' : 'status'} data-testid="limits-saved">
          {saved}
        </p>
      )}
    </form>
  );
}

export function ClaudeSettingsForm() {
  const claude = useAppStore((s) => s.claude);
  const setClaude = useAppStore((s) => s.setClaude);
  const [model, setModel] = useState(claude?.settings.model ?? '');
  const [baseURL, setBaseURL] = useState(claude?.settings.baseURL ?? '');
  const [limit, setLimit] = useState(claude?.settings.monthlySpendLimitUsd === null ? '' : String(claude?.settings.monthlySpendLimitUsd ?? ''));
  const [alias, setAlias] = useState(claude?.settings.aliasAccounts ?? false);
  const [secondLook, setSecondLook] = useState(claude?.settings.secondLook ?? true);
  const [perTurn, setPerTurn] = useState(String(claude?.settings.maxDraftsPerTurn ?? ''));
  const [perHour, setPerHour] = useState(String(claude?.settings.maxDraftsPerHour ?? ''));
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [keyFocus, setKeyFocus] = useState(0);
  const keyArea = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (keyFocus > 0) keyArea.current?.querySelector<HTMLElement>('button, input')?.focus();
  }, [keyFocus, claude?.keyPresent]);
  if (!claude) return null;
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await rendererApi().updateClaudeSettings({
      model,
      baseURL: baseURL.trim() ? baseURL.trim() : null,
      monthlySpendLimitUsd: limit.trim() === '' ? null : Number(limit),
      aliasAccounts: alias,
      secondLook,
      ...(perTurn.trim() ? { maxDraftsPerTurn: Number(perTurn) } : {}),
      ...(perHour.trim() ? { maxDraftsPerHour: Number(perHour) } : {}),
    });
    if (result.ok) setClaude(result.value);
    setMessage(result.ok ? 'Saved.' : result.error.message);
  };
  const clearKey = async (): Promise<void> => {
    const result = await rendererApi().clearClaudeKey();
    if (result.ok) setClaude(result.value);
  };
  // Saving or removing the key replaces the control that had focus: focus moves to the one that replaced it.
  const focusKeyControl = (): void => setKeyFocus((n) => n + 1);
  return (
    <div className="settings-form">
      <div ref={keyArea}>
        {claude.keyPresent ? (
          <p>
            An API key is stored, encrypted.{' '}
            <button type="button" onClick={() => void clearKey().then(focusKeyControl)}>
              Remove key
            </button>
          </p>
        ) : (
          <ClaudeKeyForm onSaved={focusKeyControl} />
        )}
      </div>
      <form onSubmit={(event) => void save(event)} aria-label="Claude settings" className="settings-form">
        <label>
          Model
          <input value={model} onChange={(event) => setModel(event.target.value)} />
        </label>
        <label>
          Endpoint (optional, Anthropic-compatible)
          <input value={baseURL} placeholder="https://api.anthropic.com" onChange={(event) => setBaseURL(event.target.value)} />
        </label>
        <label>
          Monthly spend limit (USD, empty for none)
          <input type="number" min={0} step={1} value={limit} onChange={(event) => setLimit(event.target.value)} />
        </label>
        <label>
          Drafts Claude may make in one turn
          <input type="number" min={1} max={50} step={1} value={perTurn} onChange={(event) => setPerTurn(event.target.value)} />
        </label>
        <label>
          Drafts per conversation per hour
          <input type="number" min={1} max={500} step={1} value={perHour} onChange={(event) => setPerHour(event.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={alias} onChange={(event) => setAlias(event.target.checked)} />
          Replace account numbers with aliases in everything sent to Claude
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={secondLook} onChange={(event) => setSecondLook(event.target.checked)} />
          Second look: for every draft Claude makes, ask a separate call (without the conversation) for the strongest case against it; it costs like a turn and counts in the spend limit
        </label>
        <p className="muted">
          This month: {claude.month.usd.toFixed(2)} USD over {claude.month.requests} requests ({claude.month.usage.input} input, {claude.month.usage.output} output, {claude.month.usage.cacheRead} cache-read tokens)
          {claude.month.estimated ? ', partly estimated' : ''}.
        </p>
        <button type="submit" className="primary">
          Save Claude settings
        </button>
        {message && <p role="status">{message}</p>}
      </form>
    </div>
  );
}

export function NotificationsForm() {
  const settings = useAppStore((s) => s.settings);
  if (!settings) return null;
  const { notifications, tray } = settings;
  const patch = (change: Partial<typeof notifications>): void => void rendererApi().updateSettings({ notifications: change });
  const focusActive = (notifications.focusUntil ?? 0) > clock.wallNow();
  return (
    <div className="settings-form" role="group" aria-label="Notifications">
      {(
        [
          ['newDraft', 'A new draft from Claude'],
          ['sessionProblems', 'The IB session is lost or taken'],
          ['fills', 'An order fills'],
          ['rejections', 'IB rejects an order'],
          ['needsReview', 'An order needs checking at IB (its outcome is unknown)'],
        ] as const
      ).map(([key, label]) => (
        <label key={key} className="checkbox">
          <input type="checkbox" checked={notifications[key]} onChange={(event) => patch({ [key]: event.target.checked })} />
          {label}
        </label>
      ))}
      <p>
        Do not disturb:{' '}
        {focusActive ? (
          <>
            until {new Date(notifications.focusUntil ?? 0).toLocaleTimeString()}{' '}
            <button type="button" onClick={() => patch({ focusUntil: 0 })}>
              End now
            </button>
          </>
        ) : (
          [30, 60, 120].map((minutes) => (
            <button key={minutes} type="button" onClick={() => patch({ focusUntil: clock.wallNow() + minutes * 60_000 })}>
              {minutes} min
            </button>
          ))
        )}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={tray.keepRunningInTray} onChange={(event) => void rendererApi().updateSettings({ tray: { keepRunningInTray: event.target.checked } })} />
        Keep running in the tray when the window is closed
      </label>
      <label>
        Theme
        <select value={settings.theme} onChange={(event) => void rendererApi().updateSettings({ theme: event.target.value as typeof settings.theme })}>
          <option value="system">Follow the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
    </div>
  );
}

/** The threshold above which approving takes typing the quantity, not one key press. */
export function LargeOrderForm() {
  const current = useAppStore((s) => s.settings?.approvals.largeOrderPct);
  const [value, setValue] = useState<string>(current === undefined ? '' : String(current));
  const [saved, setSaved] = useState<string | undefined>(undefined);
  useEffect(() => setValue(current === undefined ? '' : String(current)), [current]);
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await rendererApi().updateSettings({ approvals: { largeOrderPct: Number(value) } });
    setSaved(result.ok ? 'Saved.' : 'Enter a share between 0.1 and 100%.');
  };
  return (
    <form onSubmit={(event) => void save(event)} aria-label="Large orders" className="settings-form">
      <label>
        Ask me to type the quantity to approve an order over
        <span className="field-with-unit">
          <input type="number" min={0.1} max={100} step={0.5} value={value} onChange={(event) => setValue(event.target.value)} data-testid="large-order-pct" />
          <span className="muted">% of net liquidation</span>
        </span>
      </label>
      <button type="submit">Save</button>
      {saved && <p role="status">{saved}</p>}
    </form>
  );
}

export function KeyboardReference() {
  return (
    <>
      <ShortcutsTable shortcuts={shortcutRows(SHORTCUTS)} label="Keyboard shortcuts" />
      <GlobalShortcutsForm />
    </>
  );
}
