import { afterEach, describe, expect, it } from 'vitest';
import { auditRowsBetween } from '../../../src/main/store/audit-log';
import type { QueueView } from '../../../src/shared/queue';
import { startFakeAnthropic, type FakeAnthropic } from '../../fixtures/fake-anthropic/server';
import { apiError, text, toolCall, type RecordedRequest, type ReplySource, type ScriptedReply } from '../../fixtures/fake-anthropic/script';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from './backend-under-test';

const KEY = 'sk-ant-api03-second-look-0123456789abcdef';
const CONVERSATION = '7c2e4b9a-1d3f-4e8a-9b6c-5a4d3e2f1b0c';
// Words that exist only in the drafting conversation: none may reach the second look.
const ASKED = 'Should I add to Apple before the keynote? PRIVATE-ASK-7731';
const SAID = 'Let me look at your positions first. CONVERSATION-ONLY-4410';
const THESIS = 'Adding to Apple just under the ask.';
const COUNTER = { case_against: 'AAPL is already the largest holding; adding raises concentration before an event.', wrong_if: 'The keynote passes quietly and the position stays under the limit.', confidence_pct: 55 };

const isSecondLook = (request: RecordedRequest): boolean => JSON.stringify(request.body.tool_choice ?? null).includes('give_counter_case');

/**
 * The two kinds of request reach the fake in either order (the second look
 * runs beside the turn): each is answered from its own script.
 */
function replyByKind(fake: FakeAnthropic, chat: ReplySource[], secondLook: () => ScriptedReply): void {
  const pick = (request: RecordedRequest): ScriptedReply => {
    if (isSecondLook(request)) return secondLook();
    const next = chat.shift();
    if (next === undefined) return apiError(500, { message: 'no chat reply scripted' });
    return typeof next === 'function' ? next(request) : next;
  };
  fake.reply(...Array.from({ length: chat.length + 6 }, () => pick));
}

