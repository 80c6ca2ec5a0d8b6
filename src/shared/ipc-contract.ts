import { z } from 'zod';
import { AppInfo } from './app-info';
import { ContractProfile, ContractProfilesRequest, PriceHistory, PriceHistoryRequest } from './chart';
import { ApiKeyInput, ChatEvent, ChatSend, ChatTurnResult, ClaudeSettingsPatch, ClaudeStatus, ConversationRef, ConversationSummary, ConversationView } from './claude';
import { Draft, RiskLimits, TradingState } from './draft';
import { ReviewFigures } from './journal';
import { PortfolioDelta, PortfolioSnapshot } from './portfolio';
import { ApproveRequest, AuditExportRequest, AuditStatus, AuditVerification, DraftChange, HaltPlan, HaltRequest, QueueView, RejectRequest, TicketRequest } from './queue';
import { SessionState } from './session';
import { Settings, SettingsPatch } from './settings';
import { GlobalShortcutStatus, HaltConfirmation, HaltOutcome } from './shell-notices';

/**
 * The one list of everything the renderer may ask of main (calls) and
 * everything main may tell the renderer (events). The preload, the IPC
 * binding, the browser harness and the renderer all derive from these
 * schemas, so they cannot drift apart. Main treats every payload as unknown
 * and parses it with the schema here before any handler runs.
 */

const noPayload = z.undefined();

const RiskLimitsView = RiskLimits.omit({ liveTradingEnabled: true }).extend({ problem: z.string().optional() });

interface CallSpec {
  request: z.ZodType;
  response: z.ZodType;
}

export const calls = {
  getAppInfo: { request: noPayload, response: AppInfo },
  getSessionState: { request: noPayload, response: SessionState },
  getSettings: { request: noPayload, response: Settings },
  updateSettings: { request: SettingsPatch, response: Settings },
  /** The whole portfolio now; `portfolio` events carry what changes after it. */
  getPortfolio: { request: noPayload, response: PortfolioSnapshot },
  /** Candles for the price chart of a position or a draft. */
  getPriceHistory: { request: PriceHistoryRequest, response: PriceHistory },
  /** Sector and type of held contracts, for the allocation view (contracts IB does not describe are left out). */
  getContractProfiles: { request: ContractProfilesRequest, response: z.array(ContractProfile) },
  /** Reconnect at once ("Take the session back", "Retry"). */
  reconnectSession: { request: noPayload, response: SessionState },
  /** Close the gateway connection and do not retry until asked. */
  stayDisconnected: { request: noPayload, response: SessionState },
  /**
   * The demo accounts open again from their starting balances: positions, cash, orders and fills are cleared; order
   * numbers carry on. `confirmed` is the person's yes to the dialog that says so. A damaged demo file is kept aside.
   */
  resetDemoAccount: { request: z.object({ confirmed: z.literal(true) }).strict(), response: z.object({ keptDamagedAs: z.string().optional() }) },
  /** The approval queue: waiting, in-flight and recently finished drafts. */
  getQueue: { request: noPayload, response: QueueView },
  /** A draft typed in the order ticket ("buy 10 AAPL lmt 190"); it faces every check like Claude's. */
  draftFromTicket: { request: TicketRequest, response: Draft },
  /** A new version with the person's quantity and prices, re-checked. */
  editDraft: { request: DraftChange, response: Draft },
  /**
   * The sign-off: names the version the person saw, so a changed draft cannot be approved by a stale keypress.
   * A large order (QueueView.sizes) is refused with `confirmation_required` unless it carries the typed quantity.
   */
  approveDraft: { request: ApproveRequest, response: Draft },
  rejectDraft: { request: RejectRequest, response: Draft },
  /**
   * Stops all approvals and cancels orders: by default the ones Countersign
   * placed, keeping the protection of filled brackets (see HaltScope).
   */
  haltTrading: { request: HaltRequest.optional(), response: TradingState },
  /** What a halt with this scope would cancel and keep, for its confirmation. */
  previewHalt: { request: HaltRequest, response: HaltPlan },
  setTradingState: { request: z.object({ state: TradingState }).strict(), response: TradingState },
  verifyAudit: { request: noPayload, response: AuditVerification },
  exportAudit: { request: AuditExportRequest, response: z.string() },
  /** The decision journal's review: approval rates, slippage, outcomes of approved and not approved drafts (computed in main). */
  getDecisionReview: { request: noPayload, response: ReviewFigures },
  /** The decision journal as CSV, one line per draft with its audit trail row numbers. */
  exportDecisionJournal: { request: noPayload, response: z.string() },
  /** The pre-trade limits (live trading is switched in the connection settings). */
  /** `problem` says the stored limits could not be read (the values are then the defaults, and approvals are blocked). */
  getRiskLimits: { request: noPayload, response: RiskLimitsView },
  updateRiskLimits: { request: RiskLimits.omit({ liveTradingEnabled: true }).partial().strict(), response: RiskLimitsView },
  /** Whether a key is stored (never the key), the model, and this month's spend. */
  getClaudeStatus: { request: noPayload, response: ClaudeStatus },
  /** The key goes one way: into main's encrypted storage. */
  setClaudeKey: { request: ApiKeyInput, response: ClaudeStatus },
  clearClaudeKey: { request: noPayload, response: ClaudeStatus },
  updateClaudeSettings: { request: ClaudeSettingsPatch, response: ClaudeStatus },
  listConversations: { request: noPayload, response: z.array(ConversationSummary) },
  getConversation: { request: ConversationRef, response: ConversationView },
  /** Runs one turn; progress streams as `chat` events. */
  sendChat: { request: ChatSend, response: ChatTurnResult },
  /** The stop button and Esc. */
  cancelChat: { request: ConversationRef, response: z.boolean() },
  /** Deletes the conversation and everything stored with it. */
  deleteConversation: { request: ConversationRef, response: z.boolean() },
} as const satisfies Record<string, CallSpec>;

