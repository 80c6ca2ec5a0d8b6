import { defaultSettings, type Settings, type SettingsPatch } from '../shared/settings';
import type { SessionState } from '../shared/session';
import type { AppInfo } from '../shared/app-info';
import type { PortfolioSnapshot } from '../shared/portfolio';
import type { QueueView } from '../shared/queue';
import { appSettingsDefinition } from './app-settings';
import { RecheckPacer } from './approvals/recheck-pacer';
import { ApprovalDesk } from './approvals/approval-desk';
import { DraftLedger } from './approvals/draft-ledger';
import { ChartData } from './broker/chart-data';
import { BrokerService, type BrokerServiceOptions, type DemoGateway } from './broker/broker-service';
import { DemoAccountFile } from './broker/demo-account-file';
import { preloadDemoGateway, startEmbeddedDemoGateway } from './broker/demo-gateway';
import { ChatService } from './chat/chat-service';
import type { EndpointConfirmer } from './chat/endpoint-policy';
import { MemoryKeyVault, type KeyVault } from './chat/key-vault';
import type { CallHandlers } from './ipc/dispatch';
import { EventHub } from './ipc/event-hub';
import { BadInputError, UnavailableError } from './domain-errors';
import { Diagnostics } from './diagnostics';
import { DecisionJournal } from './journal/decision-journal';
import { journalCsv, reviewFigures } from './journal/review-figures';
import { RedactingLog, type Log } from './log';
import type { AuditKeySource } from './store/audit-key';
import { exportAudit } from './store/audit-log';
import { openStore, type Store } from './store/open-store';

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
  /** Wall-clock ms: the app passes the machine's clock (src/main/clock.ts), tests a clock placed where they need it. */
  now: () => number;
  /** The monotonic clock for ages and rates (default performance.now). */
  monotonic?: () => number;
  /** Connect to the gateway on start (default true). */
  connectOnStart?: boolean;
  initialSettings?: Partial<Settings>;
  /** Tests hand in their own simulator; the default is the embedded one, kept in `account`. */
  startDemoGateway?: (account: DemoAccountFile) => Promise<DemoGateway>;
  sessionOverrides?: BrokerServiceOptions['sessionOverrides'];
  streamIntervalMs?: number;
  /** Where the Anthropic key is kept: the shell's safeStorage vault in the app, memory in the harness. */
  keyVault?: KeyVault;
  /** Asks the person before the Claude key may go to a host other than Anthropic's (the shell's native dialog; tests inject one). */
  confirmEndpoint?: EndpointConfirmer;
  /** A packaged build: the Claude key never goes over plain http, not even to loopback. */
  packaged?: boolean;
  /** The compiled SQLite library to load (the Electron build under `npm start`); default: node_modules' own. */
  nativeBinding?: string;
  /** Where the audit chain's key is kept: the shell may use safeStorage; default a file beside the data directory. */
  auditKey?: AuditKeySource;
}

