import { afterEach, describe, expect, it } from 'vitest';
import type { AccountReader } from '../../../src/main/assistant/ports';
import type { Draft } from '../../../src/shared/draft';
import { AssistantSettings } from '../../../src/main/assistant/settings';
import { InMemorySpendLedger, monthOf } from '../../../src/main/assistant/usage';
import { SecondLooks } from '../../../src/main/chat/second-looks';
import { startFakeAnthropic, type FakeAnthropic } from '../../fixtures/fake-anthropic/server';
import { toolCall, type RecordedRequest } from '../../fixtures/fake-anthropic/script';
import { draft, now } from '../../unit/risk/support';

const KEY = 'sk-ant-api03-second-look-spend-0123456789abcdef';
const COUNTER = { case_against: 'Too much in one name.', wrong_if: 'The position stays small.', confidence_pct: 40 };

/** Only what the brief reads: the draft's account and no positions. */
const reader = {
  accounts: async () => ['DU1234567'],
  accountSummary: async () => [],
  portfolio: async () => [],
} as unknown as AccountReader;

describe('second looks against the month’s spend limit', () => {
  let fake: FakeAnthropic | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('several drafts at once do not all race past the limit: once one look has reached it, the rest are not asked', async () => {
    fake = await startFakeAnthropic({ apiKey: KEY });
    fake.reply(...Array.from({ length: 5 }, () => toolCall('give_counter_case', COUNTER)));
    const ledger = new InMemorySpendLedger();
    // Under the limit now; any one answer costs more than this.
    const settings = AssistantSettings.parse({ baseURL: fake.baseURL, monthlySpendLimitUsd: 0.000001, maxRetries: 0 });
    const drafts = [draft({ quantity: 10 }), draft({ quantity: 20 }), draft({ quantity: 30 })];
    const looks = new SecondLooks({
      settings: () => settings,
      current: (id) => drafts.find((d) => d.id === id),
      apiKey: () => KEY,
      ledger,
      reader,
      review: () => undefined,
      now: () => now,
      changed: () => undefined,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    // A turn that drafts three orders asks three second looks, one right after the other.
    await Promise.all(drafts.map((d) => looks.look(d)));

    expect(fake.requests).toHaveLength(1);
    const shown = Object.values(looks.forDrafts(drafts.map((d) => d.id)));
    expect(shown.map((v) => v.state).sort()).toEqual(['done', 'skipped', 'skipped']);
    for (const skipped of shown.filter((v) => v.state === 'skipped')) expect(skipped.message).toContain('has reached your limit');
    expect(ledger.month(monthOf(now)).requests).toBe(1);
  });

  it('a look whose turn comes after the draft changed sees the draft as it is then, and one decided meanwhile is not asked', async () => {
    fake = await startFakeAnthropic({ apiKey: KEY });
    const drafts = [draft({ quantity: 10 }), draft({ quantity: 20 }), draft({ quantity: 30 })];
    const [first, edited, decided] = drafts as [Draft, Draft, Draft];
    const stored = new Map(drafts.map((d) => [d.id, d]));
    const answer = toolCall('give_counter_case', COUNTER);
    // While the first look is being answered, the person edits the second draft and rejects the third.
    fake.reply((_request: RecordedRequest) => {
      stored.set(edited.id, { ...edited, version: 2, order: { ...edited.order, quantity: 777 } });
      stored.set(decided.id, { ...decided, state: 'rejected' });
      return answer;
    }, answer, answer);
    const settings = AssistantSettings.parse({ baseURL: fake.baseURL, monthlySpendLimitUsd: null, maxRetries: 0 });
    const looks = new SecondLooks({
      settings: () => settings,
      current: (id) => stored.get(id),
      apiKey: () => KEY,
      ledger: new InMemorySpendLedger(),
      reader,
      review: () => undefined,
      now: () => now,
      changed: () => undefined,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    await Promise.all(drafts.map((d) => looks.look(d)));

    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]!.raw).toContain(first.id);
    const second = fake.requests[1]!.raw;
    expect(second).toContain(edited.id);
    expect(second).toContain('\\"version\\":2');
    expect(second).toContain('\\"quantity\\":777');
    const shown = looks.forDrafts(drafts.map((d) => d.id));
    expect(shown[edited.id]).toMatchObject({ state: 'done', draftVersion: 2 });
    expect(shown[decided.id]).toMatchObject({ state: 'skipped' });
    expect(shown[decided.id]?.message).toContain('decided');
  });
});

describe('account numbers in a second look with aliases on', () => {
  let fake: FakeAnthropic | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('the draft’s own account is aliased even when the session no longer lists it (another login since it was drafted)', async () => {
    fake = await startFakeAnthropic({ apiKey: KEY });
    fake.reply(toolCall('give_counter_case', COUNTER));
    const waiting = draft({ quantity: 10 });
    const otherLogin = { ...reader, accounts: async () => ['U7654321'], accountSummary: async () => [], portfolio: async () => [] } as unknown as AccountReader;
    const looks = new SecondLooks({
      settings: () => AssistantSettings.parse({ baseURL: fake!.baseURL, aliasAccounts: true, maxRetries: 0 }),
      current: () => waiting,
      apiKey: () => KEY,
      ledger: new InMemorySpendLedger(),
      reader: otherLogin,
      review: () => undefined,
      now: () => now,
      changed: () => undefined,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    await looks.look(waiting);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.raw).not.toContain(waiting.account);
    expect(fake.requests[0]!.raw).toContain('ACCOUNT-');
  });
});
