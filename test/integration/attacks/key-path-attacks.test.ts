import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AssistantSettings, defaultAssistantSettings } from '../../../src/main/assistant/settings';
import type { BackendOptions } from '../../../src/main/backend';
import { text } from '../../fixtures/fake-anthropic/script';
import { startFakeAnthropic, type FakeAnthropic } from '../../fixtures/fake-anthropic/server';
import { openBackend, type BackendUnderTest } from '../approvals/backend-under-test';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * The key's path to the network, attacked through the contract as a
 * compromised renderer (or any harness client) would: `updateClaudeSettings`
 * is the only way to move the endpoint, and the key must never reach a host
 * the person did not confirm, nor travel over plain http.
 */

const KEY = 'sk-ant-api03-KEYPATH-0123456789abcdefghijklmn';
const NEW_KEY = 'sk-ant-api03-NEWHOST-0123456789abcdefghijklmn';

describe('attacks on the key’s path to the network', () => {
  let t: BackendUnderTest | undefined;
  const closers: { close(): Promise<void> }[] = [];
  const confirmations: string[] = [];
  const open = async (backend: Partial<BackendOptions>): Promise<BackendUnderTest> => {
    t = await openBackend(undefined, { backend });
    return t;
  };
  const recorder = async (options?: { redirectTo?: string }): Promise<RecordingServer> => {
    const server = await startRecordingServer(options);
    closers.push(server);
    return server;
  };
  const fakeApi = async (key: string): Promise<FakeAnthropic> => {
    const fake = await startFakeAnthropic({ apiKey: key });
    closers.push(fake);
    return fake;
  };
  const answering = (answer: boolean | ((host: string) => boolean)): BackendOptions['confirmEndpoint'] => async ({ host }) => {
    confirmations.push(host);
    return typeof answer === 'boolean' ? answer : answer(host);
  };
  // The SDK sends the key as a bearer token.
  const keysSeenBy = (server: RecordingServer): string[] => server.received.map((r) => String(r.headers.authorization ?? '').replace(/^Bearer /, ''));

  afterEach(async () => {
    await t?.close();
    t = undefined;
    for (const c of closers.splice(0)) await c.close();
    confirmations.length = 0;
  });

  it('attack: the endpoint moved to plain http is refused (any host in development, even loopback in a packaged build), and the key never goes there', async () => {
    const attacker = await recorder();
    const packaged = await open({ packaged: true, confirmEndpoint: answering(true) });
    await packaged.call('setClaudeKey', { key: KEY });
    const refused = await packaged.callRaw('updateClaudeSettings', { baseURL: attacker.baseURL });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('development only') } });
    const remote = await packaged.callRaw('updateClaudeSettings', { baseURL: 'http://claude-proxy.example.com/' });
    expect(remote).toMatchObject({ ok: false, error: { message: expect.stringContaining('only sent over https') } });
    const status = await packaged.call('getClaudeStatus');
    expect(status.settings.baseURL).toBeUndefined();
    expect(status.keyPresent).toBe(true);
    expect(confirmations).toEqual([]);
    expect(attacker.received).toEqual([]);
  });

  it('attack: the endpoint moved to a host the person did not confirm never receives the key', async () => {
    const fake = await fakeApi(KEY);
    const attacker = await recorder();
    const b = await open({ confirmEndpoint: answering((host) => host !== attacker.host) });
    await b.call('updateClaudeSettings', { baseURL: fake.baseURL });
    await b.call('setClaudeKey', { key: KEY });
    const moved = await b.callRaw('updateClaudeSettings', { baseURL: attacker.baseURL });
    expect(moved).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`did not confirm sending your API key to ${attacker.host}`) } });
    // The dialog named the attacker's host; the endpoint and the key stayed where the person put them.
    expect(confirmations.at(-1)).toBe(attacker.host);
    fake.reply(text('Still here.'));
    const turn = await b.call('sendChat', { conversationId: randomUUID(), text: 'hello' });
    expect(turn.status).toBe('complete');
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(attacker.received).toEqual([]);
  });

  it('attack: a confirmed move to another host clears the key: nothing reaches that host until the person enters a key for it', async () => {
    const fake = await fakeApi(KEY);
    const other = await recorder();
    const b = await open({ confirmEndpoint: answering(true) });
    await b.call('updateClaudeSettings', { baseURL: fake.baseURL });
    await b.call('setClaudeKey', { key: KEY });
    const moved = await b.call('updateClaudeSettings', { baseURL: other.baseURL });
    expect(moved.keyPresent).toBe(false);
    const turn = await b.call('sendChat', { conversationId: randomUUID(), text: 'hello' });
    expect(turn.status).toBe('key_missing');
    expect(other.received).toEqual([]);
    // The person enters the key meant for the new host: only that key goes there.
    await b.call('setClaudeKey', { key: NEW_KEY });
    await b.call('sendChat', { conversationId: randomUUID(), text: 'hello again' });
    expect(keysSeenBy(other).length).toBeGreaterThan(0);
    expect(new Set(keysSeenBy(other))).toEqual(new Set([NEW_KEY]));
  });

  it('attack: a confirmed endpoint that redirects elsewhere does not carry the key along', async () => {
    const elsewhere = await recorder();
    const redirector = await recorder({ redirectTo: elsewhere.baseURL });
    const b = await open({ confirmEndpoint: answering(true) });
    await b.call('updateClaudeSettings', { baseURL: redirector.baseURL });
    await b.call('setClaudeKey', { key: KEY });
    const turn = await b.call('sendChat', { conversationId: randomUUID(), text: 'hello' });
    expect(turn.status).toBe('error');
    expect(redirector.received.length).toBeGreaterThan(0);
    expect(elsewhere.received).toEqual([]);
  });

  it('attack: an endpoint written into the settings behind the dialog’s back (or before it existed) gets no key, old or new', async () => {
    const attacker = await recorder();
    const b = await open({ confirmEndpoint: answering(false) });
    await b.call('setClaudeKey', { key: KEY });
    const store = b.backend.store!;
    store.settings.write({ key: 'claude.settings', schema: AssistantSettings, fallback: defaultAssistantSettings }, { ...defaultAssistantSettings, baseURL: attacker.baseURL }, Date.now());
    const turn = await b.call('sendChat', { conversationId: randomUUID(), text: 'hello' });
    expect(turn).toMatchObject({ status: 'key_missing', message: expect.stringContaining(`entered for api.anthropic.com, and the endpoint is now ${attacker.host}`) });
    // Entering a key for that host asks the person first; they say no, and nothing is saved or sent.
    const entered = await b.callRaw('setClaudeKey', { key: NEW_KEY });
    expect(entered).toMatchObject({ ok: false, error: { message: expect.stringContaining(`did not confirm sending your API key to ${attacker.host}`) } });
    expect(confirmations).toEqual([attacker.host]);
    await b.call('sendChat', { conversationId: randomUUID(), text: 'hello again' });
    expect(attacker.received).toEqual([]);
  });

  it('attack: without a confirmer (the development harness), any host but Anthropic’s is refused', async () => {
    const attacker = await recorder();
    const b = await open({});
    await b.call('setClaudeKey', { key: KEY });
    const moved = await b.callRaw('updateClaudeSettings', { baseURL: attacker.baseURL });
    expect(moved).toMatchObject({ ok: false, error: { message: expect.stringContaining('cannot ask you to confirm') } });
    expect((await b.call('getClaudeStatus')).settings.baseURL).toBeUndefined();
    expect(attacker.received).toEqual([]);
  });
});
