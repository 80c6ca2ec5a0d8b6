import type { Contract, Execution } from '@stoqey/ib';
import { contractPriceMagnifier, queueDraftStates, terminalDraftStates, type Draft, type DraftState } from '../../shared/draft';
import type { JournalQuote, JournalRecord } from '../../shared/journal';
import type { QueueView } from '../../shared/queue';
import type { BrokerSession } from '../broker/broker-session';
import { parseIbTime } from '../broker/ib-time';
import { systemMonotonicClock, type MonotonicClock } from '../clock';
import type { Log } from '../log';
import type { Db } from '../store/database';
import { calendarDaysBetween, exchangeDate, sessionClosed } from './exchange-calendar';
import {
  anchorDate,
  dayHorizons,
  entryFills,
  fillSlippage,
  horizonDate,
  hypotheticalPrice,
  legsOf,
  outcomesOf,
  positionClose,
  relationOf,
  weightedSlippage,
  type JournalEntry,
  type JournalExecution,
  type StoredOutcome,
} from './journal-figures';
import { JournalRepository } from './journal-repository';

/** A daily bar as the journal needs it: the exchange date and the close. */
export interface DailyClose {
  date: string;
  close: number;
}

export interface DecisionJournalOptions {
  db: Db;
  drafts: { get(id: string): Draft | null };
  session: () => BrokerSession | undefined;
  log: Log;
  /** Wall-clock ms: decision times, horizons' due dates. */
  now: () => number;
  /** For the spacing of history requests (default performance.now). */
  monotonic?: MonotonicClock;
  /** Daily closes for a contract over (at least) the last `days` days (default: reqHistoricalData through the session). */
  dailyCloses?: (session: BrokerSession, conId: number, days: number) => Promise<DailyClose[]>;
  /** How often outcomes are brought up to date from history bars (default 15 minutes). */
  refreshEveryMs?: number;
}

const APPROVED_STATES: readonly DraftState[] = ['submitting', 'working', 'partially_filled', 'filled', 'cancelled', 'broker_rejected', 'needs_review'];
/** A quote read this long after a rejection or expiry is no longer the quote it was decided against. */
const DECISION_QUOTE_MS = 60_000;
/** IB answers daily bars for a year back in days; older horizons are left unrecorded. */
const MAX_DAYS = 365;
/**
 * An outcome is written once, so the day's bar is read only once its close is
 * final: in the minutes after the bell the bar still moves (the closing
 * auction's print, late reports).
 */
const CLOSE_FINAL_AFTER_MS = 30 * 60_000;
/** IB counts an identical history request within 15 seconds as a pacing violation (error 162). */
const SAME_REQUEST_GAP_MS = 15_000;
/** Calendar days asked beyond the oldest anchor, so its own bar is in the window. */
const HISTORY_MARGIN_DAYS = 3;

// "N D" counts calendar days at IB (trading sessions in the simulator): asking
// for calendar days covers the window either way.
async function historyCloses(session: BrokerSession, conId: number, days: number): Promise<DailyClose[]> {
  const bars = await session.history({ conId, exchange: 'SMART', currency: 'USD' }, `${days} D`, '1 day');
  return bars.map((bar) => ({ date: bar.date.trim().slice(0, 8), close: bar.close })).filter((bar) => /^\d{8}$/.test(bar.date) && Number.isFinite(bar.close) && bar.close > 0);
}

function ibSide(side: string | undefined): 'BUY' | 'SELL' | undefined {
  if (side === 'BOT' || side === 'BUY') return 'BUY';
  if (side === 'SLD' || side === 'SELL') return 'SELL';
  return undefined;
}

/**
 * The decision journal: follows every draft from the queue's own updates
 * (what it looked like when drafted and decided) and every execution the
 * session reports, and brings each decided draft's outcomes up to date from
 * daily history bars. It writes only its own tables; the approval desk, the
 * drafts and the audit trail are read, never changed. A failure here (a bar
 * request refused, a write refused) is logged and tried again next time: the
 * journal never stands in the way of the queue.
 */
