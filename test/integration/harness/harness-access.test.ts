import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBackend } from '../../../src/main/backend';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { BRIDGE_PATH } from '../../../src/harness/bridge-protocol';
import { startHarness, type Harness } from '../../../src/harness/harness-server';

// The harness exposes the backend on loopback: only the page opened with
// this run's token, at the harness's own origin, may use it.

function rendererFixture(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-renderer-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<html><head></head><body>app</body></html>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

function connect(url: string, origin: string): Promise<{ opened: boolean; socket: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { origin });
    socket.once('open', () => resolve({ opened: true, socket }));
    socket.once('error', () => resolve({ opened: false, socket }));
  });
}

describe('harness access control', () => {
  let harness: Harness;
  let token: string;

  beforeEach(async () => {
    const backend = createBackend({
      dataDirectory: mkdtempSync(path.join(os.tmpdir(), 'countersign-harness-')),
      host: 'harness',
      version: 'test',
      now: new TradingHoursClock().read,
    });
    harness = await startHarness({ backend, rendererDirectory: rendererFixture() });
    token = new URL(harness.url).searchParams.get('token') ?? '';
  });

  afterEach(async () => {
    await harness.close();
  });

  it('serves the page only with the token', async () => {
    expect((await fetch(`${harness.origin}/`)).status).toBe(403);
    expect((await fetch(`${harness.origin}/?token=${'0'.repeat(token.length)}`)).status).toBe(403);
    const page = await fetch(harness.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/__harness/bridge.js');
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await fetch(`${harness.origin}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${harness.origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('refuses a bridge socket without the token or from another origin', async () => {
    const base = harness.origin.replace('http', 'ws') + BRIDGE_PATH;
    const noToken = await connect(base, harness.origin);
    expect(noToken.opened).toBe(false);
    const foreign = await connect(`${base}?token=${token}`, 'http://evil.example');
    expect(foreign.opened).toBe(false);
    const ours = await connect(`${base}?token=${token}`, harness.origin);
    expect(ours.opened).toBe(true);
    ours.socket.close();
  });

  it('answers contract calls over the bridge and refuses bad payloads', async () => {
    const { socket } = await connect(`${harness.origin.replace('http', 'ws')}${BRIDGE_PATH}?token=${token}`, harness.origin);
    const call = (id: number, name: string, payload?: unknown) =>
      new Promise<unknown>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          const message = JSON.parse(String(data)) as { t: string; id?: number; result?: unknown };
          if (message.t === 'result' && message.id === id) {
            socket.off('message', onMessage);
            resolve(message.result);
          }
        };
        socket.on('message', onMessage);
        socket.send(JSON.stringify({ t: 'call', id, name, payload }));
      });
    expect(await call(1, 'getSessionState')).toMatchObject({ ok: true, value: { phase: 'idle' } });
    expect(await call(2, 'updateSettings', { theme: 'neon' })).toMatchObject({ ok: false, error: { code: 'bad_payload' } });
    expect(await call(3, 'placeOrderDirectly', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    socket.close();
  });
});
