import { defaultSettings, type Settings, type SettingsPatch } from '../shared/settings';
import type { SessionState } from '../shared/session';
import type { AppInfo } from '../shared/app-info';
import type { CallHandlers } from './contract/dispatch';
import { EventHub } from './contract/event-hub';
import { RedactingLog, type Log } from './log';

/**
 * The Electron-free backend: everything that matters runs here, in plain
 * Node, and is served to a renderer through the contract. The Electron shell
 * and the browser harness are two ways of binding it to a window.
 */
export interface BackendOptions {
  dataDirectory: string;
  host: AppInfo['host'];
  version: string;
  log?: Log;
  now?: () => number;
}

export interface Backend {
  readonly handlers: CallHandlers;
  readonly events: EventHub;
  readonly log: Log;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createBackend(options: BackendOptions): Backend {
  const log = options.log ?? new RedactingLog();
  const now = options.now ?? Date.now;
  const events = new EventHub();
  let settings: Settings = structuredClone(defaultSettings);
  let session: SessionState = {
    phase: 'idle',
    message: 'Not connected to a gateway yet.',
    gateway: 'unknown',
    mode: 'unknown',
    accounts: [],
    since: now(),
  };

  const handlers: CallHandlers = {
    getAppInfo: () => ({
      name: 'Countersign',
      version: options.version,
      host: options.host,
      dataDirectory: options.dataDirectory,
    }),
    getSessionState: () => session,
    getSettings: () => settings,
    updateSettings: (patch: SettingsPatch) => {
      settings = {
        ...settings,
        ...(patch.theme ? { theme: patch.theme } : {}),
        connection: { ...settings.connection, ...patch.connection },
      };
      events.emit('settings', settings);
      return settings;
    },
  };

  return {
    handlers,
    events,
    log,
    async start() {
      session = { ...session, since: now() };
      events.emit('sessionState', session);
    },
    async stop() {},
  };
}
