import Anthropic from '@anthropic-ai/sdk';
import type { SeenToolResult } from './conversation-store';
import { describeApiError, type AssistantErrorKind } from './errors';
import { buildRequest } from './request';
import { runTool, type ToolRunContext } from './tool-runner';
import { usageFromApi, type TokenUsage } from './usage';

/** Streamed to the UI while a turn runs. */
export type TurnEvent =
  | { type: 'text'; delta: string }
  | { type: 'tool_call'; toolUseId: string; name: string; input: unknown }
  | { type: 'tool_result'; toolUseId: string; name: string; isError: boolean; content: string; draft?: { draftId: string; state: 'pending' | 'blocked' } };

export type TurnStatus =
  | 'complete'
  | 'cancelled'
  | 'refused'
  | 'max_tokens'
  | 'context_full'
  | 'tool_limit'
  | 'error'
  | 'spend_limit'
  | 'key_missing'
  | 'busy'
  | 'empty';

export interface TurnRun {
  status: TurnStatus;
  /** Plain words for every status but 'complete'. */
  message?: string;
  errorKind?: AssistantErrorKind;
  /** The history to keep: always valid to send again (every tool_use answered). */
  messages: Anthropic.MessageParam[];
  /** Everything Claude wrote in this turn, across rounds. */
  text: string;
  toolResults: SeenToolResult[];
  draftIds: string[];
  /** One entry per API request made, for cost accounting. */
  requests: TokenUsage[];
}

export interface TurnInput {
  client: Anthropic;
  model: string;
  maxTokens: number;
  maxToolRounds: number;
  history: readonly Anthropic.MessageParam[];
  userText: string;
  tools: ToolRunContext;
  signal: AbortSignal;
  onEvent: (event: TurnEvent) => void;
  apiKey: string;
  /** Called with each request's usage as soon as it is known, so spend is recorded even if the turn stops later. */
  onUsage: (usage: TokenUsage) => void;
  /** Asked before each further round; a message stops the turn (the monthly spend limit). */
  mayContinue: () => string | null;
}

type AssistantBlock = Anthropic.TextBlockParam | Anthropic.ToolUseBlockParam;

/** Only text and tool calls are kept; an empty or blank text block would be refused by the API. */
function keepable(content: readonly Anthropic.ContentBlock[], withToolUse: boolean): AssistantBlock[] {
  const out: AssistantBlock[] = [];
  for (const block of content) {
    if (block.type === 'text' && block.text.trim().length > 0) out.push({ type: 'text', text: block.text });
    else if (block.type === 'tool_use' && withToolUse) {
      out.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input });
    }
  }
  return out;
}

