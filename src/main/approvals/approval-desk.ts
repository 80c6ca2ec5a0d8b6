import { ZodError } from 'zod';
import { DraftInput, RiskLimits, inFlightDraftStates, terminalDraftStates, type Draft, type DraftState, type RiskVerdict, type TradingState } from '../../shared/draft';
import { parseOrderTicket, ticketAccount, unknownAccountReason } from '../../shared/order-ticket';
import type { DraftChange, DraftReview, HaltPlan, HaltScope, OrderSize, QueueView } from '../../shared/queue';
import type { BrokerSession } from '../broker/broker-session';
import { ibContract, ibPlacements, orderIdsNeeded } from '../broker/ib-order';
import { hasPrice, waitForQuote } from '../broker/quote-wait';
import type { Diagnostics } from '../diagnostics';
import { BadInputError, ConflictError, MalformedError, NotFoundError, UnavailableError } from '../domain-errors';
import type { Log } from '../log';
import { runChecks } from '../risk/run-checks';
import { riskLimitsSetting } from '../risk/settings';
import { appendAudit, auditRowsBetween, type AuditActor } from '../store/audit-log';
import { DraftConflictError } from '../store/draft-repository';
import type { Store } from '../store/open-store';
import { valueIn } from '../store/settings-repository';
import { OrderIdError } from '../store/order-id-ledger';
import { StoreHealth } from '../store/store-health';
import { contractFromIb } from './contract-from-ib';
import { applyVerdicts, createDraft, reviseDraft, type TransitionEvidence } from './lifecycle';
import { draftFigures } from './draft-figures';
import { plainProblems } from './plain-problems';
import { orderSize, requireConfirmedQuantity } from './large-order';
import { inLiquidHours } from './liquid-hours';
import { usRegularHoursOpen } from './market-hours';
import { movedOnMeanwhile, type DraftLedger } from './draft-ledger';
import { OrderTracker } from './order-tracker';
import { reconcile } from './reconciler';
import { buildRiskContext } from './risk-context';
import { planHalt } from './halt-plan';
import { HABIT_WINDOW, orderHabits } from './order-habits';
import { TradingSwitch } from './trading-switch';
import { WaitingReview } from './waiting-review';
import { whatIfPreview } from './what-if-preview';

export interface ApprovalDeskOptions {
  /** Settings, and the audit rows that are not a draft's (halts, the order-rate window). */
  store: Pick<Store, 'db' | 'settings'>;
  /** The one owner of draft state, shared with the order tracker and the reconciler. */
  ledger: DraftLedger;
  session: () => BrokerSession | undefined;
  log: Log;
  publish: (view: QueueView) => void;
  /** Wall-clock ms: the reset window, market hours, expiry and every stored time read this clock only. */
  now: () => number;
  /** For ages and rates: a wall-clock step can neither freshen a quote nor reset the order-rate window. */
  monotonic?: () => number;
  regularHoursOpen?: (at: number) => boolean;
  /** How long drafting waits for a first quote of a symbol it just subscribed. */
  quoteWaitMs?: number;
  whatIfTimeoutMs?: number;
  /** Where each step of a submission is reported as it happens (the backend's diagnostics). */
  diagnostics: Diagnostics;
  /** The one live-trading switch (Settings > Connection); the risk check reads it from here. */
  liveTradingEnabled?: () => boolean;
  /** Writes that could not be committed, shown to the person and retried. */
  health?: StoreHealth;
  /** Orders above this % of net liquidation need the typed quantity to be approved (Settings > Risk limits). */
  largeOrderPct?: () => number;
}

export type { SubmitStep } from '../diagnostics';

export type RiskLimitsView = Omit<RiskLimits, 'liveTradingEnabled'> & { problem?: string };

export type DraftOutcome =
  | { ok: true; draft: Draft }
  /** `unavailable`: the session or the gateway failed, not the request: retyping it would not help. */
  | { ok: false; reason: string; unavailable?: true };

const RECENT_TERMINAL = 30;
/** States a draft can only reach through the person's approval. */
const approvedDraftStates: readonly DraftState[] = [...inFlightDraftStates, 'filled', 'cancelled', 'broker_rejected'];
const RATE_WINDOW_MS = 60_000;
/** Approved drafts read at a time while looking for a habit's window, and at most this many pages (the read follows each approval). */
const HABIT_PAGE = 100;
const HABIT_PAGES = 4;

/**
 * The order-rate window at start-up, from the audit trail: a restart must not
 * reset it. An approval stamped in the future (the wall clock was stepped
 * back since) counts as just made.
 */
