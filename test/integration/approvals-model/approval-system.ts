import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SubmitStep } from '../../../src/main/approvals/approval-desk';
import { createBackend, type Backend } from '../../../src/main/backend';
import { dispatchCall } from '../../../src/main/ipc/dispatch';
import { riskLimitsSetting } from '../../../src/main/risk/settings';
import type { Store } from '../../../src/main/store/open-store';
import type { CallName } from '../../../src/shared/ipc-contract';
import { defaultRiskLimits, type Draft, type DraftState } from '../../../src/shared/draft';
import type { SessionState } from '../../../src/shared/session';
import { defaultSettings } from '../../../src/shared/settings';
import { startSimGateway, type SimGateway } from '../../../src/sim/index';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';
import { OrderReceipts } from './order-receipts';
import { SecondClient } from '../faults/second-client';

const quietLog = { info: () => {}, warn: () => {}, error: () => {} };

export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** Where a simulated crash stops the backend: between calls, or inside approve() at one of its steps. */
export type CrashPoint = 'between-calls' | SubmitStep;

/**
 * The real system under the model: one backend (replaced on every
 * crash-and-restart) on one data directory, and one simulated gateway that
 * outlives the backends, as IB Gateway outlives a crashed app.
 */
export const OTHER_CLIENT_ID = 5;

export class ApprovalSystem {
  readonly receipts: OrderReceipts;
  private current: Backend;
  private crashPlan: { step: SubmitStep; draftId: string } | undefined;
  private crashed = false;
  /** Connection attempts started by any backend so far: a drop shows here even if the reconnect is quick. */
  connectAttempts = 0;
  /** The backends' wall clock runs this far from the real one (a clock step moves it). */
  wallOffsetMs = 0;
  /** Another API client on the same gateway, once a command connected it. */
  other: SecondClient | undefined;

  private constructor(
    readonly sim: SimGateway,
    readonly dataDirectory: string,
    /** The one clock of the simulated market and of every backend: in trading hours whatever the machine's clock says. */
    readonly clock: TradingHoursClock,
  ) {
    // Stamped on the backend's wall clock, steps included, so "approved before received" compares like with like.
    this.receipts = new OrderReceipts(sim, () => clock.read() + this.wallOffsetMs);
    this.current = this.newBackend();
    // Approvals must reach the broker to be worth modelling: the default
    // order-rate and size limits would block most of them.
    this.store.settings.write(
      riskLimitsSetting,
      { ...defaultRiskLimits, maxOrdersPerMinute: 10_000, maxNotional: 250_000, maxPctNetLiq: 50, maxConcentrationPct: 100 },
      clock.now(),
    );
  }

  static async open(): Promise<ApprovalSystem> {
    const clock = new TradingHoursClock();
    const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 21, clock });
    const system = new ApprovalSystem(sim, mkdtempSync(path.join(os.tmpdir(), 'countersign-model-')), clock);
    await system.current.start();
    await system.settle();
    return system;
  }

  get backend(): Backend {
    return this.current;
  }

  get store(): Store {
    const store = this.current.store;
    if (!store) throw new Error('The backend opened without its store');
    return store;
  }

  get phase(): string {
    return this.current.broker.state()?.phase ?? 'idle';
  }

  draft(id: string): Draft {
    const draft = this.store.drafts.get(id);
    if (!draft) throw new Error(`Draft ${id} vanished from the store`);
    return draft;
  }

  draftsIn(states: readonly DraftState[]): Draft[] {
    return this.store.drafts.listByStates(states);
  }

  /** A call exactly as the renderer makes it: through the contract's dispatcher. */
  async call(name: CallName, payload?: unknown): Promise<CallOutcome> {
    return (await dispatchCall(this.current.handlers, name, payload, quietLog)) as CallOutcome;
  }

  /** Trading state as the receipts see it: set only once the halt is on disk, cleared before resuming. */
  markHalted(halted: boolean): void {
    this.receipts.halted = halted;
  }

  /**
   * Waits until the session is ready (or lost, after a 1100) and then until no
   * draft is left in submitting: every approval has been acknowledged,
   * reconciled or sent for review.
   */
  async settle(): Promise<void> {
    await waitFor(() => this.phase === 'ready' || this.phase === 'lost', `the session to be ready or lost (it is ${this.phase})`, 15_000);
    if (this.phase !== 'ready') return;
    await waitFor(
      () => this.phase !== 'ready' || this.draftsIn(['submitting']).length === 0,
      `no draft left in submitting once the session is ready (left: ${this.draftsIn(['submitting']).map((d) => d.id).join(', ')})`,
      8_000,
    );
  }

  /**
   * Kills the backend the way a crash would: the gateway socket drops with
   * whatever was queued unsent, and no code after the crash point runs (the
   * step hook throws). Optionally the crash happens inside approve() at a
   * given step. Then a new backend opens the same data directory against the
   * same gateway.
   */
  async crashAndRestart(point: CrashPoint, draftToApprove: Draft | undefined): Promise<CallOutcome | undefined> {
    let approval: CallOutcome | undefined;
    if (point !== 'between-calls' && draftToApprove) {
      this.crashPlan = { step: point, draftId: draftToApprove.id };
      approval = await this.call('approveDraft', { id: draftToApprove.id, version: draftToApprove.version });
      // The approval ended before the planned step (refused, or a send that failed): crash now.
      if (!this.crashed) this.die();
      this.crashPlan = undefined;
    } else {
      this.die();
    }
    await this.current.stop();
    const clientId = defaultSettings.connection.clientId;
    // The OS closes a dead process's socket before anyone restarts it; a new
    // session racing the old one would be told its client id is in use.
    await waitFor(() => !this.sim.connectedClientIds().includes(clientId), 'the gateway to notice the crashed session');
    this.crashed = false;
    this.current = this.newBackend();
    await this.current.start();
    return approval;
  }

  /** Another API client on the gateway (client id 5), with its own order ids. */
  async otherClient(): Promise<SecondClient> {
    if (!this.other) {
      this.receipts.foreignClientIds.add(OTHER_CLIENT_ID);
      this.other = await SecondClient.connect(this.sim.host, this.sim.port, OTHER_CLIENT_ID);
    }
    return this.other;
  }

  async close(): Promise<void> {
    this.other?.close();
    this.receipts.close();
    await this.current.stop();
    await this.sim.close();
    rmSync(this.dataDirectory, { recursive: true, force: true });
  }

  private die(): void {
    this.crashed = true;
    void this.current.broker.current?.stop();
  }

  private onSubmitStep(step: SubmitStep, draftId: string): void {
    const plan = this.crashPlan;
    if (!plan || plan.step !== step || plan.draftId !== draftId) return;
    this.die();
    throw new Error(`Simulated crash at ${step}`);
  }

  private newBackend(): Backend {
    const backend = createBackend({
      dataDirectory: this.dataDirectory,
      host: 'harness',
      version: 'model-test',
      log: quietLog,
      now: () => this.clock.read() + this.wallOffsetMs,
      sessionOverrides: { heartbeatIntervalMs: 500, heartbeatTimeoutMs: 1500, backoff: { initialMs: 50, maxMs: 200 } },
      startDemoGateway: async () => ({ host: this.sim.host, port: this.sim.port, close: async () => {} }),
    });
    // The backend's own diagnostics of the submission: a planned crash happens at its step.
    backend.diagnostics.on('submitStep', (step, draftId) => this.onSubmitStep(step, draftId));
    backend.events.subscribe((name, payload) => {
      if (name === 'sessionState' && (payload as SessionState).phase === 'connecting') this.connectAttempts += 1;
    });
    return backend;
  }
}