export interface Backend {
  readonly handlers: CallHandlers;
  readonly events: EventHub;
  readonly log: Log;
  /** The backend's reports on its own work (each step of an approval's submission), for profiling and diagnosis. */
  readonly diagnostics: Diagnostics;
  readonly broker: BrokerService;
  /** Undefined when the database could not be opened (see AppInfo.storeProblem). */
  readonly desk: ApprovalDesk | undefined;
  readonly journal: DecisionJournal | undefined;
  /** The one owner of draft state (undefined with the desk). */
  readonly ledger: DraftLedger | undefined;
  /** The open database (undefined when it could not be opened). */
  readonly store: Store | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const emptyPortfolio: PortfolioSnapshot = { seq: 0, accounts: [], positions: [], openOrders: [], executions: [], quotes: [] };

export function createBackend(options: BackendOptions): Backend {
  const { now } = options;
  const log = options.log ?? new RedactingLog(now);
  const events = new EventHub();
  const diagnostics = new Diagnostics();

  // A database that cannot be read is reported, never recreated: the app
  // still starts (to show the problem) but nothing can be drafted or approved.
  let store: Store | undefined;
  let storeProblem: string | undefined;
  try {
    store = openStore(options.dataDirectory, (invalid) => log.warn(`Setting ${invalid.key} is unreadable; using the default`, invalid.problem), {
      now,
      onCheckpointProblem: (error) => log.warn('A WAL checkpoint failed; SQLite checkpoints on commit from now on', error),
      ...(options.auditKey ? { auditKey: options.auditKey } : {}),
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    });
  } catch (error) {
    storeProblem = error instanceof Error ? error.message : 'The database could not be opened.';
    log.error('Could not open the database', error);
  }

  let settings: Settings = { ...structuredClone(store ? store.settings.read(appSettingsDefinition) : defaultSettings), ...options.initialSettings };
  const idle: SessionState = {
    phase: 'idle',
    message: 'Not connected to a gateway yet.',
    gateway: 'unknown',
    mode: 'unknown',
    accounts: [],
    since: now(),
  };

  const demoAccount = new DemoAccountFile(options.dataDirectory, now);
  const startDemoGateway = options.startDemoGateway ?? ((account: DemoAccountFile) => startEmbeddedDemoGateway({ now, account, log }));
  let desk: ApprovalDesk | undefined;
  // The decision journal follows the queue's updates and the session's executions; it never writes a draft or an audit row.
  const journal = store ? new DecisionJournal({ db: store.db, drafts: store.drafts, session: () => broker.current, log, now, ...(options.monotonic ? { monotonic: options.monotonic } : {}) }) : undefined;
  if (journal) events.subscribe((name, payload) => name === 'queue' && journal.queueChanged(payload as QueueView));
  const ledger = store ? new DraftLedger(store, now) : undefined;
  // Account values and quotes are inputs of every waiting draft's checks.
  const recheck = new RecheckPacer(() => {
    if (desk?.hasWaiting()) desk.publish();
  });
  // The demo gateway's code loads while the window opens, not after start().
  if (!options.startDemoGateway && settings.connection.target !== 'manual') preloadDemoGateway();
  const broker = new BrokerService({
    settings: () => settings.connection,
    log,
    now,
    publishState: (state) => {
      events.emit('sessionState', state);
      // A session lost, taken or back changes what every waiting draft's checks say.
      desk?.publish();
    },
    publishPortfolio: (delta) => {
      events.emit('portfolio', delta);
      recheck.inputsChanged();
    },
    startDemoGateway: () => startDemoGateway(demoAccount),
    sessionOverrides: { ...(options.monotonic ? { monotonic: options.monotonic } : {}), ...options.sessionOverrides },
    ...(options.streamIntervalMs ? { streamIntervalMs: options.streamIntervalMs } : {}),
    // The desk follows each new session itself: order answers, the order gate, withheld orders, reconciliation.
    // The journal follows its executions.
    onSession: (session) => {
      desk?.attach(session);
      journal?.attach(session);
    },
  });
  // Unreadable draft rows are quarantined by the repository; the queue lists them for review.
  // Second looks belong to the chat; the queue view carries them to the cards.
  let secondLooksFor: ((ids: string[]) => QueueView['secondLooks']) | undefined;
  const queueForCards = (view: QueueView): QueueView => {
    const unreadable = store?.drafts.unreadable() ?? [];
    const looks = secondLooksFor?.(view.drafts.filter((d) => d.author === 'claude').map((d) => d.id)) ?? {};
    return {
      ...view,
      ...(unreadable.length > 0 ? { unreadable } : {}),
      ...(Object.keys(looks).length > 0 ? { secondLooks: looks } : {}),
    };
  };
  if (store && ledger) {
    desk = new ApprovalDesk({
      store,
      ledger,
      session: () => broker.current,
      log,
      now,
      publish: (view) => events.emit('queue', queueForCards(view)),
      ...(options.monotonic ? { monotonic: options.monotonic } : {}),
      diagnostics,
      liveTradingEnabled: () => settings.connection.liveTradingEnabled,
      largeOrderPct: () => settings.approvals.largeOrderPct,
    });
  }
  const chat = store && desk && ledger
    ? new ChatService({
        store,
        desk,
        ledger,
        session: () => broker.current,
        vault: options.keyVault ?? new MemoryKeyVault(),
        log,
        publish: (event) => events.emit('chat', event),
        now,
        endpointRules: { packaged: options.packaged ?? false },
        queueChanged: () => desk?.publish(),
        ...(journal ? { journal } : {}),
        ...(options.confirmEndpoint ? { confirmEndpoint: options.confirmEndpoint } : {}),
      })
    : undefined;
  if (chat) secondLooksFor = (ids) => chat.secondLooksFor(ids);
  const requireChat = (): ChatService => {
    if (!chat) throw new UnavailableError(storeProblem ?? 'The chat is not available.');
    return chat;
  };
  const chartData = new ChartData(() => broker.current);
  // A chart that cannot load says why in its own frame; it is never an internal error.
  const forChart = async <T>(read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      throw new UnavailableError(error instanceof Error ? error.message : 'The chart data could not be read.');
    }
  };
  const sessionState = (): SessionState => broker.state() ?? idle;
  const requireJournal = (): DecisionJournal => {
    if (!journal) throw new UnavailableError(storeProblem ?? 'The decision journal is not available.');
    return journal;
  };
  const requireDesk = (): ApprovalDesk => {
    if (!desk) throw new UnavailableError(storeProblem ?? 'The approval queue is not available.');
    return desk;
  };
  const emptyQueue: QueueView = { drafts: [], tradingState: 'halted', review: {} };
  let expiryTimer: NodeJS.Timeout | undefined;
  const stopAuditEvents = store?.audit.onChange((status) => {
    if (!status.ok) log.error('The audit log does not verify', status.problem);
    events.emit('auditStatus', status);
  });
  if (store && !store.audit.status().ok) log.error('The audit log does not verify', store.audit.status().problem);