function approvalsInRateWindow(db: ApprovalDeskOptions['store']['db'], wallNow: number, monotonicNow: number): number[] {
  return auditRowsBetween(db, wallNow - RATE_WINDOW_MS, Number.MAX_SAFE_INTEGER)
    .filter((row) => row.action === 'draft.approved')
    .map((row) => monotonicNow - Math.min(RATE_WINDOW_MS, Math.max(0, wallNow - row.at)))
    .sort((a, b) => a - b);
}

/** Orders above this share of net liquidation need a deliberate second step to approve. */
const DEFAULT_LARGE_ORDER_PCT = 2;

/** How often a written option still without IB's what-if asks IB again (its own timeout is 4 s). */
const WHAT_IF_RETRY_MS = 5_000;

/**
 * The approval queue: every draft, from Claude or the person, enters here,
 * faces the risk checks, gets a what-if preview, and reaches the broker only
 * through approve() — after a fresh re-check and a durable record of the
 * intent. Nothing here re-sends an order whose outcome is unknown.
 */
export class ApprovalDesk {
  private readonly now: () => number;
  private readonly monotonic: () => number;
  /** Approvals in the rate window, on the monotonic clock. */
  private readonly recentApprovals: number[];
  /** IB's liquid hours per contract, from the lookup at drafting. */
  private readonly liquidHours = new Map<number, { hours: string; timeZoneId: string }>();
  readonly health: StoreHealth;
  private readonly trading: TradingSwitch;
  private pendingAudits = 0;
  private readonly notices: string[] = [];
  /** Monotonic ms of the last what-if asked per draft, and those still waiting for IB's answer. */
  private readonly whatIfAsked = new Map<string, number>();
  private readonly whatIfInFlight = new Set<string>();
  /** Gateway order ids already reported as behind the ledger, so each is told once. */
  private readonly toldOrderIdsBehind = new Set<number>();

  private readonly review: WaitingReview;
  /** The person's approved orders by account and currency, newest first, for their habits; read once, dropped at each approval. */
  private readonly approved = new Map<string, Draft[]>();
  private readonly store: ApprovalDeskOptions['store'];
  private readonly ledger: DraftLedger;

  constructor(private readonly options: ApprovalDeskOptions) {
    this.store = options.store;
    this.ledger = options.ledger;
    this.now = options.now;
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.recentApprovals = approvalsInRateWindow(options.store.db, this.now(), this.monotonic());
    this.health = options.health ?? new StoreHealth({ now: this.now, changed: () => this.publish() });
    this.trading = new TradingSwitch(options.store.settings, this.health, this.now);
    this.review = new WaitingReview({
      waitingDrafts: () => this.ledger.waiting(),
      riskContext: (now, draft) => buildRiskContext(this.riskInputs(now, draft), draft),
      size: (ctx, draft) => this.size(ctx, draft),
      habits: (draft) => orderHabits(this.approvedDrafts(draft.account, draft.contract.currency), draft.account, draft.contract.currency, draft.id),
      move: (draft, to, evidence) => this.ledger.move(draft, to, evidence),
      save: (before, after, actor, action, details) => this.ledger.save(before, after, actor, action, details),
    });
  }

  /**
   * Takes on a new gateway session: its order answers are followed by an
   * order tracker on this desk's ledger, every order it sends first asks the
   * desk's trading switch (the gate), an order it held back goes to review,
   * and each (re)sync reconciles the drafts in flight. Returns the detach.
   */
  attach(session: BrokerSession): () => void {
    const tracker = new OrderTracker({ ledger: this.ledger, health: this.health, publish: () => this.publish(), log: this.options.log, now: this.now });
    const detachTracker = tracker.attach(session);
    session.setOrderGate(() => this.ordersMayLeave());
    const onWithheld = (orderId: number): void => this.withheld(orderId);
    // Every (re)connect: the session has re-synced open orders and today's
    // executions, so in-flight drafts can be matched by orderRef now.
    const onSynced = (): void => {
      reconcile({ ledger: this.ledger, health: this.health, publish: () => this.publish() }, session.portfolio.snapshot(), this.now(), session.clientId);
      this.settleOwedCancel(session);
      this.checkOfferedOrderId(session);
      this.rewatch(session);
    };
    session.on('orderWithheld', onWithheld);
    session.on('synced', onSynced);
    return () => {
      detachTracker();
      session.off('orderWithheld', onWithheld);
      session.off('synced', onSynced);
    };
  }

