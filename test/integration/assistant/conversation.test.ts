import type Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, text, toolCall, type ScriptedMessage } from '../../fixtures/fake-anthropic/script';
import { accountId } from './support/account-fixture';
import { startHarness, resultText, toolResults, type Harness } from './support/harness';

const conv = 'c1';

const limitBuy = (symbol: string, quantity: number, limit: number): Record<string, unknown> => ({
  account: accountId,
  symbol,
  sec_type: 'STK',
  side: 'BUY',
  quantity,
  order_type: 'LMT',
  limit_price: limit,
  thesis: `Adding ${symbol} on a pullback.`,
  risks: ['The price can keep falling.'],
});

describe('assistant conversation through the real SDK', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('reads the portfolio, asks for a quote and drafts a limit order that waits pending with its checks', async () => {
    h = await startHarness();
    h.fake.reply(
      toolCall('get_portfolio', {}, 'Let me look at your positions.'),
      (req) => {
        // The compact table: symbol, quantity, base value, unrealized and daily P&L.
        expect(resultText(toolResults(req)[0]!)).toMatch(/"USD":"AAPL 100 /);
        return toolCall('get_quotes', { symbols: ['AAPL'] });
      },
      (req) => {
        expect(resultText(toolResults(req)[0]!)).toContain('"bid":189.9');
        return toolCall('draft_order', limitBuy('AAPL', 10, 189.5));
      },
      (req) => {
        const result = toolResults(req)[0]!;
        expect(result.is_error).toBeUndefined();
        expect(resultText(result)).toContain('"state":"pending"');
        return text('I drafted a limit buy of 10 AAPL at 189.50. It waits for your approval.');
      },
    );
    const result = await h.assistant.send(conv, 'Should I add to Apple?', { onEvent: (e) => h.events.push(e) });

    expect(result.status).toBe('complete');
    expect(result.draftIds).toHaveLength(1);
    const draft = h.account.drafts.find((d) => d.id === result.draftIds[0]);
    expect(draft).toMatchObject({ state: 'pending', author: 'claude', account: accountId, order: { side: 'BUY', quantity: 10, orderType: 'LMT', limitPrice: 189.5 } });
    expect(draft?.verdicts?.length).toBeGreaterThan(10);
    expect(draft?.verdicts?.every((v) => v.outcome !== 'block')).toBe(true);
    // The person saw the text as it streamed, and each tool call announced.
    const streamed = h.events.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join('');
    expect(streamed).toBe(result.text);
    expect(h.events.filter((e) => e.type === 'tool_call').map((e) => (e.type === 'tool_call' ? e.name : ''))).toEqual(['get_portfolio', 'get_quotes', 'draft_order']);
    expect(h.events.find((e) => e.type === 'tool_result' && e.draft !== undefined)).toMatchObject({ draft: { state: 'pending' } });
    // "What Claude saw" holds exactly the tool results that went over the wire.
    const sent = h.fake.requests.slice(1).map((r) => resultText(toolResults(r)[0]!));
    expect(result.record?.toolResults.map((t) => t.content)).toEqual(sent);
    expect(h.fake.pending()).toBe(0);
    // Usage and cost: four requests, the later ones read the cached prefix.
    expect(result.usage.cacheRead).toBeGreaterThan(0);
    expect(result.usd).toBeGreaterThan(0);
    expect(h.assistant.monthSpend(h.account.now).requests).toBe(4);
  });

  it('sends a draft blocked by a risk check back as an error, and the revised draft passes', async () => {
    h = await startHarness();
    h.fake.reply(
      toolCall('draft_order', limitBuy('TSLA', 120, 249.5)),
      (req) => {
        const result = toolResults(req)[0]!;
        expect(result.is_error).toBe(true);
        expect(resultText(result)).toContain('"state":"blocked"');
        expect(resultText(result)).toContain('"outcome":"block"');
        return toolCall('draft_order', limitBuy('TSLA', 30, 249.5), 'That was too large; revising.');
      },
      (req) => {
        const result = toolResults(req)[0]!;
        expect(result.is_error).toBeUndefined();
        return text('Revised to 30 shares; it is pending.');
      },
    );
    const result = await h.assistant.send(conv, 'Buy TSLA with about a third of my cash.');
    expect(result.status).toBe('complete');
    expect(h.account.drafts.map((d) => [d.order.quantity, d.state])).toEqual([
      [120, 'blocked'],
      [30, 'pending'],
    ]);
  });

  it('retries a 429 and a 500 inside the SDK and completes the turn', async () => {
    h = await startHarness();
    h.fake.reply(apiError(429, { retryAfterMs: 1 }), apiError(500, { retryAfterMs: 1 }), text('Here is your answer.'));
    const result = await h.assistant.send(conv, 'hello');
    expect(result.status).toBe('complete');
    expect(result.text).toBe('Here is your answer.');
    expect(h.fake.requests.map((r) => r.status)).toEqual([429, 500, 200]);
  });

  it('gives up after the retries with a plain message when the API stays overloaded', async () => {
    h = await startHarness({ maxRetries: 1 });
    h.fake.reply(apiError(529, { retryAfterMs: 1 }), apiError(529, { retryAfterMs: 1 }));
    const result = await h.assistant.send(conv, 'hello');
    expect(result).toMatchObject({ status: 'error', errorKind: 'overloaded' });
    expect(result.message).toMatch(/overloaded/);
    expect(h.assistant.conversation(conv).messages).toEqual([]);
  });

  it('shows a refused key as a key problem and keeps the history unchanged', async () => {
    h = await startHarness({}, 'sk-ant-some-other-key');
    const result = await h.assistant.send(conv, 'hello');
    expect(result).toMatchObject({ status: 'error', errorKind: 'key_refused' });
    expect(result.message).toBe('The API key was refused: open Settings > Claude to check or replace it.');
    expect(h.fake.requests).toHaveLength(1);
    expect(h.assistant.conversation(conv).messages).toEqual([]);
  });

  it('asks for a key before calling the API when none is set', async () => {
    h = await startHarness();
    h.key.value = undefined;
    const result = await h.assistant.send(conv, 'hello');
    expect(result.status).toBe('key_missing');
    expect(h.fake.requests).toHaveLength(0);
  });

  it('cancelling mid-stream keeps the text already shown and the next turn is accepted', async () => {
    h = await startHarness();
    const held: ScriptedMessage = {
      kind: 'message',
      content: [
        { type: 'text', text: 'Looking at your account now, one moment.' },
        { type: 'tool_use', name: 'get_portfolio', input: {} },
      ],
      stopReason: 'tool_use',
      holdAfterEvents: 5,
    };
    h.fake.reply(held);
    let firstText!: () => void;
    const textArrived = new Promise<void>((resolve) => (firstText = resolve));
    const turn = h.assistant.send(conv, 'How am I doing?', {
      onEvent: (e) => {
        if (e.type === 'text') firstText();
      },
    });
    await h.fake.whenHeld();
    await textArrived;
    expect(h.assistant.isRunning(conv)).toBe(true);
    expect(h.assistant.cancel(conv)).toBe(true);
    const result = await turn;
    expect(result.status).toBe('cancelled');
    expect(result.text.length).toBeGreaterThan(0);
    const history = h.assistant.conversation(conv).messages;
    expect(history.map((m) => m.role)).toEqual(['user', 'assistant']);
    const assistantBlocks = history[1]!.content as Anthropic.ContentBlockParam[];
    expect(assistantBlocks.every((b) => b.type === 'text')).toBe(true);
    expect(h.account.calls).toEqual([]);
    // The fake enforces the API's rules: a dangling tool_use would be a 400 here.
    h.fake.reply(text('Your portfolio is up today.'));
    const next = await h.assistant.send(conv, 'Go on.');
    expect(next.status).toBe('complete');
    expect(h.fake.requests.at(-1)?.status).toBe(200);
  });

  it('cancelling before any text arrives withdraws the message', async () => {
    h = await startHarness();
    h.fake.reply({ kind: 'message', content: [{ type: 'text', text: 'never seen' }], stopReason: 'end_turn', holdAfterEvents: 1 });
    const controller = new AbortController();
    const turn = h.assistant.send(conv, 'hello', { signal: controller.signal });
    await h.fake.whenHeld();
    controller.abort();
    const result = await turn;
    expect(result.status).toBe('cancelled');
    expect(h.assistant.conversation(conv).messages).toEqual([]);
  });

  it('stops new turns once the month reaches the spend limit', async () => {
    h = await startHarness({ monthlySpendLimitUsd: 0.0001 });
    h.fake.reply(text('First answer, which costs a little.'));
    const first = await h.assistant.send(conv, 'hello');
    expect(first.status).toBe('complete');
    expect(first.usd).toBeGreaterThan(0.0001);
    const second = await h.assistant.send(conv, 'and again');
    expect(second.status).toBe('spend_limit');
    expect(second.message).toMatch(/reached your limit of \$0\.00.*Settings > Claude/);
    expect(h.fake.requests).toHaveLength(1);
  });

  it('stops a tool loop between rounds once the limit is reached, and continues when the limit is raised', async () => {
    h = await startHarness({ monthlySpendLimitUsd: 0.0001 });
    h.fake.reply(toolCall('get_portfolio', {}), text('Your portfolio looks fine.'));
    const stopped = await h.assistant.send(conv, 'portfolio?');
    expect(stopped.status).toBe('spend_limit');
    expect(h.fake.requests).toHaveLength(1);
    expect(h.assistant.conversation(conv).messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    h.settings.monthlySpendLimitUsd = null;
    const resumed = await h.assistant.send(conv, 'go on');
    expect(resumed.status).toBe('complete');
    expect(resumed.text).toBe('Your portfolio looks fine.');
    expect(h.assistant.monthSpend(h.account.now).requests).toBe(2);
  });

  it.each([
    ['max_tokens', 'max_tokens', /length limit/],
    ['model_context_window_exceeded', 'context_full', /context window/],
    ['stop_sequence', 'complete', undefined],
  ] as const)('a %s stop is shown as %s and the history stays sendable', async (stopReason, status, message) => {
    h = await startHarness();
    h.fake.reply({
      kind: 'message',
      content: [
        { type: 'text', text: 'Partial analysis' },
        { type: 'tool_use', name: 'get_quotes', input: { symbols: ['AA'] }, rawJson: '{"symbols":["AA' },
      ],
      stopReason,
    });
    const result = await h.assistant.send(conv, 'analyse');
    expect(result.status).toBe(status);
    if (message !== undefined) expect(result.message).toMatch(message);
    const history = h.assistant.conversation(conv).messages;
    expect(history.at(-1)).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Partial analysis' }] });
    h.fake.reply(text('ok'));
    expect((await h.assistant.send(conv, 'continue')).status).toBe('complete');
  });

  it('a refusal withdraws the exchange and says so', async () => {
    h = await startHarness();
    h.fake.reply(text('I cannot help with that', 'refusal'));
    const result = await h.assistant.send(conv, 'something refused');
    expect(result.status).toBe('refused');
    expect(result.message).toMatch(/declined/);
    expect(h.assistant.conversation(conv).messages).toEqual([]);
    expect(result.record?.outcome).toBe('refused');
  });

  it('a pause_turn is sent back so Claude can continue in the same reply', async () => {
    h = await startHarness();
    h.fake.reply(text('Working on it', 'pause_turn'), (req) => {
      const messages = req.body.messages as Anthropic.MessageParam[];
      expect(messages.at(-1)?.role).toBe('assistant');
      return text(' and done.');
    });
    const result = await h.assistant.send(conv, 'think hard');
    expect(result.status).toBe('complete');
    expect(result.text).toBe('Working on it and done.');
    const history = h.assistant.conversation(conv).messages;
    expect(history.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('stops at the tool round limit, answers every tool call, and lets the person continue', async () => {
    h = await startHarness({ maxToolRounds: 2 });
    h.fake.reply(toolCall('get_portfolio', {}), toolCall('get_account_summary', {}), toolCall('get_open_orders', {}));
    const result = await h.assistant.send(conv, 'Review everything');
    expect(result.status).toBe('tool_limit');
    expect(result.message).toMatch(/tool round/);
    // get_portfolio reads the accounts too (base currency, cash, rates).
    expect(h.account.calls).toEqual(['portfolio', 'accountSummary', 'accountSummary']);
    expect(result.record?.toolResults.at(-1)).toMatchObject({ name: 'get_open_orders', isError: true });
    h.fake.reply((req) => {
      const blocks = req.body.messages as Anthropic.MessageParam[];
      const last = blocks.at(-1)!.content as Anthropic.ContentBlockParam[];
      expect(last.map((b) => b.type)).toEqual(['tool_result', 'text']);
      return text('Continuing.');
    });
    expect((await h.assistant.send(conv, 'continue')).status).toBe('complete');
  });

  it('drops blank text Claude sends before a tool call, which the API would refuse in the history', async () => {
    h = await startHarness();
    h.fake.reply(
      { kind: 'message', content: [{ type: 'text', text: '\n\n' }, { type: 'tool_use', name: 'get_portfolio', input: {} }], stopReason: 'tool_use' },
      text('Two positions.'),
    );
    const result = await h.assistant.send(conv, 'positions?');
    expect(result.status).toBe('complete');
    expect(h.fake.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('refuses a second turn while one is running', async () => {
    h = await startHarness();
    h.fake.reply({ kind: 'message', content: [{ type: 'text', text: 'slow answer' }], stopReason: 'end_turn', holdAfterEvents: 3 });
    const first = h.assistant.send(conv, 'one');
    await h.fake.whenHeld();
    const second = await h.assistant.send(conv, 'two');
    expect(second.status).toBe('busy');
    h.fake.release();
    expect((await first).status).toBe('complete');
  });
});

describe('assistant conversation interrupted between rounds', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('cancelling while tools run answers every tool call and keeps the history sendable', async () => {
    h = await startHarness();
    const portfolio = h.account.portfolio.bind(h.account);
    // The person presses Stop while the first tool is running.
    h.account.portfolio = async (acct?: string) => {
      h.assistant.cancel(conv);
      return portfolio(acct);
    };
    h.fake.reply({
      kind: 'message',
      content: [
        { type: 'tool_use', name: 'get_portfolio', input: {} },
        { type: 'tool_use', name: 'get_quotes', input: { symbols: ['AAPL'] } },
      ],
      stopReason: 'tool_use',
    });
    const turn = h.assistant.send(conv, 'check everything');
    const result = await turn;
    expect(result.status).toBe('cancelled');
    expect(result.record?.toolResults.map((t) => [t.name, t.isError])).toEqual([
      ['get_portfolio', false],
      ['get_quotes', true],
    ]);
    expect(h.account.calls).toEqual(['portfolio', 'accountSummary']);
    h.fake.reply((req) => {
      const messages = req.body.messages as Anthropic.MessageParam[];
      expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
      return text('Stopped where you asked.');
    });
    expect((await h.assistant.send(conv, 'ok, just the portfolio then')).status).toBe('complete');
  });

  it('an API error after a tool round keeps the tool results and the next turn continues', async () => {
    h = await startHarness({ maxRetries: 0 });
    h.fake.reply(toolCall('get_portfolio', {}), apiError(500));
    const failed = await h.assistant.send(conv, 'portfolio?');
    expect(failed).toMatchObject({ status: 'error', errorKind: 'server' });
    expect(h.assistant.conversation(conv).messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    h.fake.reply(text('Here it is.'));
    expect((await h.assistant.send(conv, 'try again')).status).toBe('complete');
    expect(h.fake.requests.at(-1)?.status).toBe(200);
  });
});

describe('assistant conversation with a stream that fails midway', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('an overloaded error event mid-stream keeps the partial text and says to try again', async () => {
    h = await startHarness();
    h.fake.reply({
      kind: 'message',
      content: [
        { type: 'text', text: 'Your largest position is AAPL, and' },
        { type: 'tool_use', name: 'get_quotes', input: { symbols: ['AAPL'] } },
      ],
      stopReason: 'tool_use',
      errorAfterEvents: { after: 5, errorType: 'overloaded_error', message: 'Overloaded' },
    });
    const result = await h.assistant.send(conv, 'biggest position?');
    expect(result).toMatchObject({ status: 'error', errorKind: 'overloaded' });
    expect(result.text.length).toBeGreaterThan(0);
    const history = h.assistant.conversation(conv).messages;
    expect(history.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(JSON.stringify(history)).not.toContain('tool_use');
    h.fake.reply(text('AAPL, at 19% of the account.'));
    expect((await h.assistant.send(conv, 'try again')).status).toBe('complete');
  });
});
