import type { Draft } from '../../shared/draft';
import { draftIdFromOrderRef } from '../broker/ib-order';

/** What the broker says about one order (an open order, a status or an execution). */
export interface BrokerOrderFacts {
  clientId: number;
  orderId: number;
  orderRef: string;
  /** 0 when the message does not carry it. */
  conId: number;
}

/**
 * Whether an order the broker reports is one this draft placed. IB's order
 * ids are per API client, so another client (or TWS itself as client 0) can
 * have an order 7 of its own: an order is ours only when its client id is the
 * one we placed it with, the order id is one our ledger reserved for this
 * draft, its orderRef names the draft, and its contract is the draft's.
 * Anything less is never linked to a draft.
 */
export function orderBelongsTo(
  draft: Draft,
  facts: BrokerOrderFacts,
  ledgerDraftId: (orderId: number) => string | null,
  sessionClientId: number,
): boolean {
  if (draftIdFromOrderRef(facts.orderRef) !== draft.id) return false;
  // Drafts approved before the client id was recorded were placed by the session's client.
  const placedBy = draft.clientId ?? sessionClientId;
  if (facts.clientId !== placedBy) return false;
  if (ledgerDraftId(facts.orderId) !== draft.id) return false;
  if (draft.contract.conId && facts.conId && facts.conId !== draft.contract.conId) return false;
  return true;
}