  view(): QueueView {
    // What the queue shows is judged on the inputs of now. A re-check whose
    // new outcome the database refuses is shown as a store problem and tried
    // again; the view (and a halt that publishes it) never fails for it.
    this.health.record('recheck', 'the re-check of waiting drafts', () => this.review.run(this.now()));
    const live = this.ledger.live();
    this.askWhatIfAgain(live);
    const recent = this.ledger.recent(terminalDraftStates, RECENT_TERMINAL);
    const storeProblems = this.health.describe();
    return {
      drafts: [...live, ...recent],
      tradingState: this.tradingState(),
      review: this.review.snapshot(),
      ...(storeProblems.length ? { storeProblems } : {}),
      ...(this.notices.length ? { notices: [...this.notices] } : {}),
    };
  }

  /** The waiting draft as the queue last showed it: verdicts, size, figures and facts. */
  reviewOf(draftId: string): DraftReview | undefined {
    return this.review.of(draftId);
  }

  size(ctx: ReturnType<typeof buildRiskContext>, draft: Draft): OrderSize {
    return orderSize(ctx, draft, this.options.largeOrderPct?.() ?? DEFAULT_LARGE_ORDER_PCT);
  }

  /** Only an approval adds to these (it sets atApproval), so the lists are kept until the next one. */
  private approvedDrafts(account: string, currency: string): Draft[] {
    const key = `${account}\u0000${currency}`;
    const cached = this.approved.get(key);
    if (cached) return cached;
    // Read per account, page by page until a window's worth in this currency: a busy
    // other account (or currency) must not push this one's approvals out of the read.
    const found: Draft[] = [];
    for (let offset = 0; found.length < HABIT_WINDOW && offset < HABIT_PAGE * HABIT_PAGES; offset += HABIT_PAGE) {
      const page = this.ledger.recentIn(approvedDraftStates, account, HABIT_PAGE, offset);
      found.push(...page.filter((d) => d.atApproval !== undefined && d.contract.currency === currency));
      if (page.length < HABIT_PAGE) break;
    }
    this.approved.set(key, found);
    return found;
  }

  hasWaiting(): boolean {
    return this.ledger.waiting().length > 0;
  }

  tradingState(): TradingState {
    return this.trading.state;
  }

  publish(): void {
    this.options.publish(this.view());
  }

  /** A new draft from Claude or the person: validated, checked, stored as pending or blocked. */
  async draft(input: unknown, actor: AuditActor): Promise<DraftOutcome> {
    const parsed = DraftInput.safeParse(input);
    if (!parsed.success) return { ok: false, reason: plainZod(parsed.error) };
    const session = this.options.session();
    if (!session?.isReady) {
      return { ok: false, reason: 'The gateway session is not ready, so the contract cannot be looked up. Try again once it is ready.', unavailable: true };
    }
    const unknownAccount = unknownAccountReason(parsed.data.account, session.state.accounts);
    if (unknownAccount) return { ok: false, reason: unknownAccount };
    let contract = parsed.data.contract;
    try {
      const details = await session.resolveContract(ibContract(contract));
      const match = details[0];
      if (!match?.contract?.conId) return { ok: false, reason: `IB does not know ${contract.symbol} as a ${contract.secType}.` };
      const resolved = contractFromIb(contract, match);
      if (!resolved.ok) return resolved;
      contract = resolved.contract;
      if (match.liquidHours && match.timeZoneId) this.liquidHours.set(match.contract.conId, { hours: match.liquidHours, timeZoneId: match.timeZoneId });
      session.watch(match.contract);
    } catch (error) {
      // A timeout or a dropped link: the gateway's fault, never the person's typing.
      return { ok: false, reason: error instanceof Error ? error.message : 'The contract lookup failed.', unavailable: true };
    }
    await this.waitForQuote(session, contract.conId ?? 0);
    const now = this.now();
    const drafted = createDraft({ ...parsed.data, contract }, now);
    const checked = applyVerdicts(drafted, this.check(drafted), now);
    this.ledger.insert(checked, actor, 'draft.created', { verdicts: checked.verdicts });
    const previewed = await this.preview(checked);
    this.publish();
    return { ok: true, draft: previewed };
  }

