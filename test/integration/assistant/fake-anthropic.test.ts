import Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../../fixtures/fake-anthropic/server';
import { apiError, text, toolCall } from '../../fixtures/fake-anthropic/script';

// The fake must be faithful enough that the real SDK parses it as the API.
describe('fake Anthropic Messages API', () => {
  let fake: FakeAnthropic;
  let client: Anthropic;
  beforeEach(async () => {
    fake = await startFakeAnthropic({ apiKey: 'sk-test-good' });
    client = new Anthropic({ apiKey: 'sk-test-good', baseURL: fake.baseURL, maxRetries: 2 });
  });
  afterEach(async () => {
    await fake.close();
  });

  const user = (t: string): Anthropic.MessageParam => ({ role: 'user', content: t });

  it('streams text and a tool call the SDK assembles into a message', async () => {
    fake.reply(toolCall('get_quotes', { symbols: ['AAPL', 'MSFT'] }, 'Let me look.'));
    const deltas: string[] = [];
    const stream = client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 100, messages: [user('hi')] });
    stream.on('text', (d) => deltas.push(d));
    const message = await stream.finalMessage();
    expect(deltas.join('')).toBe('Let me look.');
    expect(message.stop_reason).toBe('tool_use');
    const tool = message.content[1];
    expect(tool?.type).toBe('tool_use');
    if (tool?.type === 'tool_use') expect(tool.input).toEqual({ symbols: ['AAPL', 'MSFT'] });
  });

  it('answers non-streaming requests with the whole message', async () => {
    fake.reply(text('done', 'max_tokens'));
    const message = await client.messages.create({ model: 'm', max_tokens: 10, messages: [user('hi')] });
    expect(message.content).toEqual([{ type: 'text', text: 'done' }]);
    expect(message.stop_reason).toBe('max_tokens');
  });

  it('refuses a wrong key with the API error shape', async () => {
    const bad = new Anthropic({ apiKey: 'sk-wrong', baseURL: fake.baseURL, maxRetries: 0 });
    const error = await bad.messages.create({ model: 'm', max_tokens: 10, messages: [user('hi')] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as InstanceType<typeof Anthropic.AuthenticationError>).error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it('serves injected 429 and 529 errors the SDK retries', async () => {
    fake.reply(apiError(429, { retryAfterMs: 1 }), apiError(529, { retryAfterMs: 1 }), text('ok'));
    const message = await client.messages.create({ model: 'm', max_tokens: 10, messages: [user('hi')] });
    expect(message.content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 529, 200]);
  });

  it('rejects a tool_use left without its tool_result, as the API does', async () => {
    const error = await client.messages
      .create({
        model: 'm',
        max_tokens: 10,
        messages: [
          user('hi'),
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_quotes', input: {} }] },
          user('and?'),
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(String((error as Error).message)).toContain('toolu_1');
  });

  it('rejects repeated roles, duplicate tool_use ids and stray tool_results', async () => {
    const attempts: Anthropic.MessageParam[][] = [
      [user('a'), user('b')],
      [
        user('a'),
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 't', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'x' }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 't', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'x' }] },
      ],
      [user('a'), { role: 'assistant', content: 'ok' }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_9', content: 'x' }] }],
    ];
    for (const messages of attempts) {
      const error = await client.messages.create({ model: 'm', max_tokens: 10, messages }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    }
    expect(fake.requests.every((r) => r.status === 400)).toBe(true);
  });

  it('reports cache reads once the prefix up to the breakpoint repeats', async () => {
    fake.reply(text('one'), text('two'));
    const system: Anthropic.TextBlockParam[] = [{ type: 'text', text: 'x'.repeat(4000), cache_control: { type: 'ephemeral' } }];
    const first = await client.messages.create({ model: 'm', max_tokens: 10, system, messages: [user('hi')] });
    const second = await client.messages.create({ model: 'm', max_tokens: 10, system, messages: [user('other question')] });
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(1000);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
  });

  it('holds a stream open until the client aborts', async () => {
    fake.reply({ kind: 'message', content: [{ type: 'text', text: 'a long answer that will be cut' }], stopReason: 'end_turn', holdAfterEvents: 4 });
    const stream = client.messages.stream({ model: 'm', max_tokens: 10, messages: [user('hi')] });
    let seen = '';
    const firstText = new Promise<void>((resolve) => {
      stream.on('text', (d) => {
        seen += d;
        resolve();
      });
    });
    const outcome = stream.finalMessage().catch((e: unknown) => e);
    await fake.whenHeld();
    await firstText;
    stream.abort();
    await fake.whenClientHungUp();
    expect(await outcome).toBeInstanceOf(Anthropic.APIUserAbortError);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan('a long answer that will be cut'.length);
  });
});