export class DecisionJournal {
  readonly repository: JournalRepository;
  private refreshing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** What each draft looked like when last noted: an unchanged draft in the next queue update costs nothing. */
  private readonly seen = new Map<string, string>();
  private waitingView: QueueView | undefined;
  private stopped = false;
  private cached: { version: number; records: JournalRecord[] } | undefined;
  /** When each contract's bars were last asked for (monotonic ms). */
  private readonly askedAt = new Map<number, number>();
  private readonly monotonic: MonotonicClock;

  constructor(private readonly options: DecisionJournalOptions) {
    this.repository = new JournalRepository(options.db);
    this.monotonic = options.monotonic ?? systemMonotonicClock;
  }

  start(): void {
    this.timer = setInterval(() => void this.refresh(), this.options.refreshEveryMs ?? 15 * 60_000);
    this.timer.unref?.();
  }

  /** With the store it writes to: a refresh still waiting for bars records nothing after this. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * A queue update, noted after the current turn of the event loop: never on
   * the approval's own path to the socket, and a burst of updates is noted once.
   */
  queueChanged(view: QueueView): void {
    const first = this.waitingView === undefined;
    this.waitingView = view;
    if (!first) return;
    setImmediate(() => {
      const latest = this.waitingView;
      this.waitingView = undefined;
      if (latest && !this.stopped) this.observe(latest);
    });
  }

  /** Every queue update: new drafts, edits and decisions. */
  observe(view: QueueView): void {
    const changed = view.drafts.flatMap((draft) => {
      const look = lookOf(draft);
      return this.seen.get(draft.id) === look ? [] : [{ draft, look }];
    });
    if (changed.length === 0) return;
    // One transaction for the whole update: one durable write, not one per draft.
    const noted: { id: string; look: string }[] = [];
    try {
      this.options.db.transaction(() => {
        for (const { draft, look } of changed) {
          try {
            this.note(draft);
            noted.push({ id: draft.id, look });
          } catch (error) {
            this.options.log.warn('The decision journal could not record a draft', { draftId: draft.id, error: error instanceof Error ? error.message : String(error) });
          }
        }
      })();
    } catch (error) {
      // Nothing of this update was kept: every draft in it is noted again with the next one.
      this.options.log.warn('The decision journal could not record a queue update', error instanceof Error ? error.message : String(error));
      return;
    }
    for (const { id, look } of noted) this.seen.set(id, look);
  }

  /** Executions of the session, ours and others' (another application's sale closes a position too). */
  attach(session: BrokerSession): () => void {
    const onExecution = (contract: Contract, execution: Execution): void => {
      const side = ibSide(execution.side);
      const shares = Number(execution.shares ?? 0);
      const price = Number(execution.price ?? 0);
      if (!execution.execId || !side || !(shares > 0) || !(price > 0) || !contract.conId) return;
      const at = parseIbTime(execution.time ?? '');
      try {
        this.repository.recordExecution({
          execId: execution.execId,
          account: execution.acctNumber ?? '',
          conId: contract.conId,
          side,
          shares,
          price,
          at: Number.isFinite(at) ? at : this.options.now(),
          orderRef: execution.orderRef ?? '',
          orderId: execution.orderId ?? -1,
          clientId: execution.clientId ?? -1,
        });
      } catch (error) {
        this.options.log.warn('The decision journal could not record an execution', { execId: execution.execId, error: error instanceof Error ? error.message : String(error) });
      }
    };
    const onSynced = (): void => void this.refresh();
    session.on('execution', onExecution);
    session.on('synced', onSynced);
    return () => {
      session.off('execution', onExecution);
      session.off('synced', onSynced);
    };
  }