  /** The order ticket: "buy 10 AAPL lmt 190". */
  async draftFromTicket(text: string, account?: string): Promise<DraftOutcome> {
    const ticket = parseOrderTicket(text);
    if (!ticket.ok) return { ok: false, reason: ticket.problem };
    const { order } = ticket;
    // The same rule the ticket shows as the person types: what was typed after @, else the account being viewed, else the first.
    const target = ticketAccount(order, account, this.options.session()?.state.accounts ?? []).account;
    if (!target) return { ok: false, reason: 'No account to draft for: the session has no accounts yet.' };
    return this.draft(
      {
        account: target,
        author: 'person',
        contract: { symbol: order.symbol, secType: 'STK' },
        order: {
          side: order.side,
          quantity: order.quantity,
          orderType: order.orderType,
          ...(order.limitPrice !== undefined ? { limitPrice: order.limitPrice } : {}),
          ...(order.stopPrice !== undefined ? { stopPrice: order.stopPrice } : {}),
          ...(order.trailingAmount !== undefined ? { trailingAmount: order.trailingAmount } : {}),
          ...(order.trailingPercent !== undefined ? { trailingPercent: order.trailingPercent } : {}),
          tif: order.tif,
          outsideRth: order.outsideRth,
          ...(order.bracket ? { bracket: order.bracket } : {}),
        },
        rationale: `Typed in the order ticket: "${text.trim()}"`,
        risks: [],
      },
      'person',
    );
  }

  /** A new version with the person's quantity and prices, re-checked; the old approval key no longer works. */
  async edit(change: DraftChange): Promise<Draft> {
    const before = this.require(change.id);
    this.requireVersion(before, change.version);
    const order = { ...before.order };
    if (change.quantity !== undefined) order.quantity = change.quantity;
    if (change.limitPrice !== undefined) order.limitPrice = change.limitPrice;
    if (change.stopPrice !== undefined) order.stopPrice = change.stopPrice;
    let after: Draft;
    try {
      after = reviseDraft(before, { order }, (candidate) => this.check(candidate), this.now());
    } catch (error) {
      // The stored draft was valid: a value that does not fit now is one the person typed in the edit dialog.
      if (error instanceof ZodError) throw new BadInputError(plainZod(error));
      throw error;
    }
    this.save(before, after, 'person', 'draft.edited', { change, verdicts: after.verdicts });
    const previewed = await this.preview(after);
    this.publish();
    return previewed;
  }

  reject(id: string, version: number, reason: string | undefined, actor: AuditActor = 'person'): Draft {
    const before = this.require(id);
    this.requireVersion(before, version);
    const after = this.move(before, 'rejected', { now: this.now(), ...(reason !== undefined ? { rejectionReason: reason } : {}) });
    this.save(before, after, actor, 'draft.rejected', reason ? { reason } : {});
    this.publish();
    return after;
  }

  /**
   * The person's sign-off. Re-checks on fresh data, then writes the intent
   * (submitting, order id, orderRef) durably before a byte goes to the
   * gateway. A send that fails leaves the draft for review, never for retry.
   */
  approve(id: string, version: number, confirmedQuantity?: number): Draft {
    const before = this.require(id);
    this.requireVersion(before, version);
    if (before.state !== 'pending') {
      throw new ConflictError(`This draft is ${before.state.replace('_', ' ')}; only a pending draft can be approved.`);
    }
    const session = this.options.session();
    if (!session?.isReady) {
      throw new UnavailableError('Approvals are paused: the gateway session is not ready. The draft stays pending.');
    }
    const now = this.now();
    const context = buildRiskContext(this.riskInputs(now, before), before);
    const report = runChecks(context, before);
    this.options.diagnostics.emit('submitStep', 'checked', id);
    if (report.outcome === 'block') {
      const blocked = this.move(before, 'blocked', { now, verdicts: report.verdicts });
      this.save(before, blocked, 'system', 'draft.blocked_at_approval', { verdicts: report.verdicts });
      this.publish();
      const reasons = report.verdicts.filter((v) => v.outcome === 'block').map((v) => v.explanation);
      throw new ConflictError(`Not sent: the risk checks block it now. ${reasons.join(' ')}`);
    }
    requireConfirmedQuantity(this.size(context, before), before, confirmedQuantity);
    let submitting: Draft;
    try {
      submitting = this.ledger.recordApproval(before, { brokerNextValidId: session.gatewayNextOrderId, ids: orderIdsNeeded(before.order), at: now }, (firstId) => ({
        // The figures the person approved against, kept with the draft: a filled card must not recompute them from the position after the fill.
        draft: {
          ...this.ledger.move(before, 'submitting', { now, verdicts: report.verdicts, orderId: firstId, clientId: session.clientId, expectedVersion: version }),
          atApproval: draftFigures(context, before),
        },
        details: { verdicts: report.verdicts, orderId: firstId, clientId: session.clientId, orderRef: before.id },
      })).draft;
    } catch (error) {
      throw asDomainError(error);
    }
    this.recentApprovals.push(this.monotonic());
    this.approved.clear();
    this.options.diagnostics.emit('submitStep', 'intent-written', id);
    const placements = ibPlacements(submitting.id, submitting.account, submitting.contract, submitting.order, submitting.orderId ?? 0);
    for (const placement of placements) {
      if (!session.placeOrder(placement.orderId, placement.contract, placement.order)) {
        this.needsReview(submitting, `The connection dropped while sending the order (${placement.role}); it may not have reached IB. Check the broker before drafting it again. It will not be re-sent.`);
        this.publish();
        return this.require(id);
      }
      this.options.diagnostics.emit('submitStep', 'order-sent', id);
    }
    this.options.diagnostics.emit('submitStep', 'all-sent', id);
    this.publish();
    return submitting;
  }

