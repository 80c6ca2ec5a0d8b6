import { draftIdFromOrderRef } from '../../../src/main/broker/ib-order';
import { auditRowsBetween, verifyAuditChain, type AuditRow } from '../../../src/main/store/audit-log';
import type { Draft } from '../../../src/shared/draft';
import { defaultSettings } from '../../../src/shared/settings';
import type { ApprovalSystem } from './approval-system';
import { orderKey } from './order-receipts';

const ROLE_OFFSET: Record<string, number> = { '': 0, tp: 1, sl: 2 };

/**
 * The safety properties of the approval queue, judged from what the gateway
 * received and what the audit log holds. Throws on the first one broken,
 * saying which and for what.
 */
export function checkInvariants(system: ApprovalSystem): void {
  const db = system.store.db;
  const chain = verifyAuditChain(db);
  if (!chain.ok) fail(`the audit chain does not verify: ${chain.problem} (row ${chain.firstBadSeq})`);

  const rows = auditRowsBetween(db, 0, Number.MAX_SAFE_INTEGER);
  const approvals = new Map<string, AuditRow[]>();
  // Each version's content as the log recorded it when the draft was created or edited.
  const versions = new Map<string, Draft>();
  for (const row of rows) {
    const recorded = row.details['draft'] as Draft | undefined;
    if (row.draftId && recorded) versions.set(`${row.draftId}@${recorded.version}`, recorded);
    if (row.action !== 'draft.approved' || !row.draftId) continue;
    approvals.set(row.draftId, [...(approvals.get(row.draftId) ?? []), row]);
  }
  for (const [draftId, list] of approvals) {
    if (list.length > 1) fail(`draft ${draftId} was approved ${list.length} times (audit rows ${list.map((r) => r.seq).join(', ')})`);
  }

  const seenRefs = new Set<string>();
  const seenIds = new Set<string>();
  for (const receipt of system.receipts.received) {
    if (seenRefs.has(receipt.orderRef)) fail(`the broker received orderRef ${receipt.orderRef} more than once`);
    seenRefs.add(receipt.orderRef);
    const key = orderKey(receipt.clientId, receipt.orderId);
    if (seenIds.has(key)) fail(`the broker received order id ${receipt.orderId} (client ${receipt.clientId}) more than once`);
    seenIds.add(key);
    if (receipt.whileHalted) fail(`order ${receipt.orderId} (${receipt.orderRef}) reached the broker while trading was halted`);

    const draftId = draftIdFromOrderRef(receipt.orderRef);
    if (!draftId) fail(`order ${receipt.orderId} reached the broker with an orderRef that names no draft: "${receipt.orderRef}"`);
    const approval = approvals.get(draftId)?.[0];
    if (!approval) fail(`order ${receipt.orderId} (${receipt.orderRef}) reached the broker with no draft.approved row in the audit log`);
    if (approval.at > receipt.receivedAtMs) fail(`order ${receipt.orderId} reached the broker before its approval row was written`);
    const approvedId = Number(approval.details['orderId']);
    const role = receipt.orderRef.slice(draftId.length + 1);
    if (receipt.orderId !== approvedId + (ROLE_OFFSET[role] ?? Number.NaN)) {
      fail(`order ${receipt.orderId} (${receipt.orderRef}) does not carry the order id approved for it (${approvedId})`);
    }
    const approved = versions.get(`${draftId}@${String(approval.details['version'])}`);
    if (!approved) fail(`the audit log holds no content for version ${String(approval.details['version'])} of draft ${draftId}, which was approved`);
    const booked = system.receipts.booked.get(key);
    // A parent order the broker refused (error 201) is never booked: nothing to compare.
    if (booked && role === '') {
      const side = approved.order.side;
      const limitDiffers = approved.order.orderType === 'LMT' && booked.limitPrice !== approved.order.limitPrice;
      if (booked.action !== side || booked.quantity !== approved.order.quantity || limitDiffers) {
        fail(
          `the broker booked ${booked.action} ${booked.quantity} ${booked.orderType} ${booked.limitPrice ?? ''} for draft ${draftId}, ` +
            `but version ${approved.version} approved ${side} ${approved.order.quantity} ${approved.order.orderType} ${approved.order.limitPrice ?? ''}`,
        );
      }
    }
  }

  // No draft shows a fill its own order did not have: what the gateway executed
  // for our client id under the draft's orderRef covers every filled share.
  const ourClientId = defaultSettings.connection.clientId;
  const executed = new Map<string, number>();
  for (const fill of system.sim.engine.executions({ clientId: ourClientId })) {
    const ref = fill.execution.orderRef ?? '';
    executed.set(ref, (executed.get(ref) ?? 0) + Number(fill.execution.shares ?? 0));
  }
  for (const draft of system.store.drafts.listByStates(['working', 'partially_filled', 'filled', 'cancelled', 'needs_review', 'broker_rejected'])) {
    const had = executed.get(draft.id) ?? 0;
    if (draft.filledQty > had) fail(`draft ${draft.id} shows ${draft.filledQty} filled, but its own order was executed for ${had}`);
  }

  // The log itself must show no approval between a halt and the next switch back on.
  let halted = false;
  for (const row of rows) {
    if (row.action === 'trading.halted') halted = true;
    else if (row.action === 'trading.state_changed') halted = row.details['state'] === 'halted';
    else if (row.action === 'draft.approved' && halted) fail(`draft ${row.draftId} was approved while trading was halted (audit row ${row.seq})`);
  }
}

function fail(message: string): never {
  throw new Error(`Invariant broken: ${message}`);
}
