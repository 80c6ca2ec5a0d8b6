import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../../fixtures/fake-anthropic/server';
import { text, toolCall } from '../../fixtures/fake-anthropic/script';
import { waitFor } from '../../support/wait';
import { openBackend, type BackendUnderTest } from './backend-under-test';

const CANARY = 'sk-ant-api03-CANARY-zz9-plural-z-alpha-0123456789';
const CONVERSATION = '3f1b8c1e-6a2d-4c55-9b0e-2d7f1c9a4e11';
/** The person answers the endpoint dialog for the fake API on loopback. */
const personConfirms = async (): Promise<boolean> => true;

describe('Claude in the app, through the contract, the real SDK and a fake Messages API', () => {
  let t: BackendUnderTest | undefined;
  let fake: FakeAnthropic | undefined;
  afterEach(async () => {
    await t?.close();
    await fake?.close();
    t = undefined;
    fake = undefined;
  });

  it('reads the portfolio, asks for a quote, and drafts a limit order that waits in the queue with its checks', async () => {
    const logLines: string[] = [];
    t = await openBackend(undefined, {
      log: { info: (m, d) => logLines.push(`${m} ${JSON.stringify(d)}`), warn: (m, d) => logLines.push(`${m} ${JSON.stringify(d)}`), error: (m, d) => logLines.push(`${m} ${JSON.stringify(d)}`) },
      backend: { confirmEndpoint: personConfirms },
    });
    fake = await startFakeAnthropic({ apiKey: CANARY });
    const payloads: string[] = [];
    t.backend.events.subscribe((name, payload) => payloads.push(`${name}:${JSON.stringify(payload)}`));
    const account = t.sim.accounts[0]!;

    // The endpoint first (the person confirms the local host), then the key meant for it.
    // Every scripted reply here is the conversation's; the second look has its own tests (second-look.test.ts).
    await t.call('updateClaudeSettings', { baseURL: fake.baseURL, secondLook: false });
    const status = await t.call('setClaudeKey', { key: CANARY });
    expect(status.keyPresent).toBe(true);
    const quote = () => t!.backend.broker.portfolio()!.quotes.find((q) => q.symbol === 'AAPL');
    let limit = 0;
    fake.reply(
      toolCall('get_portfolio', { account }, 'Let me look at your positions.'),
      toolCall('get_quotes', { symbols: ['AAPL'] }),
      () => {
        limit = Math.round(((quote()?.bid ?? 200) - 0.5) * 100) / 100;
        return toolCall('draft_order', {
          account,
          symbol: 'AAPL',
          sec_type: 'STK',
          side: 'BUY',
          quantity: 10,
          order_type: 'LMT',
          limit_price: limit,
          thesis: 'Adding to Apple just under the bid.',
          risks: ['The price can keep falling.'],
        });
      },
      text('I drafted a limit buy of 10 AAPL. It waits for your approval.'),
    );

    const result = await t.call('sendChat', { conversationId: CONVERSATION, text: 'Should I add to Apple?' });
    expect(result.status).toBe('complete');
    expect(result.draftIds).toHaveLength(1);
    const draft = t.backend.store!.drafts.get(result.draftIds[0]!)!;
    expect(draft).toMatchObject({ state: 'pending', author: 'claude', account, order: { side: 'BUY', quantity: 10, orderType: 'LMT', limitPrice: limit } });
    expect(draft.verdicts!.every((v) => v.outcome !== 'block')).toBe(true);

    const view = await t.call('getConversation', { conversationId: CONVERSATION });
    expect(view.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'assistant', 'assistant', 'assistant']);
    expect(view.turns[0]?.toolResults.map((r) => r.name)).toEqual(['get_portfolio', 'get_quotes', 'draft_order']);
    // The stored transcript names the draft under the call that made it, and only there.
    const calls = view.messages.flatMap((m) => m.toolCalls);
    expect(calls.filter((c) => c.draftId !== undefined).map((c) => [c.name, c.draftId])).toEqual([['draft_order', draft.id]]);
    expect(payloads.some((p) => p.startsWith('chat:') && p.includes('"type":"tool_call"'))).toBe(true);

    // The canary key is nowhere the renderer, the logs or the database can see.
    expect(payloads.join('\n')).not.toContain(CANARY);
    expect(JSON.stringify(await t.call('getClaudeStatus'))).not.toContain(CANARY);
    expect(logLines.join('\n')).not.toContain(CANARY);
    for (const file of readdirSync(t.dataDirectory)) {
      expect(readFileSync(path.join(t.dataDirectory, file)).includes(CANARY), file).toBe(false);
    }
  });

  it('a rejection reason reaches Claude with the next message in that conversation', async () => {
    t = await openBackend(undefined, { backend: { confirmEndpoint: personConfirms } });
    fake = await startFakeAnthropic({ apiKey: CANARY });
    // Every scripted reply here is the conversation's; the second look has its own tests (second-look.test.ts).
    await t.call('updateClaudeSettings', { baseURL: fake.baseURL, secondLook: false });
    await t.call('setClaudeKey', { key: CANARY });
    const account = t.sim.accounts[0]!;
    fake.reply(
      toolCall('draft_order', { account, symbol: 'MSFT', sec_type: 'STK', side: 'BUY', quantity: 2, order_type: 'MKT', thesis: 'Cloud growth.', risks: ['Valuation.'] }),
      text('Drafted.'),
    );
    const first = await t.call('sendChat', { conversationId: CONVERSATION, text: 'Buy a little Microsoft.' });
    const draft = t.backend.store!.drafts.get(first.draftIds[0]!)!;
    await t.call('rejectDraft', { id: draft.id, version: draft.version, reason: 'Not before earnings.' });
    fake.reply(text('Understood, I will wait until after earnings.'));
    await t.call('sendChat', { conversationId: CONVERSATION, text: 'OK?' });
    const lastRequest = JSON.stringify(fake.requests.at(-1)?.body ?? {});
    expect(lastRequest).toContain('Not before earnings.');
    expect(lastRequest).toContain(draft.id);
  });

  it('without a key the chat says how to add one, and the rest of the app works', async () => {
    t = await openBackend();
    const result = await t.call('sendChat', { conversationId: CONVERSATION, text: 'Hello' });
    expect(result.status).toBe('key_missing');
    expect(result.message).toContain('Settings > Claude');
    await waitFor(() => t!.backend.broker.state()?.phase === 'ready', 'the session');
  });
});