  /**
   * Stops all approvals and cancels orders at the broker (by default the ones
   * Countersign placed, keeping the protection of filled brackets; see
   * planHalt). The broker's action comes first and depends on nothing on
   * disk: the switch flips in memory (the order gate reads it), the cancels
   * go out, and only then is the halt recorded. The cancels count as sent
   * once their bytes are written to the gateway socket; until then they are
   * owed, durably, and sent again on the next reconnect. A record that could
   * not be written is shown.
   */
  halt(scope: HaltScope = 'countersign'): TradingState {
    const now = this.now();
    this.trading.halt(scope);
    const session = this.options.session();
    const plan = session ? this.sendHaltCancels(session, 'sent by the halt') : undefined;
    this.tryAudit('person', 'trading.halted', { scope, cancels: plan?.cancel.length ?? null, kept: plan?.keep.map((k) => k.description) ?? [] }, now);
    this.publish();
    return 'halted';
  }

  /** What a halt with this scope would cancel and keep, from the broker's open orders now. */
  previewHalt(scope: HaltScope): HaltPlan {
    const session = this.options.session();
    const broker = session?.portfolio.snapshot();
    return planHalt({
      scope,
      sessionClientId: session?.clientId,
      openOrders: broker?.openOrders ?? [],
      executions: broker?.executions ?? [],
      inFlight: this.ledger.inFlight(),
      draftOf: (id) => this.ledger.get(id),
      ledger: (orderId) => this.ledger.draftIdForOrderId(orderId),
    });
  }

  /** After a reconnect: send the cancels a halt could not send. */
  settleOwedCancel(session: BrokerSession): void {
    if (!this.trading.cancelOwed || this.tradingState() !== 'halted') return;
    this.sendHaltCancels(session, 'owed by a halt made while disconnected');
  }

  private sendHaltCancels(session: BrokerSession, reason: string): HaltPlan | undefined {
    if (!session.isConnected) return undefined;
    const scope = this.trading.haltScope;
    if (scope === 'account') {
      session.globalCancel(() => this.haltCancelsWritten(reason, scope, 'every open order in the account'));
      return undefined;
    }
    const plan = this.previewHalt(scope);
    // IB lets a client cancel only its own orders: ours placed under an earlier
    // client id (the session moved on after a 326) need the global cancel, for
    // a halt must halt even if it then cancels more than it promised.
    if (plan.cancel.some((c) => c.clientId !== session.clientId)) {
      session.globalCancel(() => this.haltCancelsWritten(reason, 'account', 'every open order in the account (some of Countersign’s were placed under an earlier client id)'));
      return plan;
    }
    const ours = plan.cancel;
    let left = ours.length;
    if (left === 0) {
      this.haltCancelsWritten(reason, scope, 'no open order of Countersign’s');
      return plan;
    }
    for (const order of ours) {
      session.cancelOrder(order.orderId, () => {
        left -= 1;
        if (left === 0) this.haltCancelsWritten(reason, scope, `${ours.length} order(s)`);
      });
    }
    return plan;
  }

  private haltCancelsWritten(reason: string, scope: HaltScope, what: string): void {
    this.trading.setCancelOwed(false);
    this.tryAudit('system', 'trading.global_cancel_sent', { reason, scope, what }, this.now());
    this.publish();
  }

