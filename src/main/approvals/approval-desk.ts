import { ZodError } from 'zod';
import { DraftInput, RiskLimits, queueDraftStates, inFlightDraftStates, terminalDraftStates, type Draft, type DraftState, type RiskVerdict, type TradingState } from '../../shared/draft';
import { parseOrderTicket } from '../../shared/order-ticket';
import type { DraftChange, OrderSize, QueueView } from '../../shared/queue';
import type { BrokerSession } from '../broker/broker-session';
import { ibContract, ibPlacements, orderIdsNeeded } from '../broker/ib-order';
import { NORTH_AMERICA_RESET, resetWindowEnd, type ResetWindow } from '../broker/reset-window';
import { CallFailure } from '../contract/call-error';
import type { Log } from '../log';
import { runChecks } from '../risk/run-checks';
import { riskLimitsSetting, tradingStateSetting } from '../risk/settings';
import { z } from 'zod';
import type { SettingDefinition } from '../store/settings-repository';
import { appendAudit, type AuditActor } from '../store/audit-log';
import { DraftConflictError } from '../store/draft-repository';
import type { Store } from '../store/open-store';
import { draftIdForOrderId, reserveOrderId } from '../store/order-id-ledger';
import { applyVerdicts, createDraft, reviseDraft, transition, TransitionError, type TransitionEvidence } from './lifecycle';
import { draftFigures } from './draft-figures';
import { unknownAccountReason } from './known-account';
import { plainProblems } from './plain-problems';
import { orderSize, requireConfirmedQuantity } from './large-order';
import { inLiquidHours } from './liquid-hours';
import { usRegularHoursOpen } from './market-hours';
import { buildRiskContext } from './risk-context';
import { WaitingReview } from './waiting-review';
import { whatIfPreview } from './what-if-preview';

export interface ApprovalDeskOptions {
  store: Store;
  session: () => BrokerSession | undefined;
  log: Log;
  publish: (view: QueueView) => void;
  now?: () => number;
  regularHoursOpen?: (at: number) => boolean;
  /** How long drafting waits for a first quote of a symbol it just subscribed. */
  quoteWaitMs?: number;
  whatIfTimeoutMs?: number;
  /**
   * Called at each step of the submit sequence. The crash test kills the
   * process here to prove that no step leaves a duplicate or a lost order.
   */
  onSubmitStep?: (step: SubmitStep, draftId: string) => void;
  /** The one live-trading switch (Settings > Connection); the risk check reads it from here. */
  liveTradingEnabled?: () => boolean;
  /** IB's nightly restart, as the session knows it (null: none, as in tests against the demo gateway). */
  resetWindow?: ResetWindow | null;
  /** Orders above this % of net liquidation need the typed quantity to be approved (Settings > Risk limits). */
  largeOrderPct?: () => number;
}

export type SubmitStep = 'checked' | 'intent-written' | 'order-sent' | 'all-sent';

export type RiskLimitsView = Omit<RiskLimits, 'liveTradingEnabled'>;

/** A halt whose global cancel could not be sent (no connection): sent on the next reconnect. */
const globalCancelOwedSetting: SettingDefinition<boolean> = { key: 'risk.global-cancel-owed', schema: z.boolean(), fallback: false };

export type DraftOutcome =
  | { ok: true; draft: Draft }
  | { ok: false; reason: string };

const RECENT_TERMINAL = 30;

/** Orders above this share of net liquidation need a deliberate second step to approve. */
const DEFAULT_LARGE_ORDER_PCT = 2;

/**
 * The approval queue: every draft, from Claude or the person, enters here,
 * faces the risk checks, gets a what-if preview, and reaches the broker only
 * through approve() — after a fresh re-check and a durable record of the
 * intent. Nothing here re-sends an order whose outcome is unknown.
 */
export class ApprovalDesk {
  private readonly now: () => number;
  private readonly recentApprovals: number[] = [];
  /** IB's liquid hours per contract, from the lookup at drafting. */
  private readonly liquidHours = new Map<number, { hours: string; timeZoneId: string }>();

  private readonly review: WaitingReview;

  constructor(private readonly options: ApprovalDeskOptions) {
    this.now = options.now ?? Date.now;
    this.review = new WaitingReview({
      waitingDrafts: () => this.store.drafts.listPending(),
      riskContext: (now, draft) => buildRiskContext(this.riskInputs(now, draft), draft),
      size: (ctx, draft) => this.size(ctx, draft),
      move: (draft, to, evidence) => this.move(draft, to, evidence),
      save: (before, after, actor, action, details) => this.save(before, after, actor, action, details),
    });
  }

  get store(): Store {
    return this.options.store;
  }

