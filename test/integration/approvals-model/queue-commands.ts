import type fc from 'fast-check';
import type { Draft } from '../../../src/shared/draft';
import { waitFor } from '../../support/wait';
import type { ApprovalSystem, CallOutcome } from './approval-system';
import { checkInvariants } from './invariants';
import { describeTicket, ticketText, type TicketSpec } from './ticket';

/** What the model knows without asking the system: which drafts exist and the switches the person set. */
export interface QueueModel {
  drafts: string[];
  halted: boolean;
  /** Between a 1100 and its 1101/1102. */
  lost: boolean;
}

export type QueueCommand = fc.AsyncCommand<QueueModel, ApprovalSystem>;

/** A draft chosen by the generated index, so shrinking keeps the choice stable. */
export function pickDraft(model: QueueModel, pick: number): string {
  const id = model.drafts[pick % model.drafts.length];
  if (id === undefined) throw new Error('No draft to pick');
  return id;
}

/**
 * A draft for an approval: a pending one when there is any (so that orders
 * do reach the broker), otherwise any draft (whose approval must be refused).
 */
export function pickForApproval(model: QueueModel, system: ApprovalSystem, pick: number): string {
  const pending = model.drafts.filter((id) => system.draft(id).state === 'pending');
  return pending.length > 0 ? pickDraft({ ...model, drafts: pending }, pick) : pickDraft(model, pick);
}

export function expectThat(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`Expected: ${message}`);
}

const describeOutcome = (outcome: CallOutcome): string => (outcome.ok ? 'ok' : `${outcome.error.code}: ${outcome.error.message}`);

/** Every command ends here: wait for the system to come to rest, then judge it. */
export async function settleAndCheck(system: ApprovalSystem, model: QueueModel): Promise<void> {
  await system.settle();
  checkInvariants(system);
  if (system.phase !== 'ready') return;
  // Approved but never received by the broker: once settled, the person must be asked (never re-sent).
  for (const id of model.drafts) {
    const draft = system.draft(id);
    if (draft.orderId === undefined || system.receipts.receivedFor(id).length > 0) continue;
    expectThat(draft.state === 'needs_review', `draft ${id}, approved but never received by the broker, to be in needs review (it is ${draft.state})`);
  }
}

export class DraftCommand implements QueueCommand {
  constructor(readonly spec: TicketSpec) {}

  check(): boolean {
    return true;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    const quote = system.backend.broker.portfolio()?.quotes.find((q) => q.symbol === this.spec.symbol);
    const text = ticketText(this.spec, quote);
    const readyBefore = system.phase === 'ready';
    const outcome = await system.call('draftFromTicket', { text, account: system.sim.accounts[this.spec.account] });
    if (outcome.ok) {
      const draft = outcome.value as Draft;
      model.drafts.push(draft.id);
      expectThat(draft.state === 'pending' || draft.state === 'blocked', `a new draft to be pending or blocked, not ${draft.state}`);
      if (model.halted) expectThat(draft.state === 'blocked', `a draft made while halted to be blocked, not ${draft.state}`);
    } else {
      expectThat(!readyBefore || system.phase !== 'ready', `"${text}" to be drafted while the session is ready (${describeOutcome(outcome)})`);
    }
    await settleAndCheck(system, model);
  }

  toString(): string {
    return `draft(${describeTicket(this.spec)})`;
  }
}

export class ApproveCommand implements QueueCommand {
  constructor(
    readonly pick: number,
    readonly stale: boolean,
  ) {}

  check(model: Readonly<QueueModel>): boolean {
    return model.drafts.length > 0;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    // A stale approval needs a draft that has been edited at least once.
    const edited = model.drafts.filter((draftId) => system.draft(draftId).version > 1);
    const id = this.stale && edited.length > 0 ? pickDraft({ ...model, drafts: edited }, this.pick) : pickForApproval(model, system, this.pick);
    const before = system.draft(id);
    const version = this.stale && before.version > 1 ? before.version - 1 : before.version;
    const outcome = await system.call('approveDraft', { id, version });
    if (version !== before.version) {
      expectThat(!outcome.ok && outcome.error.code === 'conflict', `approving stale version ${version} of ${id} to be refused as a conflict (${describeOutcome(outcome)})`);
      const after = system.draft(id);
      expectThat(after.version === before.version && (before.state !== 'pending' || after.state === 'pending'), `a refused stale approval to leave ${id} as it was`);
    }
    if (model.halted) expectThat(!outcome.ok, `an approval while halted to be refused (${describeOutcome(outcome)})`);
    if (before.state !== 'pending') expectThat(!outcome.ok, `approving a ${before.state} draft to be refused`);
    if (outcome.ok) {
      const state = (outcome.value as Draft).state;
      expectThat(state === 'submitting' || state === 'needs_review', `an approved draft to be submitting (or in review after a failed send), not ${state}`);
    }
    await settleAndCheck(system, model);
    if (!outcome.ok && system.draft(id).orderId === undefined) {
      expectThat(system.receipts.receivedFor(id).length === 0, `no order for ${id}, whose approval was refused`);
    }
  }