  /**
   * After a (re)connect: a Gateway that auto-restarted can offer order ids it
   * already used. The ledger keeps counting from its own highest id, so no id
   * is re-used; the person is told once, because orders in TWS may now carry
   * ids Countersign has used before.
   */
  checkOfferedOrderId(session: BrokerSession): void {
    const offered = session.offeredOrderId;
    const highest = this.ledger.highestOrderId();
    if (highest === null || offered > highest || this.toldOrderIdsBehind.has(offered)) return;
    this.toldOrderIdsBehind.add(offered);
    this.notices.push(
      `The gateway offered order id ${offered}, but Countersign has already used ids up to ${highest} (the gateway probably restarted and lost its counter). New orders continue from ${highest + 1}, so no id is used twice.`,
    );
    this.options.log.warn('The gateway’s next order id is behind the ledger', { offered, highest });
    this.tryAudit('system', 'broker.order_id_behind', { offered, highest }, this.now());
    this.publish();
  }

  /**
   * An approved order the session held back at the last moment because
   * trading was halted: it never left, and the person is told. A store that
   * refuses the write is shown and retried; the session's send path never
   * sees the failure.
   */
  withheld(orderId: number): void {
    this.health.record(`withheld:${orderId}`, 'an order the halt held back', () => {
      // Through the ledger, not drafts.order_id: that holds only a bracket's entry, and a
      // take-profit or stop-loss can be the part held back.
      const draft = this.ledger.draftForOrderId(orderId);
      if (!draft || (draft.state !== 'submitting' && draft.state !== 'working')) return;
      const message =
        orderId === draft.orderId
          ? 'Trading was halted before this order left Countersign: it was not sent. Draft it again if you still want it.'
          : 'Trading was halted while this bracket was being sent: its entry reached IB but its take-profit or stop-loss did not. IB holds the entry untransmitted; cancel it in TWS, or draft the bracket again.';
      try {
        this.ledger.needsReview(draft, message);
      } catch (error) {
        if (!movedOnMeanwhile(error)) throw error;
      }
    });
    this.publish();
  }

  /** True while orders may leave: the gate the session checks at the moment of sending. */
  ordersMayLeave(): boolean {
    return this.tradingState() !== 'halted';
  }

  setTradingState(state: TradingState): TradingState {
    const now = this.now();
    if (state === 'halted') return this.halt('countersign');
    this.trading.set(state);
    this.tryAudit('person', 'trading.state_changed', { state }, now);
    this.publish();
    return state;
  }

  /** The person's limits; live trading is the connection setting's, shown here for reference. */
  riskLimits(): RiskLimitsView {
    const checked = this.store.settings.readChecked(riskLimitsSetting);
    const { liveTradingEnabled: _ignored, ...limits } = valueIn(checked);
    return checked.ok ? limits : { ...limits, problem: unreadableLimits(checked.problem) };
  }

  updateRiskLimits(patch: Partial<RiskLimitsView>): RiskLimitsView {
    const now = this.now();
    const stored = this.store.settings.readChecked(riskLimitsSetting);
    const { problem: _problem, ...change } = patch;
    if (!stored.ok) {
      // The defaults may be looser than what was stored: only a complete set,
      // every limit chosen by the person, replaces the unreadable one.
      const missing = Object.keys(RiskLimits.shape).filter((key) => key !== 'liveTradingEnabled' && !(key in change));
      if (missing.length > 0) {
        throw new ConflictError(`Your saved risk limits cannot be read, so every limit must be entered and saved together (missing: ${missing.join(', ')}).`);
      }
    }
    const next = RiskLimits.parse({ ...valueIn(stored), ...change });
    this.store.settings.write(riskLimitsSetting, next, now);
    this.audit('person', 'risk.limits_changed', { limits: next }, now);
    // Waiting drafts are judged again under the new limits: publishing re-checks them.
    this.publish();
    return this.riskLimits();
  }

  /** Moves queue drafts past their expiry to expired. */
  expireDue(): void {
    const now = this.now();
    let changed = false;
    for (const draft of this.ledger.expiredAt(now)) {
      // Run from a timer: a write the database refuses is shown and retried, not thrown where nothing catches it.
      this.health.record(`expire:${draft.id}`, 'a draft’s expiry', () => {
        try {
          this.ledger.save(draft, this.ledger.move(draft, 'expired', { now }), 'system', 'draft.expired', {});
          changed = true;
        } catch (error) {
          if (!(error instanceof DraftConflictError)) throw error;
        }
      });
    }
    if (changed) this.publish();
  }

  /** Re-subscribes quotes for drafts in the queue (after a reconnect the subscriptions are gone). */
  rewatch(session: BrokerSession): void {
    for (const draft of this.ledger.waiting()) {
      if (draft.contract.conId) session.watch({ ...ibContract(draft.contract), conId: draft.contract.conId });
    }
  }