  view(): QueueView {
    // What the queue shows is judged on the inputs of now.
    this.review.run(this.now());
    const drafts = this.store.drafts;
    const live = drafts.listByStates([...queueDraftStates, ...inFlightDraftStates]);
    const recent = drafts.listRecentByStates(terminalDraftStates, RECENT_TERMINAL);
    return { drafts: [...live, ...recent], tradingState: this.tradingState(), review: this.review.snapshot() };
  }

  size(ctx: ReturnType<typeof buildRiskContext>, draft: Draft): OrderSize {
    return orderSize(ctx, draft, this.options.largeOrderPct?.() ?? DEFAULT_LARGE_ORDER_PCT);
  }

  hasWaiting(): boolean {
    return this.store.drafts.listPending().length > 0;
  }

  tradingState(): TradingState {
    return this.store.settings.read(tradingStateSetting);
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
      return { ok: false, reason: 'The gateway session is not ready, so the contract cannot be looked up. Try again once it is ready.' };
    }
    const unknownAccount = unknownAccountReason(parsed.data.account, session.state.accounts);
    if (unknownAccount) return { ok: false, reason: unknownAccount };
    let contract = parsed.data.contract;
    try {
      const details = await session.resolveContract(ibContract(contract));
      const match = details[0];
      if (!match?.contract?.conId) return { ok: false, reason: `IB does not know ${contract.symbol} as a ${contract.secType}.` };
      contract = { ...contract, conId: match.contract.conId, ...(match.contract.primaryExch ? { primaryExchange: match.contract.primaryExch } : {}) };
      if (match.liquidHours && match.timeZoneId) this.liquidHours.set(match.contract.conId, { hours: match.liquidHours, timeZoneId: match.timeZoneId });
      session.watch(match.contract);
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : 'The contract lookup failed.' };
    }
    await this.waitForQuote(session, contract.conId ?? 0);
    const now = this.now();
    const drafted = createDraft({ ...parsed.data, contract }, now);
    const checked = applyVerdicts(drafted, this.check(drafted), now);
    this.store.drafts.insert(checked, { actor, at: now, action: 'draft.created', details: { verdicts: checked.verdicts } });
    const previewed = await this.preview(checked);
    this.publish();
    return { ok: true, draft: previewed };
  }

  /** The order ticket: "buy 10 AAPL lmt 190". */
  async draftFromTicket(text: string, account?: string): Promise<DraftOutcome> {
    const ticket = parseOrderTicket(text);
    if (!ticket.ok) return { ok: false, reason: ticket.problem };
    const { order } = ticket;
    const target = account ?? order.account ?? this.defaultAccount();
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
      throw asCallFailure(error);
    }
    this.save(before, after, 'person', 'draft.edited', { change, verdicts: after.verdicts });
    const previewed = await this.preview(after);
    this.publish();
    return previewed;
  }

  reject(id: string, version: number, reason: string | undefined, actor: AuditActor = 'person'): Draft {
    const before = this.require(id);
    this.requireVersion(before, version);
    const after = this.move(before, 'rejected', { now: this.now() });
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
      throw new CallFailure('conflict', `This draft is ${before.state.replace('_', ' ')}; only a pending draft can be approved.`);
    }
    const session = this.options.session();
    if (!session?.isReady) {
      throw new CallFailure('unavailable', 'Approvals are paused: the gateway session is not ready. The draft stays pending.');
    }
    const now = this.now();
    const context = buildRiskContext(this.riskInputs(now, before), before);
    const report = runChecks(context, before);
    this.options.onSubmitStep?.('checked', id);
    if (report.outcome === 'block') {
      const blocked = this.move(before, 'blocked', { now, verdicts: report.verdicts });
      this.save(before, blocked, 'system', 'draft.blocked_at_approval', { verdicts: report.verdicts });
      this.publish();
      const reasons = report.verdicts.filter((v) => v.outcome === 'block').map((v) => v.explanation);
      throw new CallFailure('conflict', `Not sent: the risk checks block it now. ${reasons.join(' ')}`);
    }
    requireConfirmedQuantity(this.size(context, before), before, confirmedQuantity);
    const db = this.store.db;
    const submitting = db.transaction((): Draft => {
      const firstId = reserveOrderId(db, session.gatewayNextOrderId, now, before.id);
      for (let i = 1; i < orderIdsNeeded(before.order); i += 1) reserveOrderId(db, session.gatewayNextOrderId, now, before.id);
      // The figures the person approved against, kept with the draft: a filled card must not recompute them from the position after the fill.
      const after = { ...this.move(before, 'submitting', { now, verdicts: report.verdicts, orderId: firstId, expectedVersion: version }), atApproval: draftFigures(context, before) };
      this.save(before, after, 'person', 'draft.approved', { verdicts: report.verdicts, orderId: firstId, orderRef: before.id });
      return after;
    })();
    this.recentApprovals.push(now);
    this.options.onSubmitStep?.('intent-written', id);
    const placements = ibPlacements(submitting.id, submitting.account, submitting.contract, submitting.order, submitting.orderId ?? 0);
    for (const placement of placements) {
      if (!session.placeOrder(placement.orderId, placement.contract, placement.order)) {
        this.needsReview(submitting, `The connection dropped while sending the order (${placement.role}); it may not have reached IB. Check the broker before drafting it again. It will not be re-sent.`);
        this.publish();
        return this.require(id);
      }
      this.options.onSubmitStep?.('order-sent', id);
    }
    this.options.onSubmitStep?.('all-sent', id);
    this.publish();
    return submitting;
  }

  /**
   * Stops all approvals and cancels every open order at the broker. When the
   * gateway cannot be reached, the cancel is owed and sent on the next
   * reconnect (the owed flag is durable, so a restart does not forget it).
   */
  halt(): TradingState {
    const now = this.now();
    this.store.settings.write(tradingStateSetting, 'halted', now);
    const cancelled = this.options.session()?.globalCancel() ?? false;
    this.store.settings.write(globalCancelOwedSetting, !cancelled, now);
    this.audit('person', 'trading.halted', { globalCancelSent: cancelled }, now);
    this.publish();
    return 'halted';
  }

  /** After a reconnect: send the global cancel a halt could not send. */
  settleOwedCancel(session: BrokerSession): void {
    if (!this.store.settings.read(globalCancelOwedSetting) || this.tradingState() !== 'halted') return;
    if (session.globalCancel()) {
      const now = this.now();
      this.store.settings.write(globalCancelOwedSetting, false, now);
      this.audit('system', 'trading.global_cancel_sent', { reason: 'owed by a halt made while disconnected' }, now);
    }
  }

  /** An approved order the session held back at the last moment because trading was halted: it never left. */
  withheld(orderId: number): void {
    // Through the ledger, not drafts.order_id: that holds only a bracket's entry, and a
    // take-profit or stop-loss can be the part held back.
    const draftId = draftIdForOrderId(this.store.db, orderId);
    const draft = draftId ? this.store.drafts.get(draftId) : null;
    if (!draft || (draft.state !== 'submitting' && draft.state !== 'working')) return;
    this.needsReview(
      draft,
      orderId === draft.orderId
        ? 'Trading was halted before this order left Countersign: it was not sent. Draft it again if you still want it.'
        : 'Trading was halted while this bracket was being sent: its entry reached IB but its take-profit or stop-loss did not. IB holds the entry untransmitted; cancel it in TWS, or draft the bracket again.',
    );
    this.publish();
  }

  /** True while orders may leave: the gate the session checks at the moment of sending. */
  ordersMayLeave(): boolean {
    return this.tradingState() !== 'halted';
  }

  setTradingState(state: TradingState): TradingState {
    const now = this.now();
    this.store.settings.write(tradingStateSetting, state, now);
    this.audit('person', 'trading.state_changed', { state }, now);
    this.publish();
    return state;
  }

  /** The person's limits; live trading is the connection setting's, shown here for reference. */
  riskLimits(): RiskLimitsView {
    const { liveTradingEnabled: _ignored, ...limits } = this.store.settings.read(riskLimitsSetting);
    return limits;
  }

  updateRiskLimits(patch: Partial<RiskLimitsView>): RiskLimitsView {
    const now = this.now();
    const next = RiskLimits.parse({ ...this.store.settings.read(riskLimitsSetting), ...patch });
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
    for (const draft of this.store.drafts.listExpired(now)) {
      try {
        this.save(draft, this.move(draft, 'expired', { now }), 'system', 'draft.expired', {});
        changed = true;
      } catch (error) {
        if (!(error instanceof DraftConflictError)) throw error;
      }
    }
    if (changed) this.publish();
  }

  /** Re-subscribes quotes for drafts in the queue (after a reconnect the subscriptions are gone). */
  rewatch(session: BrokerSession): void {
    for (const draft of this.store.drafts.listPending()) {
      if (draft.contract.conId) session.watch({ ...ibContract(draft.contract), conId: draft.contract.conId });
    }
  }

  // --- shared with the order tracker and the reconciler ---

  require(id: string): Draft {
    const draft = this.store.drafts.get(id);
    if (!draft) throw new CallFailure('not_found', 'There is no such draft.');
    return draft;
  }

  move(draft: Draft, to: DraftState, evidence: TransitionEvidence): Draft {
    try {
      return transition(draft, to, evidence);
    } catch (error) {
      throw asCallFailure(error);
    }
  }

  save(before: Draft, after: Draft, actor: AuditActor, action: string, details: Record<string, unknown>): void {
    try {
      this.store.drafts.save(before, after, { actor, at: after.updatedAt, action, details });
    } catch (error) {
      throw asCallFailure(error);
    }
  }

  needsReview(draft: Draft, message: string): void {
    const current = this.store.drafts.get(draft.id) ?? draft;
    if (current.state === 'needs_review') return;
    const after = this.move(current, 'needs_review', { now: this.now(), brokerMessage: message });
    this.save(current, after, 'system', 'draft.needs_review', { reason: message });
  }

  audit(actor: AuditActor, action: string, details: Record<string, unknown>, at = this.now()): void {
    appendAudit(this.store.db, { actor, action, details, at });
  }

  check(draft: Draft): RiskVerdict[] {
    return runChecks(buildRiskContext(this.riskInputs(this.now(), draft), draft), draft).verdicts;
  }

  private regularHoursOpen(now: number, draft: Draft): boolean {
    if (this.options.regularHoursOpen) return this.options.regularHoursOpen(now);
    const known = draft.contract.conId ? this.liquidHours.get(draft.contract.conId) : undefined;
    return (known && inLiquidHours(known.hours, known.timeZoneId, now)) ?? usRegularHoursOpen(now);
  }

  private riskInputs(now: number, draft: Draft) {
    const session = this.options.session();
    const cutoff = now - 60_000;
    while (this.recentApprovals.length && (this.recentApprovals[0] ?? 0) < cutoff) this.recentApprovals.shift();
    return {
      now,
      session: session?.state ?? { phase: 'idle' as const, message: '', gateway: 'unknown' as const, mode: 'unknown' as const, accounts: [], since: now },
      inResetWindow: this.inResetWindow(now),
      portfolio: session?.portfolio.snapshot() ?? { seq: 0, accounts: [], positions: [], openOrders: [], executions: [], quotes: [] },
      limits: { ...this.store.settings.read(riskLimitsSetting), liveTradingEnabled: this.options.liveTradingEnabled?.() ?? false },
      tradingState: this.tradingState(),
      drafts: this.store.drafts.listByStates([...queueDraftStates, ...inFlightDraftStates]),
      recentApprovals: [...this.recentApprovals],
      regularHoursOpen: this.regularHoursOpen(now, draft),
    };
  }

  private inResetWindow(now: number): boolean {
    const window = this.options.resetWindow === undefined ? NORTH_AMERICA_RESET : this.options.resetWindow;
    return window !== null && resetWindowEnd(now, window) !== undefined;
  }

  private async preview(draft: Draft): Promise<Draft> {
    const session = this.options.session();
    if (!session?.isReady || (draft.state !== 'pending' && draft.state !== 'blocked')) return draft;
    try {
      const orderId = reserveOrderId(this.store.db, session.gatewayNextOrderId, this.now(), draft.id);
      const [parent] = ibPlacements(draft.id, draft.account, draft.contract, draft.order, orderId, { whatIf: true });
      if (!parent) return draft;
      const state = await session.whatIf(orderId, parent.contract, parent.order, this.options.whatIfTimeoutMs ?? 4000);
      const current = this.store.drafts.get(draft.id);
      // The draft moved on (edited, approved) while IB was answering: this preview is for an old version.
      if (!current || current.version !== draft.version || current.state !== draft.state) return current ?? draft;
      const after: Draft = { ...current, whatIf: whatIfPreview(state, this.now()), updatedAt: this.now() };
      this.save(current, after, 'broker', 'draft.what_if', { whatIf: after.whatIf });
      return after;
    } catch (error) {
      this.options.log.warn('What-if preview failed', error);
      return this.store.drafts.get(draft.id) ?? draft;
    }
  }

  private async waitForQuote(session: BrokerSession, conId: number): Promise<void> {
    const deadline = Date.now() + (this.options.quoteWaitMs ?? 2000);
    while (Date.now() < deadline) {
      const quote = session.portfolio.quote(conId);
      if (quote && (quote.last !== null || (quote.bid !== null && quote.ask !== null))) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private requireVersion(draft: Draft, version: number): void {
    if (draft.version !== version) {
      throw new CallFailure('conflict', `This draft changed since you looked at it (now version ${draft.version}); review it again.`);
    }
  }

  private defaultAccount(): string | undefined {
    return this.options.session()?.state.accounts[0];
  }
}

function asCallFailure(error: unknown): unknown {
  if (error instanceof CallFailure) return error;
  if (error instanceof DraftConflictError) return new CallFailure('conflict', error.message);
  if (error instanceof TransitionError) return new CallFailure('conflict', error.message);
  if (error instanceof ZodError) return new CallFailure('bad_payload', plainZod(error));
  return error;
}

function plainZod(error: ZodError): string {
  return plainProblems(error);
}