describe('the second look, through the contract, the real SDK and a fake Messages API', () => {
  let t: BackendUnderTest | undefined;
  let fake: FakeAnthropic | undefined;
  afterEach(async () => {
    await t?.close();
    await fake?.close();
    t = undefined;
    fake = undefined;
  });

  async function start(settings: Record<string, unknown> = {}): Promise<{ account: string }> {
    t = await openBackend(undefined, { backend: { confirmEndpoint: async () => true } });
    fake = await startFakeAnthropic({ apiKey: KEY });
    await t.call('updateClaudeSettings', { baseURL: fake.baseURL, ...settings });
    await t.call('setClaudeKey', { key: KEY });
    return { account: t.sim.accounts[0]! };
  }

  const draftOrder = (account: string) =>
    toolCall('draft_order', { account, symbol: 'AAPL', sec_type: 'STK', side: 'BUY', quantity: 10, order_type: 'MKT', thesis: THESIS, risks: ['The price can keep falling.'] });
  // The queue as the renderer gets it (the handler answers at once, so the wait can read it every turn).
  const look = (draftId: string) => (t!.backend.handlers.getQueue(undefined as never) as QueueView).secondLooks?.[draftId];
  const settledLook = (draftId: string) =>
    waitFor(() => {
      const current = look(draftId);
      return current && current.state !== 'running' ? current : undefined;
    }, 'the second look to settle');

  it('is a separate request with the draft and the account facts and none of the drafting conversation; its answer is shown and costed', async () => {
    const { account } = await start();
    const statusBefore = await t!.call('getClaudeStatus');
    expect(statusBefore.settings.secondLook).toBe(true);
    expect(statusBefore.month.requests).toBe(0);
    replyByKind(fake!, [toolCall('get_portfolio', { account }, SAID), draftOrder(account), text('I drafted a market buy of 10 AAPL. It waits for you.')], () => toolCall('give_counter_case', COUNTER));

    const turn = await t!.call('sendChat', { conversationId: CONVERSATION, text: ASKED });
    expect(turn.status).toBe('complete');
    const draftId = turn.draftIds[0]!;
    const shown = await settledLook(draftId);
    expect(shown).toMatchObject({
      state: 'done',
      draftVersion: 1,
      counterCase: { caseAgainst: COUNTER.case_against, wrongIf: COUNTER.wrong_if, confidencePct: 55 },
    });

    const seconds = fake!.requests.filter(isSecondLook);
    expect(seconds).toHaveLength(1);
    const chats = fake!.requests.filter((r) => !isSecondLook(r));
    expect(chats).toHaveLength(3);
    const sent = seconds[0]!;
    // One user message of its own: no history, no tools to read or draft with, its own system prompt.
    const messages = sent.body.messages as { role: string; content: { type: string; text: string }[] }[];
    expect(messages).toHaveLength(1);
    expect(messages[0]!.role).toBe('user');
    expect((sent.body.tools as { name: string }[]).map((tool) => tool.name)).toEqual(['give_counter_case']);
    expect(JSON.stringify(sent.body.system)).toContain('second look inside Countersign');
    expect(JSON.stringify(sent.body.system)).not.toContain('research assistant');

    // The draft and the account facts the card shows.
    const draft = t!.backend.store!.drafts.get(draftId)!;
    const review = (await t!.call('getQueue')).review[draftId]!;
    const brief = messages[0]!.content[0]!.text;
    expect(brief).toContain(draftId);
    expect(brief).toContain(`<untrusted-text>${THESIS}</untrusted-text>`);
    expect(brief).toContain('"side":"BUY","quantity":10,"orderType":"MKT"');
    expect(brief).toMatch(/"account":\{"account":"[^"]+","currency":"USD","kind":"margin".*"netLiquidation":\d/);
    expect(brief).toContain('Adds to your long AAPL');
    for (const verdict of draft.verdicts!) expect(brief).toContain(verdict.label);
    expect(review.facts.length).toBe(5);

    // Nothing of the conversation: not the person's words, not Claude's, not a tool call or its result.
    for (const chat of chats) {
      for (const m of chat.body.messages as { content: unknown }[]) {
        for (const block of Array.isArray(m.content) ? (m.content as { id?: string; tool_use_id?: string }[]) : []) {
          if (block.id) expect(sent.raw).not.toContain(block.id);
          if (block.tool_use_id) expect(sent.raw).not.toContain(block.tool_use_id);
        }
      }
    }
    expect(sent.raw).not.toContain('PRIVATE-ASK-7731');
    expect(sent.raw).not.toContain('CONVERSATION-ONLY-4410');
    expect(sent.raw).not.toContain('I drafted a market buy');
    // ... and the conversation never hears the counter-case either.
    for (const chat of chats) expect(chat.raw).not.toContain(COUNTER.case_against);

    // Costed like a turn and counted in the month: the chat's requests plus this one.
    const status = await t!.call('getClaudeStatus');
    expect(status.month.requests).toBe(4);
    expect(shown?.usd).toBeGreaterThan(0);
    expect(status.month.usd).toBeCloseTo(turn.usd + shown!.usd!, 10);
    expect(shown?.tokens?.input).toBeGreaterThan(0);
    // It changed nothing about the draft: still the version Claude made, waiting for the person.
    expect(t!.backend.store!.drafts.get(draftId)).toMatchObject({ version: 1, state: 'pending' });
  });

  it('a failed second look is said on the card and leaves the draft exactly as it was', async () => {
    const { account } = await start();
    let draftAtAsk: string | undefined;
    replyByKind(fake!, [draftOrder(account), text('Drafted.')], () => {
      // The draft as it was the moment the second look was asked.
      const id = t!.backend.store!.drafts.listPending()[0]?.id;
      draftAtAsk = id ? JSON.stringify(t!.backend.store!.drafts.get(id)) : undefined;
      return apiError(400, { message: 'second look refused by the fake' });
    });
    const turn = await t!.call('sendChat', { conversationId: CONVERSATION, text: 'Buy some Apple.' });
    const draftId = turn.draftIds[0]!;
    const shown = await settledLook(draftId);
    expect(shown).toMatchObject({ state: 'failed' });
    expect(shown?.message).toContain('second look refused by the fake');
    expect(shown?.counterCase).toBeUndefined();

    expect(draftAtAsk).toBeDefined();
    expect(JSON.stringify(t!.backend.store!.drafts.get(draftId))).toBe(draftAtAsk);
    const actions = auditRowsBetween(t!.backend.store!.db, 0, Number.MAX_SAFE_INTEGER).map((row) => row.action);
    expect(actions.filter((action) => action.includes('second'))).toEqual([]);
    // The person decides as if it had never been asked: the draft approves as usual.
    const draft = t!.backend.store!.drafts.get(draftId)!;
    expect((await t!.call('approveDraft', { id: draftId, version: draft.version, confirmedQuantity: draft.order.quantity })).state).toBe('submitting');
  });

  it('is not asked once the month’s spend limit is reached, and says so', async () => {
    // The turn's first request already spends more than this.
    const { account } = await start({ monthlySpendLimitUsd: 0.000001 });
    replyByKind(fake!, [draftOrder(account), text('Drafted.')], () => toolCall('give_counter_case', COUNTER));
    const turn = await t!.call('sendChat', { conversationId: CONVERSATION, text: 'Buy some Apple.' });
    expect(turn.status).toBe('spend_limit');
    const shown = await settledLook(turn.draftIds[0]!);
    expect(shown).toMatchObject({ state: 'skipped' });
    expect(shown?.message).toContain('has reached your limit');
    expect(fake!.requests.filter(isSecondLook)).toEqual([]);
  });

  it('is not asked when the person switched it off', async () => {
    const { account } = await start({ secondLook: false });
    expect((await t!.call('getClaudeStatus')).settings.secondLook).toBe(false);
    replyByKind(fake!, [draftOrder(account), text('Drafted.')], () => toolCall('give_counter_case', COUNTER));
    const turn = await t!.call('sendChat', { conversationId: CONVERSATION, text: 'Buy some Apple.' });
    expect(turn.status).toBe('complete');
    expect(fake!.requests.filter(isSecondLook)).toEqual([]);
    expect(look(turn.draftIds[0]!)).toBeUndefined();
  });

  it('an answer in the wrong form is not shown, is said on the card, and is still costed', async () => {
    const { account } = await start();
    replyByKind(fake!, [draftOrder(account), text('Drafted.')], () => toolCall('give_counter_case', { case_against: 'Too big.', wrong_if: 'It is not.', confidence_pct: 250 }));
    const turn = await t!.call('sendChat', { conversationId: CONVERSATION, text: 'Buy some Apple.' });
    const shown = await settledLook(turn.draftIds[0]!);
    expect(shown).toMatchObject({ state: 'failed', message: 'The second look’s answer was not in the expected form, so it is not shown.' });
    expect(shown?.usd).toBeGreaterThan(0);
    const status = await t!.call('getClaudeStatus');
    expect(status.month.requests).toBe(3);
    expect(status.month.usd).toBeCloseTo(turn.usd + shown!.usd!, 10);
  });

  it('sends account aliases, never account numbers, when the person asked for aliases', async () => {
    const { account } = await start({ aliasAccounts: true });
    replyByKind(fake!, [toolCall('draft_order', { account: 'ACCOUNT-1', symbol: 'AAPL', sec_type: 'STK', side: 'BUY', quantity: 10, order_type: 'MKT', thesis: THESIS, risks: ['Concentration.'] }), text('Drafted.')], () =>
      toolCall('give_counter_case', COUNTER),
    );
    const turn = await t!.call('sendChat', { conversationId: CONVERSATION, text: 'Buy some Apple.' });
    const view = await t!.call('getConversation', { conversationId: CONVERSATION });
    expect(turn.draftIds, JSON.stringify(view.turns[0]?.toolResults)).toHaveLength(1);
    expect(await settledLook(turn.draftIds[0]!)).toMatchObject({ state: 'done' });
    const sent = fake!.requests.find(isSecondLook)!;
    expect(sent.raw).toContain('ACCOUNT-1');
    for (const real of t!.sim.accounts) expect(sent.raw).not.toContain(real);
    expect(account).not.toBe('ACCOUNT-1');
  });
});