export const events = {
  sessionState: SessionState,
  settings: Settings,
  /** Coalesced portfolio changes, at most ~10 a second. */
  portfolio: PortfolioDelta,
  queue: QueueView,
  focusDraft: z.object({ draftId: z.uuid() }),
  chat: ChatEvent,
  /** The audit log stopped verifying (or verifies again after a restart): the renderer shows a banner. */
  auditStatus: AuditStatus,
  /** The outcome of a halt asked for from the tray (desktop app only). */
  haltOutcome: HaltOutcome,
  /** A global shortcut asked to halt: the window asks the person to confirm (desktop app only). */
  confirmHalt: HaltConfirmation,
  /** Which global shortcuts the OS gave the app (desktop app only). */
  globalShortcuts: GlobalShortcutStatus,
} as const satisfies Record<string, z.ZodType>;

export type Calls = typeof calls;
export type Events = typeof events;
export type CallName = keyof Calls;
export type EventName = keyof Events;
export type CallRequest<N extends CallName> = z.input<Calls[N]['request']>;
export type CallResponse<N extends CallName> = z.output<Calls[N]['response']>;
export type EventPayload<N extends EventName> = z.output<Events[N]>;

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

export const CallErrorCode = z.enum([
  'bad_payload', // failed its schema: a bug or a forged message, never the person's fault
  'bad_input', // what the person typed cannot be used (a ticket typo): theirs to correct
  'forbidden_sender', // not our window's main frame at our origin
  'unknown_call',
  'not_found',
  'conflict', // e.g. a draft changed since the person looked at it
  'unavailable', // e.g. the broker session is not ready
  'confirmation_required', // a large order without the quantity the person typed
  'internal',
]);
export type CallErrorCode = z.infer<typeof CallErrorCode>;

export const CallError = z.object({ code: CallErrorCode, message: z.string() });
export type CallError = z.infer<typeof CallError>;

/** Calls never throw across the process boundary: a typed error travels as data. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: CallError };

export function callChannel(name: CallName): string {
  return `countersign:call:${name}`;
}

export function eventChannel(name: EventName): string {
  return `countersign:event:${name}`;
}

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(calls, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(events, value);
}
