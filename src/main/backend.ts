import { defaultSettings, type Settings, type SettingsPatch } from '../shared/settings';
import type { SessionState } from '../shared/session';
import type { AppInfo } from '../shared/app-info';
import type { PortfolioSnapshot } from '../shared/portfolio';
import { BrokerService, type BrokerServiceOptions, type DemoGateway } from './broker/broker-service';
import { startEmbeddedDemoGateway } from './broker/demo-gateway';
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
  /** Connect to the gateway on start (default true). */
  connectOnStart?: boolean;
  initialSettings?: Partial<Settings>;
  startDemoGateway?: () => Promise<DemoGateway>;
  sessionOverrides?: BrokerServiceOptions['sessionOverrides'];
  streamIntervalMs?: number;
}

export interface Backend {
  readonly handlers: CallHandlers;
  readonly events: EventHub;
  readonly log: Log;
  readonly broker: BrokerService;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const emptyPortfolio: PortfolioSnapshot = { seq: 0, accounts: [], positions: [], openOrders: [], executions: [], quotes: [] };

export function createBackend(options: BackendOptions): Backend {
  const log = options.log ?? new RedactingLog();
  const now = options.now ?? Date.now;
  const events = new EventHub();
  let settings: Settings = { ...structuredClone(defaultSettings), ...options.initialSettings };
  const idle: SessionState = {
    phase: 'idle',
    message: 'Not connected to a gateway yet.',
    gateway: 'unknown',
    mode: 'unknown',
    accounts: [],
    since: now(),
  };

  const broker = new BrokerService({
    settings: () => settings.connection,
    log,
    publishState: (state) => events.emit('sessionState', state),
    publishPortfolio: (delta) => events.emit('portfolio', delta),
    startDemoGateway: options.startDemoGateway ?? (() => startEmbeddedDemoGateway()),
    ...(options.sessionOverrides ? { sessionOverrides: options.sessionOverrides } : {}),
    ...(options.streamIntervalMs ? { streamIntervalMs: options.streamIntervalMs } : {}),
  });
  const sessionState = (): SessionState => broker.state() ?? idle;

  const handlers: CallHandlers = {
    getAppInfo: () => ({
      name: 'Countersign',
      version: options.version,
      host: options.host,
      dataDirectory: options.dataDirectory,
    }),
    getSessionState: sessionState,
    getSettings: () => settings,
    updateSettings: async (patch: SettingsPatch) => {
      const connectionChanged = patch.connection !== undefined && Object.keys(patch.connection).length > 0;
      settings = {
        ...settings,
        ...(patch.theme ? { theme: patch.theme } : {}),
        connection: { ...settings.connection, ...patch.connection },
      };
      events.emit('settings', settings);
      if (connectionChanged) await broker.restart();
      return settings;
    },
    getPortfolio: () => broker.portfolio() ?? emptyPortfolio,
    reconnectSession: () => {
      broker.current?.reconnectNow();
      return sessionState();
    },
    stayDisconnected: () => {
      broker.current?.stayDisconnected();
      return sessionState();
    },
  };

  return {
    handlers,
    events,
    log,
    broker,
    async start() {
      events.emit('sessionState', sessionState());
      if (options.connectOnStart ?? true) await broker.start();
    },
    async stop() {
      await broker.stop();
    },
  };
}