  // --- the ledger's calls, its schema failures named as the domain's ---

  private require(id: string): Draft {
    const draft = this.ledger.get(id);
    if (!draft) throw new NotFoundError('There is no such draft.');
    return draft;
  }

  private move(draft: Draft, to: DraftState, evidence: TransitionEvidence): Draft {
    try {
      return this.ledger.move(draft, to, evidence);
    } catch (error) {
      throw asDomainError(error);
    }
  }

  private save(before: Draft, after: Draft, actor: AuditActor, action: string, details: Record<string, unknown>): void {
    try {
      this.ledger.save(before, after, actor, action, details);
    } catch (error) {
      throw asDomainError(error);
    }
  }

  private needsReview(draft: Draft, message: string): void {
    try {
      this.ledger.needsReview(draft, message);
    } catch (error) {
      throw asDomainError(error);
    }
  }

  /** Audit rows that are not a draft's: the trading switch, the limits, the gateway's order ids. */
  private audit(actor: AuditActor, action: string, details: Record<string, unknown>, at = this.now()): void {
    appendAudit(this.store.db, { actor, action, details, at });
  }

  /** An audit row for an action already taken: if it cannot be written now, it is kept and retried, and shown. */
  private tryAudit(actor: AuditActor, action: string, details: Record<string, unknown>, at: number): void {
    this.pendingAudits += 1;
    this.health.record(`audit:${this.pendingAudits}`, `the audit row “${action}”`, () => this.audit(actor, action, details, at));
  }

  check(draft: Draft): RiskVerdict[] {
    return runChecks(buildRiskContext(this.riskInputs(this.now(), draft), draft), draft).verdicts;
  }

  /** Null: IB gave the contract's hours in a zone this runtime cannot read, so they are unknown (fail closed). */
  private regularHoursOpen(now: number, draft: Draft): boolean | null {
    if (this.options.regularHoursOpen) return this.options.regularHoursOpen(now);
    const known = draft.contract.conId ? this.liquidHours.get(draft.contract.conId) : undefined;
    const stated = known ? inLiquidHours(known.hours, known.timeZoneId, now) : undefined;
    if (stated === null) return null;
    return stated ?? usRegularHoursOpen(now);
  }

  private riskInputs(now: number, draft: Draft) {
    const session = this.options.session();
    const limits = this.store.settings.readChecked(riskLimitsSetting);
    const monotonicNow = this.monotonic();
    while (this.recentApprovals.length && monotonicNow - (this.recentApprovals[0] ?? 0) >= RATE_WINDOW_MS) this.recentApprovals.shift();
    return {
      now,
      session: session?.state ?? { phase: 'idle' as const, message: '', gateway: 'unknown' as const, mode: 'unknown' as const, accounts: [], since: now },
      // The session's window and clock: the one that decides when it reconnects.
      inResetWindow: session?.inResetWindow() ?? false,
      portfolio: session?.portfolio.snapshot() ?? { seq: 0, accounts: [], positions: [], openOrders: [], executions: [], quotes: [] },
      limits: { ...valueIn(limits), liveTradingEnabled: this.options.liveTradingEnabled?.() ?? false },
      ...(limits.ok ? {} : { limitsProblem: limits.problem }),
      tradingState: this.tradingState(),
      drafts: this.ledger.live(),
      unreadableInFlight: this.ledger.unreadableInFlight(),
      // On the checks' scale: each approval `age` ago, whatever the wall clock did meanwhile.
      recentApprovals: this.recentApprovals.map((at) => now - Math.max(0, monotonicNow - at)),
      regularHoursOpen: this.regularHoursOpen(now, draft),
      quoteAgeMs: (conId: number) => session?.portfolio.quoteAgeMs(conId) ?? null,
      greeksOf: (conId: number) => session?.portfolio.greeksOf(conId) ?? null,
    };
  }

  /**
   * IB's what-if for a waiting draft. IB not answering (a timeout, an error,
   * the session gone) only leaves the draft without a preview. The store
   * refusing to reserve the order id or to record IB's answer is a store
   * problem: shown, and tried again (the whole preview, or the answer kept).
   */
  private async preview(draft: Draft): Promise<Draft> {
    this.whatIfAsked.set(draft.id, this.monotonic());
    this.whatIfInFlight.add(draft.id);
    try {
      return await this.previewOnce(draft);
    } finally {
      this.whatIfInFlight.delete(draft.id);
    }
  }

