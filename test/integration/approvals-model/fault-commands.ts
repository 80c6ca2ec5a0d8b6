import { OrderAction, OrderType } from '@stoqey/ib';
import type { Draft } from '../../../src/shared/draft';
import { waitFor } from '../../support/wait';
import type { ApprovalSystem, CrashPoint } from './approval-system';
import { expectThat, pickForApproval, settleAndCheck, type QueueCommand, type QueueModel } from './queue-commands';

/** The gateway drops the socket; optionally the person approves in the same instant, before the app notices. */
export class DisconnectCommand implements QueueCommand {
  constructor(readonly approvePick: number | undefined) {}

  check(): boolean {
    return true;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    const attempts = system.connectAttempts;
    system.sim.faults.dropConnections();
    if (this.approvePick !== undefined && model.drafts.length > 0) {
      const draft = system.draft(pickForApproval(model, system, this.approvePick));
      await system.call('approveDraft', { id: draft.id, version: draft.version });
    }
    await waitFor(() => system.connectAttempts > attempts, 'the session to notice the drop and reconnect');
    await settleAndCheck(system, model);
  }

  toString(): string {
    return this.approvePick === undefined ? 'disconnect' : `disconnect+approve(#${this.approvePick})`;
  }
}

/** 1100: IB lost its link; approvals pause until 1101/1102. */
export class ConnectivityLostCommand implements QueueCommand {
  check(model: Readonly<QueueModel>): boolean {
    return !model.lost;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    system.sim.faults.connectivityLost();
    model.lost = true;
    await waitFor(() => system.phase === 'lost', 'the session to report the lost connectivity');
    await settleAndCheck(system, model);
  }

  toString(): string {
    return '1100';
  }
}

/** 1101 (subscriptions lost) or 1102 (kept). */
export class ConnectivityRestoredCommand implements QueueCommand {
  constructor(readonly dataKept: boolean) {}

  check(model: Readonly<QueueModel>): boolean {
    return model.lost;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    system.sim.faults.connectivityRestored(this.dataKept);
    model.lost = false;
    await waitFor(() => system.phase === 'ready', 'the session to be ready after the restore');
    await settleAndCheck(system, model);
  }

  toString(): string {
    return this.dataKept ? '1102' : '1101';
  }
}

/** The broker refuses the next order (201), and the person approves a draft. */
export class BrokerRejectCommand implements QueueCommand {
  constructor(readonly pick: number) {}

  check(model: Readonly<QueueModel>): boolean {
    return model.drafts.length > 0;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    system.sim.faults.rejectNextOrder('Simulated: the broker refused this order');
    const id = pickForApproval(model, system, this.pick);
    const before = system.draft(id);
    const outcome = await system.call('approveDraft', { id, version: before.version });
    await settleAndCheck(system, model);
    if (outcome.ok && (outcome.value as Draft).state === 'submitting' && system.phase === 'ready') {
      await waitFor(() => system.draft(id).state === 'broker_rejected', `draft ${id}, refused by the broker, to be broker-rejected (it is ${system.draft(id).state})`, 5_000);
    }
  }

  toString(): string {
    return `broker-rejects-next+approve(#${this.pick})`;
  }
}

/** Moves the price just through a working limit order's limit, so it fills; false when the draft has no limit or contract. */
function gapThroughLimit(system: ApprovalSystem, draft: Draft): boolean {
  const limit = draft.order.limitPrice;
  if (limit === undefined || draft.contract.conId === undefined) return false;
  system.sim.engine.gap(draft.contract.conId, Math.round((draft.order.side === 'BUY' ? limit * 0.995 : limit * 1.005) * 100) / 100);
  return true;
}

/** The price gaps through a working limit order, so it fills (in part when the displayed size is short). */
export class FillCommand implements QueueCommand {
  constructor(readonly pick: number) {}

  check(model: Readonly<QueueModel>): boolean {
    return model.drafts.length > 0;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    const working = system.draftsIn(['working', 'partially_filled']).filter((d) => d.order.orderType === 'LMT' && d.contract.conId);
    const target = working[this.pick % Math.max(1, working.length)];
    if (target && gapThroughLimit(system, target)) {
      if (system.phase === 'ready') {
        await waitFor(
          () => {
            const now = system.draft(target.id);
            return now.filledQty > target.filledQty || now.state !== target.state;
          },
          `draft ${target.id} to record a fill after the price went through its limit`,
          5_000,
        );
      }
    }
    await settleAndCheck(system, model);
  }

