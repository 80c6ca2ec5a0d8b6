import type Anthropic from '@anthropic-ai/sdk';
import { Assistant } from '../../../../src/main/assistant/conversation';
import { InMemoryConversationStore } from '../../../../src/main/assistant/conversation-store';
import type { TurnEvent } from '../../../../src/main/assistant/chat-turn';
import { AssistantSettings } from '../../../../src/main/assistant/settings';
import { InMemorySpendLedger } from '../../../../src/main/assistant/usage';
import { startFakeAnthropic, type FakeAnthropic } from '../../../fixtures/fake-anthropic/server';
import type { RecordedRequest } from '../../../fixtures/fake-anthropic/script';
import { AccountFixture } from './account-fixture';

export interface Harness {
  fake: FakeAnthropic;
  account: AccountFixture;
  store: InMemoryConversationStore;
  ledger: InMemorySpendLedger;
  assistant: Assistant;
  events: TurnEvent[];
  settings: AssistantSettings;
  key: { value: string | undefined };
  close(): Promise<void>;
}

export const goodKey = 'sk-ant-test-0123456789abcdef';

export async function startHarness(overrides: Partial<AssistantSettings> = {}, serverKey = goodKey): Promise<Harness> {
  const fake = await startFakeAnthropic({ apiKey: serverKey });
  const account = new AccountFixture();
  const store = new InMemoryConversationStore();
  const ledger = new InMemorySpendLedger();
  const events: TurnEvent[] = [];
  const settings = AssistantSettings.parse({ baseURL: fake.baseURL, maxRetries: 2, ...overrides });
  const key = { value: goodKey as string | undefined };
  const assistant = new Assistant({
    reader: account,
    desk: account,
    store,
    ledger,
    apiKey: () => key.value,
    settings: () => settings,
    now: () => account.now,
  });
  return { fake, account, store, ledger, assistant, events, settings, key, close: () => fake.close() };
}

/** The blocks of the newest message in a request, for scripted replies that answer what was sent. */
export function lastMessageBlocks(request: RecordedRequest): Anthropic.ContentBlockParam[] {
  const messages = request.body.messages as Anthropic.MessageParam[];
  const last = messages.at(-1);
  if (last === undefined || typeof last.content === 'string') return [];
  return last.content;
}

export function toolResults(request: RecordedRequest): Anthropic.ToolResultBlockParam[] {
  return lastMessageBlocks(request).filter((b): b is Anthropic.ToolResultBlockParam => b.type === 'tool_result');
}

export function resultText(block: Anthropic.ToolResultBlockParam): string {
  return typeof block.content === 'string' ? block.content : JSON.stringify(block.content);
}
