import type { DraftState } from '../../../src/shared/draft';
import type { SubmitStep } from '../../../src/main/approvals/approval-desk';

/**
 * The messages between the crash test and its backend child (over Node's
 * child-process IPC channel). The simulator lives in the parent, so what the
 * broker received survives every crash of the child.
 */
export type CrashStep = SubmitStep | 'none';

export interface CrashPoint {
  step: CrashStep;
  /** Which occurrence of the step dies: a bracket passes 'order-sent' once per placement. */
  occurrence: number;
}

export interface ChildConfig {
  dataDirectory: string;
  host: string;
  port: number;
  crash: CrashPoint;
  /** The parent's test clock (the simulator's) when the child was spawned: the child's backend runs on the same time. */
  clockAtSpawn: number;
}

export interface DraftRow {
  id: string;
  version: number;
  state: DraftState;
  orderId: number | null;
  filledQty: number;
  brokerMessage: string | null;
}

/** What the child sees after restarting on the data directory, once the session synced and reconciled. */
export interface ChildView {
  integrity: string[];
  auditChainOk: boolean;
  drafts: DraftRow[];
  /** Draft ids with a `draft.approved` audit row: the only drafts that may have reached the broker. */
  approvedDraftIds: string[];
}

export type ParentCommand =
  | { type: 'submit'; text: string; account: string; rejectFirst: string[] }
  | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; view: ChildView; startup: { loadedMs: number; syncedMs: number } }
  | { type: 'drafted'; draft: DraftRow; blocks: string[] }
  | { type: 'approved'; draft: DraftRow }
  | { type: 'settled'; draft: DraftRow }
  | { type: 'failed'; message: string }
  | { type: 'stopped' };