  const handlers: CallHandlers = {
    getAppInfo: () => ({
      name: 'Countersign',
      version: options.version,
      host: options.host,
      dataDirectory: options.dataDirectory,
      now: now(),
      ...(storeProblem ? { storeProblem } : {}),
      ...(store && !store.audit.status().ok ? { auditProblem: store.audit.status().problem } : {}),
    }),
    getSessionState: sessionState,
    getSettings: () => settings,
    updateSettings: async (patch: SettingsPatch) => {
      const connectionChanged = patch.connection !== undefined && Object.keys(patch.connection).length > 0;
      settings = {
        ...settings,
        ...(patch.theme ? { theme: patch.theme } : {}),
        connection: { ...settings.connection, ...patch.connection },
        notifications: { ...settings.notifications, ...patch.notifications },
        tray: { ...settings.tray, ...patch.tray },
        approvals: { ...settings.approvals, ...patch.approvals },
        shortcuts: { ...settings.shortcuts, ...patch.shortcuts },
      };
      store?.settings.write(appSettingsDefinition, settings, now());
      events.emit('settings', settings);
      // The large-order threshold and the live-trading switch are inputs of the queue's figures.
      desk?.publish();
      if (connectionChanged) await broker.restart();
      return settings;
    },
    getPortfolio: () => broker.portfolio() ?? emptyPortfolio,
    getPriceHistory: (request) => forChart(() => chartData.priceHistory(request)),
    getContractProfiles: ({ conIds }) => forChart(() => chartData.contractProfiles(conIds)),
    reconnectSession: async () => {
      // No session at all (the demo account file could not be read): "Retry now" tries to start again.
      if (!broker.current && broker.state()?.phase === 'failed') await broker.restart();
      else broker.current?.reconnectNow();
      return sessionState();
    },
    stayDisconnected: () => {
      broker.current?.stayDisconnected();
      return sessionState();
    },
    resetDemoAccount: async () => {
      // The running demo writes its state as it stops, so it stops before the file is reset and starts again after.
      const outcome = await broker.whileDemoStopped(() => demoAccount.reset());
      log.info('The demo account was reset to its starting balances', outcome);
      return outcome;
    },
    getQueue: () => (desk ? queueForCards(desk.view()) : emptyQueue),
    draftFromTicket: async ({ text, account }) => {
      const queue = requireDesk();
      // Not the person's typing: say so, rather than as a problem with what they typed.
      if (!broker.current?.isReady) throw new UnavailableError('The gateway session is not ready, so the contract cannot be looked up. Try again once it is ready.');
      const outcome = await queue.draftFromTicket(text, account);
      if (!outcome.ok) throw outcome.unavailable ? new UnavailableError(outcome.reason) : new BadInputError(outcome.reason);
      return outcome.draft;
    },
    editDraft: (change) => requireDesk().edit(change),
    approveDraft: ({ id, version, confirmedQuantity }) => requireDesk().approve(id, version, confirmedQuantity),
    rejectDraft: ({ id, version, reason }) => {
      const rejected = requireDesk().reject(id, version, reason);
      if (rejected.author === 'claude') chat?.draftRejected(rejected.id, `${rejected.order.side} ${rejected.order.quantity} ${rejected.contract.symbol}`, reason);
      return rejected;
    },
    haltTrading: (request) => requireDesk().halt(request?.scope ?? 'countersign'),
    previewHalt: ({ scope }) => requireDesk().previewHalt(scope),
    setTradingState: ({ state }) => requireDesk().setTradingState(state),
    verifyAudit: () => {
      requireDesk();
      return (store as Store).audit.verifyAll();
    },
    exportAudit: ({ from, to, format }) => {
      requireDesk();
      return exportAudit((store as Store).db, from, to, format);
    },
    getDecisionReview: () => {
      const current = requireJournal();
      const figures = reviewFigures(current.records());
      // Outcomes due since the last pass are read in the background; the view shows what is recorded now.
      void current.refresh();
      return figures;
    },
    exportDecisionJournal: () => journalCsv(requireJournal().records()),
    getRiskLimits: () => requireDesk().riskLimits(),
    updateRiskLimits: (patch) => requireDesk().updateRiskLimits(patch),
    getClaudeStatus: () => requireChat().status(),
    setClaudeKey: ({ key }) => requireChat().setKey(key),
    clearClaudeKey: () => requireChat().clearKey(),
    updateClaudeSettings: (patch) => requireChat().updateSettings(patch),
    listConversations: () => requireChat().list(),
    getConversation: ({ conversationId }) => requireChat().view(conversationId),
    sendChat: ({ conversationId, text }) => requireChat().send(conversationId, text),
    cancelChat: ({ conversationId }) => requireChat().cancel(conversationId),
    deleteConversation: ({ conversationId }) => requireChat().delete(conversationId),
  };

  return {
    handlers,
    events,
    diagnostics,
    log,
    broker,
    desk,
    journal,
    ledger,
    store,
    async start() {
      events.emit('sessionState', sessionState());
      journal?.start();
      if (desk) {
        desk.publish();
        expiryTimer = setInterval(() => desk?.expireDue(), 5000);
        expiryTimer.unref?.();
      }
      if (options.connectOnStart ?? true) await broker.start();
    },
    async stop() {
      if (expiryTimer) clearInterval(expiryTimer);
      chat?.stop();
      journal?.stop();
      stopAuditEvents?.();
      recheck.stop();
      // Retries of refused writes end with the store they write to.
      desk?.health.stop();
      await broker.stop();
      store?.close();
    },
  };
}
