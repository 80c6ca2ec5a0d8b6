import type Anthropic from '@anthropic-ai/sdk';
import { systemPrompt } from './system-prompt';
import { toolDefinitions } from './tools';

/**
 * Tools come first in the prompt, then system, then messages. The system
 * block carries the cache breakpoint, so the cached prefix covers tools and
 * system; both are module constants, hence byte-identical on every request.
 * A second, rolling breakpoint on the newest block caches the conversation so
 * far, which is what keeps tool rounds cheap.
 */
const system: Anthropic.TextBlockParam[] = [{ type: 'text', text: systemPrompt, cache_control: { type: 'ephemeral' } }];
const tools: Anthropic.Tool[] = toolDefinitions.map((t) => ({ ...t, input_schema: t.input_schema }));

export function buildRequest(model: string, maxTokens: number, history: readonly Anthropic.MessageParam[]): Anthropic.MessageStreamParams {
  return { model, max_tokens: maxTokens, system, tools, messages: withRollingBreakpoint(history) };
}

function withRollingBreakpoint(history: readonly Anthropic.MessageParam[]): Anthropic.MessageParam[] {
  const messages = history.map((m) => ({ ...m }));
  const last = messages.at(-1);
  if (last === undefined || typeof last.content === 'string' || last.content.length === 0) return messages;
  const blocks = [...last.content];
  const tail = blocks.at(-1);
  if (tail !== undefined && (tail.type === 'text' || tail.type === 'tool_result')) {
    blocks[blocks.length - 1] = { ...tail, cache_control: { type: 'ephemeral' } };
    last.content = blocks;
  }
  return messages;
}