  toString(): string {
    return `fill(#${this.pick})`;
  }
}

/** The app dies (between calls, or inside approve() at a step) and starts again on the same data. */
export class CrashRestartCommand implements QueueCommand {
  constructor(
    readonly point: CrashPoint,
    readonly pick: number,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    const draft = this.point !== 'between-calls' && model.drafts.length > 0 ? system.draft(pickForApproval(model, system, this.pick)) : undefined;
    await system.crashAndRestart(this.point, draft);
    await settleAndCheck(system, model);
    if (draft) {
      const after = system.draft(draft.id);
      expectThat(after.state !== 'submitting', `draft ${draft.id} not to stay submitting after the restart`);
    }
  }

  toString(): string {
    return this.point === 'between-calls' ? 'crash+restart' : `crash-at-${this.point}+restart(#${this.pick})`;
  }
}

/** Another API client places an order with one of our order ids (sometimes copying our orderRef too); it fills at once. */
export class CollidingClientCommand implements QueueCommand {
  constructor(
    readonly pick: number,
    readonly copyRef: boolean,
  ) {}

  check(model: Readonly<QueueModel>): boolean {
    return model.drafts.length > 0;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    const placed = model.drafts.map((id) => system.draft(id)).filter((d) => d.orderId !== undefined);
    const target = placed[this.pick % Math.max(1, placed.length)];
    if (target?.orderId !== undefined) {
      const other = await system.otherClient();
      other.place(target.orderId, 'MSFT', {
        action: OrderAction.BUY,
        totalQuantity: 1,
        orderType: OrderType.MKT,
        ...(this.copyRef ? { orderRef: target.id } : {}),
      });
      // The other client's answer, if the gateway gives one in time; ours must not change either way.
      await waitFor(() => other.answered(target.orderId!), "the gateway's answer to the other client", 3_000).catch(() => undefined);
    }
    await settleAndCheck(system, model);
  }

  toString(): string {
    return `other-client-uses-our-id${this.copyRef ? '+orderRef' : ''}(#${this.pick})`;
  }
}

/** The Gateway restarts without its working orders and with its order-id counter back at 1. */
export class GatewayRestartCommand implements QueueCommand {
  check(): boolean {
    return true;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    const attempts = system.connectAttempts;
    system.sim.faults.restartForgettingOrders();
    model.lost = false;
    await waitFor(() => system.connectAttempts > attempts, 'the session to notice the restart and reconnect');
    await settleAndCheck(system, model);
  }

  toString(): string {
    return 'gateway-restart-losing-orders';
  }
}

/** The wall clock steps (NTP, a resumed laptop): backwards more often than not. */
export class ClockStepCommand implements QueueCommand {
  constructor(readonly stepMs: number) {}

  check(): boolean {
    return true;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    system.wallOffsetMs += this.stepMs;
    await settleAndCheck(system, model);
  }

  toString(): string {
    return `clock-step(${Math.round(this.stepMs / 1000)} s)`;
  }
}

/** The database starts refusing writes (disk full); an approval is tried and a working order fills meanwhile; then the disk is back. */
export class StoreFailureCommand implements QueueCommand {
  constructor(readonly pick: number) {}

  check(): boolean {
    return true;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    const db = system.store.db;
    const pending = system.draftsIn(['pending']);
    const working = system.draftsIn(['working', 'partially_filled']).filter((d) => d.order.orderType === 'LMT' && d.contract.conId !== undefined);
    db.pragma('query_only = ON');
    try {
      const candidate = pending[this.pick % Math.max(1, pending.length)];
      if (candidate) {
        const outcome = await system.call('approveDraft', { id: candidate.id, version: candidate.version });
        expectThat(!outcome.ok, `an approval to be refused while the database refuses writes (draft ${candidate.id})`);
      }
      const gapped = working[this.pick % Math.max(1, working.length)];
      if (gapped) gapThroughLimit(system, gapped);
    } finally {
      db.pragma('query_only = OFF');
    }
    await waitFor(() => system.backend.desk?.view().storeProblems === undefined, 'every refused write to be recorded once the disk is back', 15_000);
    await settleAndCheck(system, model);
  }

  toString(): string {
    return `store-refuses-writes(#${this.pick})`;
  }
}