  /** Brings every decided draft's outcomes up to date; one at a time (a second call joins the running one). */
  refresh(): Promise<void> {
    this.refreshing ??= this.bringUpToDate()
      .catch((error: unknown) => this.options.log.warn('The decision journal could not bring its outcomes up to date', error instanceof Error ? error.message : String(error)))
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  /**
   * The whole journal, in four reads however many drafts it holds, and kept
   * until the journal next writes: the review and Claude's tool read it often,
   * on main's thread.
   */
  records(): JournalRecord[] {
    const version = this.repository.version;
    if (this.cached?.version !== version) this.cached = { version, records: this.readRecords() };
    return this.cached.records;
  }

  private readRecords(): JournalRecord[] {
    const executions = this.repository.executionsByOrder();
    const outcomes = this.repository.allOutcomes();
    const audit = this.repository.allAudit();
    const none = { created: null, decided: null, decidedAt: null };
    return this.repository.entries().map((entry) =>
      this.recordOf(entry, executions.get(entry.draftId) ?? [], outcomes.get(entry.draftId) ?? [], audit.get(entry.draftId) ?? none),
    );
  }

  record(draftId: string): JournalRecord | undefined {
    const entry = this.repository.entry(draftId);
    return entry ? this.recordOf(entry, this.repository.executionsOfOrder(draftId), this.repository.outcomes(draftId), this.repository.auditOf(draftId)) : undefined;
  }

  private recordOf(entry: JournalEntry, executions: readonly JournalExecution[], stored: readonly StoredOutcome[], audit: { created: number | null; decided: number | null }): JournalRecord {
    const fills = entryFills(entry, executions);
    const slipped = entry.decision === 'approved' ? fillSlippage(entry, fills) : [];
    const weighted = weightedSlippage(slipped);
    const legs = legsOf(entry, fills);
    return {
      draftId: entry.draftId,
      author: entry.author,
      account: entry.account,
      symbol: entry.symbol,
      conId: entry.conId,
      side: entry.side,
      quantity: entry.quantity,
      orderType: entry.orderType,
      draftedAt: entry.draftedAt,
      draftQuote: entry.draftQuote,
      decision: entry.decision,
      decidedAt: entry.decidedAt,
      decisionQuote: entry.decisionQuote,
      finalState: entry.finalState,
      relation: relationOf(entry.side, entry.positionBefore),
      warned: entry.warned,
      fills: slipped,
      slippage: weighted?.slippage ?? null,
      slippageBps: weighted?.slippageBps ?? null,
      hypotheticalPrice: hypotheticalPrice(entry),
      outcomes: outcomesOf(entry, legs, stored),
      auditSeqs: { created: audit.created, decided: audit.decided },
    };
  }

  private note(draft: Draft): void {
    const now = this.options.now();
    const known = this.repository.entry(draft.id);
    if (!known) {
      const fresh = queueDraftStates.includes(draft.state);
      this.repository.insertEntry(
        {
          draftId: draft.id,
          author: draft.author,
          account: draft.account,
          conId: draft.contract.conId ?? null,
          symbol: draft.contract.symbol,
          secType: draft.contract.secType,
          side: draft.order.side,
          quantity: draft.order.quantity,
          multiplier: pointValue(draft),
          orderType: draft.order.orderType,
          draftedAt: draft.createdAt,
          // The quote when drafted is only known while the draft is new; one first seen later has none.
          draftQuote: fresh ? this.quoteNow(draft) : null,
          positionBefore: this.positionNow(draft),
          warned: warned(draft),
        },
        now,
      );
    } else if (known.decision === null && (known.quantity !== draft.order.quantity || known.side !== draft.order.side || known.orderType !== draft.order.orderType)) {
      this.repository.updateUndecided(draft.id, draft.order, now);
    }
    const entry = known ?? this.repository.entry(draft.id);
    if (entry && entry.decision === null) this.noteDecision(draft, now);
    if (terminalDraftStates.includes(draft.state)) this.repository.recordFinalState(draft.id, draft.state, now);
  }

  private noteDecision(draft: Draft, now: number): void {
    const audit = this.repository.auditOf(draft.id);
    if (APPROVED_STATES.includes(draft.state)) {
      this.repository.recordDecision(
        draft.id,
        {
          decision: 'approved',
          decidedAt: audit.decidedAt ?? draft.atApproval?.at ?? draft.updatedAt,
          // The quote the person approved against, frozen with the draft at approval.
          quote: draft.atApproval?.quote ?? null,
          positionBefore: draft.atApproval?.positionBefore ?? null,
          warned: warned(draft),
          orderId: draft.orderId ?? null,
          clientId: draft.clientId ?? null,
        },
        now,
      );
    } else if (draft.state === 'rejected' || draft.state === 'expired') {
      const decidedAt = audit.decidedAt ?? draft.updatedAt;
      this.repository.recordDecision(
        draft.id,
        {
          decision: draft.state,
          decidedAt,
          quote: Math.abs(now - decidedAt) <= DECISION_QUOTE_MS ? this.quoteNow(draft) : null,
          positionBefore: this.positionNow(draft),
          warned: warned(draft),
          orderId: null,
          clientId: null,
        },
        now,
      );
    }
  }

  private quoteNow(draft: Draft): JournalQuote | null {
    const conId = draft.contract.conId;
    const session = this.options.session();
    // A session that lost the gateway keeps its last quotes until the next sync: they are not the price now.
    if (!conId || !session?.isReady) return null;
    const quote = session.portfolio.quote(conId);
    if (!quote || (quote.bid === null && quote.ask === null && quote.last === null)) return null;
    return { bid: quote.bid, ask: quote.ask, last: quote.last };
  }

  private positionNow(draft: Draft): number | null {
    const session = this.options.session();
    if (!session?.isReady) return null;
    const held = session.portfolio.snapshot().positions.find((p) => p.account === draft.account && p.conId === draft.contract.conId);
    return held?.quantity ?? 0;
  }

  /**
   * The queue's view carries the waiting drafts and only the most recently
   * finished ones: a draft decided or finished in a burst larger than that
   * (an expiry sweep) never reached the journal in a view. Each entry not yet
   * decided or finished is read again from the store (read only) and noted.
   */
  private catchUpWithStore(entries: readonly JournalEntry[]): void {
    const open = entries.filter((e) => e.decision === null || e.finalState === null);
    if (open.length === 0) return;
    const noted: { id: string; look: string }[] = [];
    try {
      this.options.db.transaction(() => {
        for (const entry of open) {
          try {
            const draft = this.options.drafts.get(entry.draftId);
            if (!draft || this.seen.get(draft.id) === lookOf(draft)) continue;
            this.note(draft);
            noted.push({ id: draft.id, look: lookOf(draft) });
          } catch (error) {
            this.options.log.warn('The decision journal could not catch up with a draft', { draftId: entry.draftId, error: error instanceof Error ? error.message : String(error) });
          }
        }
      })();
    } catch (error) {
      // Nothing was kept: tried again next pass; the outcomes already due are still read.
      this.options.log.warn('The decision journal could not catch up with the store', error instanceof Error ? error.message : String(error));
      return;
    }
    for (const { id, look } of noted) this.seen.set(id, look);
  }

  /**
   * An approved order's fills the session reported while the journal could not
   * record them are in the audit trail (the order tracker confirmed them as the
   * draft's entry): booked on the entry's own identity, once per execId.
   */
  private recoverAuditedFills(entries: readonly JournalEntry[]): void {
    const approved = new Map(entries.filter((e) => e.decision === 'approved' && e.conId !== null && e.orderId !== null && e.clientId !== null).map((e) => [e.draftId, e]));
    if (approved.size === 0) return;
    const from = Math.min(...[...approved.values()].map((e) => e.decidedAt ?? e.draftedAt));
    for (const fill of this.repository.auditedFills(from)) {
      const entry = approved.get(fill.orderRef);
      if (!entry || entry.conId === null || entry.orderId === null || entry.clientId === null) continue;
      this.repository.recordExecution({
        execId: fill.execId,
        account: entry.account,
        conId: entry.conId,
        side: entry.side,
        shares: fill.shares,
        price: fill.price,
        at: fill.at,
        orderRef: entry.draftId,
        orderId: entry.orderId,
        clientId: entry.clientId,
      });
    }
  }

  private async bringUpToDate(): Promise<void> {
    if (this.stopped) return;
    const session = this.options.session();
    const now = this.options.now();
    /** conId → the due dates wanted, with where each outcome goes. */
    const wanted = new Map<number, { draftId: string; horizon: StoredOutcome['horizon']; due: string; anchor: string }[]>();
    this.catchUpWithStore(this.repository.entries());
    const entries = this.repository.entries();
    this.recoverAuditedFills(entries);
    for (const entry of entries) {
      if (entry.decision === null || entry.conId === null) continue;
      const stored = this.repository.outcomes(entry.draftId);
      const has = new Set(stored.map((o) => o.horizon));
      const fills = entryFills(entry, this.repository.executionsOfOrder(entry.draftId));
      if (!has.has('close') && fills.length > 0) {
        const closed = positionClose(entry, fills, this.repository.executionsIn(entry.account, entry.conId, fills[0]?.at ?? 0));
        if (closed) this.repository.recordOutcome(entry.draftId, { horizon: 'close', sessionDate: exchangeDate(closed.at), price: closed.price }, now);
      }
      const anchor = anchorDate(legsOf(entry, fills));
      if (anchor === null) continue;
      for (const { horizon, days } of dayHorizons) {
        if (has.has(horizon)) continue;
        const due = horizonDate(anchor, days);
        if (!sessionClosed(due, now - CLOSE_FINAL_AFTER_MS)) continue;
        const list = wanted.get(entry.conId) ?? [];
        list.push({ draftId: entry.draftId, horizon, due, anchor });
        wanted.set(entry.conId, list);
      }
    }
    if (wanted.size === 0 || !session?.isReady) return;
    const today = exchangeDate(now);
    const read = this.options.dailyCloses ?? historyCloses;
    // One request per contract, one at a time: IB paces history requests.
    for (const [conId, wantedHere] of wanted) {
      // A horizon anchored further back than IB serves in days is left unrecorded on its own:
      // it must not widen the window past what IB answers and so starve the contract's newer drafts.
      const needs = wantedHere.filter((need) => calendarDaysBetween(need.anchor, today) + HISTORY_MARGIN_DAYS <= MAX_DAYS);
      if (needs.length === 0) continue;
      const earliest = needs.reduce((first, need) => (need.anchor < first ? need.anchor : first), today);
      const days = calendarDaysBetween(earliest, today) + HISTORY_MARGIN_DAYS;
      // The review opened twice, a reconnect's sync and the timer can all ask within seconds: the same request
      // again that soon is refused by IB, so it waits for a later pass.
      const last = this.askedAt.get(conId);
      if (last !== undefined && this.monotonic() - last < SAME_REQUEST_GAP_MS) continue;
      this.askedAt.set(conId, this.monotonic());
      let closes: DailyClose[];
      try {
        closes = await read(session, conId, days);
      } catch (error) {
        this.options.log.warn('The decision journal could not read history bars', { conId, error: error instanceof Error ? error.message : String(error) });
        continue;
      }
      if (this.stopped) return;
      const at = this.options.now();
      for (const need of needs) {
        // The horizon's own session; when IB has no bar for it, the last session before it that follows the anchor.
        const bar = closes.find((c) => c.date === need.due) ?? [...closes].reverse().find((c) => c.date < need.due && c.date > need.anchor);
        if (!bar) continue;
        try {
          this.repository.recordOutcome(need.draftId, { horizon: need.horizon, sessionDate: bar.date, price: bar.close }, at);
        } catch (error) {
          this.options.log.warn('The decision journal could not record an outcome', { draftId: need.draftId, error: error instanceof Error ? error.message : String(error) });
        }
      }
    }
  }
}

/** What changes when a draft is edited, decided or finished. */
function lookOf(draft: Draft): string {
  return `${draft.version}:${draft.state}:${draft.updatedAt}`;
}

function warned(draft: Draft): boolean {
  return (draft.verdicts ?? []).some((v) => v.outcome === 'warn');
}

/**
 * What one point of the order's price is worth per unit filled, in the
 * contract's currency: the multiplier over IB's price magnifier (an LSE
 * share quoted in pence is worth a hundredth of a pound a point). A draft
 * kept from before drafts carried IB's magnifier has none; its multiplier
 * alone stands, as it did then.
 */
function pointValue(draft: Draft): number {
  return (draft.contract.multiplier ?? 1) / (contractPriceMagnifier(draft.contract) ?? 1);
}
