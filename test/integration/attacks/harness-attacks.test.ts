import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBackend } from '../../../src/main/backend';
import { BRIDGE_PATH } from '../../../src/harness/bridge-protocol';
import { startHarness, type Harness } from '../../../src/harness/harness-server';
import { quietLog } from '../approvals/backend-under-test';
import { TradingHoursClock } from '../../support/trading-hours-clock';

// The development harness, attacked by any web page open in the same browser.

function rendererFixture(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-renderer-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<html><head></head><body>app</body></html>');
  return dir;
}

function connect(url: string, origin: string | undefined): Promise<{ opened: boolean; status?: number; socket: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin });
    socket.once('open', () => resolve({ opened: true, socket }));
    socket.once('unexpected-response', (_request, response) => resolve({ opened: false, status: response.statusCode ?? 0, socket }));
    socket.once('error', () => resolve({ opened: false, socket }));
  });
}

describe('attacks on the development harness', () => {
  let harness: Harness;
  let token: string;
  let bridge: string;

  beforeEach(async () => {
    const backend = createBackend({ dataDirectory: mkdtempSync(path.join(os.tmpdir(), 'countersign-harness-')), host: 'harness', version: 'test', log: quietLog, now: new TradingHoursClock().read });
    harness = await startHarness({ backend, rendererDirectory: rendererFixture() });
    token = new URL(harness.url).searchParams.get('token') ?? '';
    bridge = `${harness.origin.replace('http', 'ws')}${BRIDGE_PATH}`;
  });

  afterEach(async () => {
    await harness.close();
  });

  it('attack: a token of the right length in characters but not in bytes is refused and does not crash the harness', async () => {
    const forged = encodeURIComponent('é'.repeat(token.length));
    const socket = await connect(`${bridge}?token=${forged}`, harness.origin);
    expect(socket).toMatchObject({ opened: false, status: 403 });
    expect((await fetch(`${harness.origin}/?token=${forged}`)).status).toBe(403);
    // Still up: the real token still opens the page and the bridge.
    expect((await fetch(harness.url)).status).toBe(200);
    const ours = await connect(`${bridge}?token=${token}`, harness.origin);
    expect(ours.opened).toBe(true);
    ours.socket.close();
  });

  it('attack: another page (another origin, or none) cannot open the bridge, and the page carries its CSP as a header', async () => {
    expect(await connect(`${bridge}?token=${token}`, 'http://evil.example')).toMatchObject({ opened: false, status: 403 });
    expect(await connect(`${bridge}?token=${token}`, undefined)).toMatchObject({ opened: false, status: 403 });
    const page = await fetch(harness.url);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain(`connect-src 'self' ${harness.origin.replace('http', 'ws')}`);
  });
});