  toString(): string {
    return `approve(#${this.pick}${this.stale ? ', stale version' : ''})`;
  }
}

export class RejectCommand implements QueueCommand {
  constructor(readonly pick: number) {}

  check(model: Readonly<QueueModel>): boolean {
    return model.drafts.length > 0;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    const id = pickDraft(model, this.pick);
    const before = system.draft(id);
    const outcome = await system.call('rejectDraft', { id, version: before.version, reason: 'Changed my mind' });
    const rejectable = before.state === 'pending' || before.state === 'blocked' || before.state === 'drafted';
    expectThat(outcome.ok === rejectable, `rejecting a ${before.state} draft to ${rejectable ? 'succeed' : 'be refused'} (${describeOutcome(outcome)})`);
    if (outcome.ok) expectThat(system.draft(id).state === 'rejected', `${id} to be rejected`);
    await settleAndCheck(system, model);
  }

  toString(): string {
    return `reject(#${this.pick})`;
  }
}

export class EditCommand implements QueueCommand {
  constructor(
    readonly pick: number,
    readonly quantityChange: number,
  ) {}

  check(model: Readonly<QueueModel>): boolean {
    return model.drafts.length > 0;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    const id = pickDraft(model, this.pick);
    const before = system.draft(id);
    const quantity = Math.max(1, before.order.quantity + this.quantityChange);
    const outcome = await system.call('editDraft', { id, version: before.version, quantity });
    const editable = before.state === 'pending' || before.state === 'blocked';
    if (!editable) expectThat(!outcome.ok, `editing a ${before.state} draft to be refused`);
    if (outcome.ok) {
      const after = outcome.value as Draft;
      expectThat(after.version === before.version + 1, `an edit to make version ${before.version + 1}, not ${after.version}`);
      expectThat(after.state === 'pending' || after.state === 'blocked', `an edited draft to be pending or blocked, not ${after.state}`);
      if (model.halted) expectThat(after.state === 'blocked', 'a draft edited while halted to be blocked');
    } else if (editable) {
      expectThat(outcome.error.code !== 'internal', `editing ${id} to fail only for a reason the person is told (${describeOutcome(outcome)})`);
    }
    await settleAndCheck(system, model);
  }

  toString(): string {
    return `edit(#${this.pick}, quantity ${this.quantityChange >= 0 ? '+' : ''}${this.quantityChange})`;
  }
}

export class HaltCommand implements QueueCommand {
  check(): boolean {
    return true;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    const ready = system.phase === 'ready';
    const outcome = await system.call('haltTrading', undefined);
    expectThat(outcome.ok, `halting to succeed (${describeOutcome(outcome)})`);
    system.markHalted(true);
    model.halted = true;
    if (ready) {
      // The global cancel reaches every order at the broker: nothing the person approved keeps working.
      await waitFor(
        () => system.phase !== 'ready' || system.draftsIn(['working', 'partially_filled']).length === 0,
        'every working order to be cancelled after the halt',
        5_000,
      );
    }
    await settleAndCheck(system, model);
  }

  toString(): string {
    return 'halt';
  }
}

export class ResumeCommand implements QueueCommand {
  check(model: Readonly<QueueModel>): boolean {
    return model.halted;
  }

  async run(model: QueueModel, system: ApprovalSystem): Promise<void> {
    system.markHalted(false);
    const outcome = await system.call('setTradingState', { state: 'active' });
    expectThat(outcome.ok, `switching trading back on to succeed (${describeOutcome(outcome)})`);
    model.halted = false;
    await settleAndCheck(system, model);
  }

  toString(): string {
    return 'resume';
  }
}
