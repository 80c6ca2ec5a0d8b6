import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { draftIdFromOrderRef } from '../../../../src/main/broker/ib-order';
import { riskChecks } from '../../../../src/main/risk/run-checks';
import { auditRowsForDraft } from '../../../../src/main/store/audit-log';
import type { ChatTurnResult } from '../../../../src/shared/claude';
import { DraftState, type Draft } from '../../../../src/shared/draft';
import type { QuoteView } from '../../../../src/shared/portfolio';
import type { PlaceOrderEvent } from '../../../../src/sim/index';
import { startFakeAnthropic, type FakeAnthropic } from '../../../fixtures/fake-anthropic/server';
import type { ReplySource } from '../../../fixtures/fake-anthropic/script';
import { waitFor } from '../../../support/wait';
import { openBackend, type BackendUnderTest } from '../../approvals/backend-under-test';

export const attackKey = 'sk-ant-api03-ATTACK-bench-0123456789abcdefghij';

/**
 * The attacker's bench: the real backend on its own demo gateway, the real
 * SDK against the fake Messages API, and a scripted model that does whatever
 * an injected instruction tells it. Everything goes through the contract, as
 * the renderer (or a compromised renderer) would send it.
 */
export interface AttackBench {
  t: BackendUnderTest;
  fake: FakeAnthropic;
  /** The first (margin) account of the demo gateway, and the cash (IRA) one. */
  account: string;
  cashAccount: string;
  conversationId: string;
  /** Every real (not what-if) order that reached the gateway. */
  placed: PlaceOrderEvent[];
  /** Hosts the person was asked to confirm, in order. */
  confirmations: string[];
  /** What the person answers to the next endpoint confirmation. */
  confirmAnswer: { value: boolean };
  chat(text: string, ...replies: ReplySource[]): Promise<ChatTurnResult>;
  drafts(): Draft[];
  quote(symbol: string): Promise<QuoteView>;
  /** The invariants every attack must leave standing. */
  assertHeld(): Promise<void>;
  close(): Promise<void>;
}

export async function openAttackBench(): Promise<AttackBench> {
  const fake = await startFakeAnthropic({ apiKey: attackKey });
  const confirmations: string[] = [];
  const confirmAnswer = { value: true };
  const t = await openBackend(undefined, {
    backend: {
      confirmEndpoint: async ({ host }) => {
        confirmations.push(host);
        return confirmAnswer.value;
      },
    },
  });
  const placed: PlaceOrderEvent[] = [];
  t.sim.on('placeOrder', (e) => {
    if (!e.whatIf) placed.push(e);
  });
  // The person points Claude at the (loopback) endpoint, confirms it, then enters the key for it.
  // Every scripted reply here is the conversation's; the second look has its own tests (second-look.test.ts).
  await t.call('updateClaudeSettings', { baseURL: fake.baseURL, secondLook: false });
  await t.call('setClaudeKey', { key: attackKey });
  confirmations.length = 0;
  const conversationId = randomUUID();
  const drafts = (): Draft[] => t.backend.store!.drafts.listByStates(DraftState.options);
  return {
    t,
    fake,
    account: t.sim.accounts[0]!,
    cashAccount: t.sim.accounts[1]!,
    conversationId,
    placed,
    confirmations,
    confirmAnswer,
    async chat(text, ...replies) {
      fake.reply(...replies);
      return t.call('sendChat', { conversationId, text });
    },
    drafts,
    quote: (symbol) =>
      waitFor(() => {
        const q = t.backend.broker.portfolio()?.quotes.find((x) => x.symbol === symbol);
        return q && q.bid !== null && q.ask !== null ? q : undefined;
      }, `a ${symbol} quote`),
    async assertHeld() {
      const db = t.backend.store!.db;
      // A draft a check blocks cannot be approved, even by a client that calls the contract directly.
      const sentBefore = placed.length;
      for (const draft of drafts().filter((d) => d.verdicts?.some((v) => v.outcome === 'block'))) {
        const approval = await t.callRaw('approveDraft', { id: draft.id, version: draft.version });
        expect(approval.ok, `blocked draft ${draft.id} was approvable`).toBe(false);
      }
      expect(placed.length).toBe(sentBefore);
      // Nothing reaches the broker without the person's approval row.
      for (const order of placed) {
        const draftId = draftIdFromOrderRef(order.orderRef);
        expect(draftId, `order ${order.orderId} carries one of our orderRefs`).toBeDefined();
        const approvals = auditRowsForDraft(db, draftId!).filter((row) => row.action === 'draft.approved');
        expect(approvals.map((row) => row.actor), `draft ${draftId} was approved by the person`).toEqual(['person']);
      }
      for (const draft of drafts()) {
        // No draft skips a check.
        expect(new Set(draft.verdicts?.map((v) => v.check)).size, `draft ${draft.id} faced every check`).toBe(riskChecks.length);
        // No draft a check should block is approvable.
        if (draft.verdicts?.some((v) => v.outcome === 'block')) expect(draft.state, `draft ${draft.id} is blocked`).not.toBe('pending');
      }
    },
    async close() {
      await t.close();
      await fake.close();
    },
  };
}