  /**
   * A written option is not approved without IB's what-if (the buying-power
   * check holds it), so one whose preview timed out or failed is asked again,
   * paced, while it waits: the person should not have to edit a draft to get
   * IB's answer. Other drafts keep the preview they got at drafting, or none.
   */
  private askWhatIfAgain(live: readonly Draft[]): void {
    const waiting = new Set(live.map((d) => d.id));
    for (const id of this.whatIfAsked.keys()) if (!waiting.has(id)) this.whatIfAsked.delete(id);
    if (!this.options.session()?.isReady) return;
    const at = this.monotonic();
    for (const draft of live) {
      if ((draft.state !== 'pending' && draft.state !== 'blocked') || draft.whatIf !== undefined) continue;
      if (draft.contract.secType !== 'OPT' || draft.order.side !== 'SELL' || this.whatIfInFlight.has(draft.id)) continue;
      const last = this.whatIfAsked.get(draft.id);
      if (last !== undefined && at - last < WHAT_IF_RETRY_MS) continue;
      void this.preview(draft).then(() => this.publish());
    }
  }

  private async previewOnce(draft: Draft): Promise<Draft> {
    const key = `whatif:${draft.id}`;
    const session = this.options.session();
    if (!session?.isReady || (draft.state !== 'pending' && draft.state !== 'blocked')) {
      this.health.clear(key);
      return draft;
    }
    let orderId: number;
    try {
      orderId = this.ledger.reserveOrderId(session.gatewayNextOrderId, draft.id);
    } catch (error) {
      if (error instanceof OrderIdError) {
        this.options.log.warn('What-if preview skipped: no usable order id', error);
        return draft;
      }
      this.health.fail(key, 'an order id for IB’s what-if preview', error, () => this.previewAgain(draft.id));
      return draft;
    }
    const [parent] = ibPlacements(draft.id, draft.account, draft.contract, draft.order, orderId, { whatIf: true });
    if (!parent) return draft;
    let whatIf: Draft['whatIf'];
    try {
      const state = await session.whatIf(orderId, parent.contract, parent.order, this.options.whatIfTimeoutMs ?? 4000);
      whatIf = whatIfPreview(state, this.now());
    } catch (error) {
      this.options.log.warn('What-if preview failed', error);
      this.health.clear(key);
      return this.ledger.get(draft.id) ?? draft;
    }
    let recorded: Draft | null = null;
    this.health.record(key, 'IB’s what-if preview of a draft', () => {
      recorded = this.recordWhatIf(draft, whatIf);
    });
    return recorded ?? this.ledger.get(draft.id) ?? draft;
  }

  private previewAgain(id: string): void {
    const current = this.ledger.get(id);
    if (!current) return this.health.clear(`whatif:${id}`);
    void this.preview(current).then(() => this.publish());
  }

  /** Saves IB's answer on the draft it was asked for; a draft that moved on since (edited, approved) keeps its own. */
  private recordWhatIf(draft: Draft, whatIf: Draft['whatIf']): Draft | null {
    const current = this.ledger.get(draft.id);
    if (!current || current.version !== draft.version || current.state !== draft.state) return current;
    const after: Draft = { ...current, whatIf, updatedAt: this.now() };
    try {
      this.ledger.save(current, after, 'broker', 'draft.what_if', { whatIf });
    } catch (error) {
      if (movedOnMeanwhile(error)) return this.ledger.get(draft.id);
      throw error;
    }
    return after;
  }

  private async waitForQuote(session: BrokerSession, conId: number): Promise<void> {
    await waitForQuote(session.portfolio, conId, hasPrice, this.options.quoteWaitMs ?? 2000);
  }

  private requireVersion(draft: Draft, version: number): void {
    if (draft.version !== version) {
      throw new ConflictError(`This draft changed since you looked at it (now version ${draft.version}); review it again.`);
    }
  }

}

function unreadableLimits(problem: string): string {
  return `Your saved risk limits cannot be read (${problem}); the values shown are the defaults, and approvals are blocked until you save your limits again.`;
}

/**
 * A draft the desk built that will not validate on its way to the ledger is
 * a bug, not the person's input; the ledger's own conflicts (DraftConflictError,
 * TransitionError) are domain errors already and pass as they are.
 */
function asDomainError(error: unknown): unknown {
  if (error instanceof ZodError) return new MalformedError(plainZod(error));
  return error;
}

function plainZod(error: ZodError): string {
  return plainProblems(error);
}