function textOf(content: readonly Anthropic.ContentBlock[]): string {
  return content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

const stopMessages = {
  refused: 'Claude declined to continue with this request, so the turn was withdrawn. Rephrase the request or start a new conversation.',
  max_tokens: "Claude's reply reached the length limit and was cut off. Ask it to continue, or to be briefer.",
  context_full: 'This conversation no longer fits in the model\'s context window. Start a new conversation; drafts already made stay in the queue.',
  cancelled: 'Stopped. The reply so far is kept.',
  tool_limit: 'Claude used every tool round allowed for one turn and stopped. Send a message (e.g. "continue") to let it go on.',
} as const;

/**
 * One turn of the conversation: the person's message, then as many rounds of
 * streaming and tool calls as Claude needs, up to a limit. Whatever happens,
 * the returned history can be sent again: an interrupted reply is kept as
 * text only, a tool_use is never left without its tool_result, and a refused
 * or failed first round leaves the history as it was.
 */
export async function runChatTurn(input: TurnInput): Promise<TurnRun> {
  const { client, signal, onEvent } = input;
  const before = input.history.map((m) => m);
  const working: Anthropic.MessageParam[] = [...before];
  const userBlock: Anthropic.TextBlockParam = { type: 'text', text: input.userText };
  const last = working.at(-1);
  // After a tool-round limit the history ends with the user's tool results;
  // the new message joins that user message so roles keep alternating.
  if (last !== undefined && last.role === 'user') {
    const blocks = typeof last.content === 'string' ? [{ type: 'text' as const, text: last.content }] : last.content;
    working[working.length - 1] = { role: 'user', content: [...blocks, userBlock] };
  } else {
    working.push({ role: 'user', content: [userBlock] });
  }

  // After a pause_turn the API continues the same assistant message, so the
  // continuation is appended to it rather than starting a second one.
  const pushAssistant = (blocks: AssistantBlock[]): void => {
    if (blocks.length === 0) return;
    const tail = working.at(-1);
    if (tail !== undefined && tail.role === 'assistant' && typeof tail.content !== 'string') {
      working[working.length - 1] = { role: 'assistant', content: [...tail.content, ...blocks] };
    } else working.push({ role: 'assistant', content: blocks });
  };

  const run: Omit<TurnRun, 'status' | 'messages'> = { text: '', toolResults: [], draftIds: [], requests: [] };
  let rounds = 0;
  const finish = (status: TurnStatus, messages: Anthropic.MessageParam[], extra: Partial<TurnRun> = {}): TurnRun => ({
    ...run,
    status,
    messages,
    ...(status === 'complete' ? {} : { message: extra.message ?? (stopMessages as Record<string, string>)[status] }),
    ...extra,
  });

  const record = (usage: TokenUsage): void => {
    run.requests.push(usage);
    input.onUsage(usage);
  };

  for (;;) {
    if (signal.aborted) return finish('cancelled', rounds === 0 ? before : working);
    if (rounds > 0) {
      // A long tool loop must not run far past the limit: stop between rounds, history intact.
      const stop = input.mayContinue();
      if (stop !== null) return finish('spend_limit', working, { message: stop });
    }
    let streamed = '';
    // Scrubbing the whole history (idempotent once aliased) also covers turns
    // sent before the person switched aliasing on.
    const outgoing = input.tools.aliases.scrub(working);
    const stream = client.messages.stream(buildRequest(input.model, input.maxTokens, outgoing), { signal });
    stream.on('text', (delta) => {
      streamed += delta;
      onEvent({ type: 'text', delta });
    });
    let message: Anthropic.Message;
    try {
      message = await stream.finalMessage();
    } catch (error) {
      const partial = stream.currentMessage;
      if (partial !== undefined) record(usageFromApi(partial.usage));
      run.text += streamed;
      // Keep what the person already read, as text only; a half-streamed
      // tool call is dropped because it was never run and cannot be answered.
      let kept: Anthropic.MessageParam[];
      if (streamed.trim().length > 0) {
        pushAssistant([{ type: 'text', text: streamed }]);
        kept = working;
      } else kept = rounds === 0 ? before : working;
      const aborted = signal.aborted || error instanceof Anthropic.APIUserAbortError;
      if (aborted) return finish('cancelled', kept);
      const described = describeApiError(error, input.apiKey);
      return finish('error', kept, { message: described.message, errorKind: described.kind });
    }
    record(usageFromApi(message.usage));
    run.text += textOf(message.content);

    switch (message.stop_reason) {
      case 'tool_use': {
        const blocks = keepable(message.content, true);
        pushAssistant(blocks);
        const overLimit = rounds >= input.maxToolRounds;
        const results: Anthropic.ToolResultBlockParam[] = [];
        for (const block of blocks) {
          if (block.type !== 'tool_use') continue;
          onEvent({ type: 'tool_call', toolUseId: block.id, name: block.name, input: block.input });
          let outcome: { content: string; isError: boolean; draft?: { draftId: string; state: 'pending' | 'blocked' } };
          if (signal.aborted) outcome = { content: 'Not run: the person stopped this turn.', isError: true };
          else if (overLimit) {
            outcome = { content: `Not run: this turn reached its limit of ${input.maxToolRounds} tool rounds. Tell the person what you found so far; they can ask you to continue.`, isError: true };
          } else outcome = await runTool(block.name, block.input, input.tools);
          if (outcome.draft !== undefined) run.draftIds.push(outcome.draft.draftId);
          results.push({ type: 'tool_result', tool_use_id: block.id, content: outcome.content, ...(outcome.isError ? { is_error: true } : {}) });
          run.toolResults.push({ toolUseId: block.id, name: block.name, input: block.input, content: outcome.content, isError: outcome.isError });
          onEvent({ type: 'tool_result', toolUseId: block.id, name: block.name, isError: outcome.isError, content: outcome.content, ...(outcome.draft === undefined ? {} : { draft: outcome.draft }) });
        }
        working.push({ role: 'user', content: results });
        rounds += 1;
        if (signal.aborted) return finish('cancelled', working);
        if (overLimit) return finish('tool_limit', working);
        continue;
      }
      case 'pause_turn': {
        // A server-side pause: the API continues when the partial reply is sent back as is.
        pushAssistant(keepable(message.content, false));
        rounds += 1;
        if (rounds > input.maxToolRounds) return finish('tool_limit', working);
        continue;
      }
      case 'end_turn':
      case 'stop_sequence': {
        pushAssistant(keepable(message.content, false));
        return finish('complete', working);
      }
      case 'max_tokens':
      case 'model_context_window_exceeded': {
        pushAssistant(keepable(message.content, false));
        return finish(message.stop_reason === 'max_tokens' ? 'max_tokens' : 'context_full', working);
      }
      case 'refusal':
        // The refused exchange is withdrawn so it does not poison the next
        // turn; drafts made earlier in the turn stay in the queue for the person.
        return finish('refused', before);
      default: {
        pushAssistant(keepable(message.content, false));
        return finish('error', working, { message: `Claude stopped for an unknown reason (${String(message.stop_reason)}).`, errorKind: 'unknown' });
      }
    }
  }
}
