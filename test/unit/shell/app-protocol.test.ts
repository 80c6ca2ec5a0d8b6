import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const electron = (await import('electron')) as unknown as FakeElectron;
const { serveRenderer, APP_ORIGIN } = await import('../../../src/main/shell/app-protocol');
const { CONTENT_SECURITY_POLICY } = await import('../../../src/main/shell/content-security-policy');

// The app:// handler serves the built renderer. It answers only what a page
// load needs (GET and HEAD), and anything it cannot make sense of is a 404,
// never an exception inside the protocol handler.
let renderer: string;

beforeAll(() => {
  renderer = mkdtempSync(path.join(os.tmpdir(), 'countersign-renderer-'));
  mkdirSync(path.join(renderer, 'assets'));
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Countersign</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(path.dirname(renderer), 'secret.txt'), 'outside the renderer');
  serveRenderer(renderer);
});

afterAll(() => rmSync(renderer, { recursive: true, force: true }));

const request = (url: string, init?: RequestInit): Promise<Response> => electron.protocol.request(url, init);

describe('the app:// handler', () => {
  it('serves the renderer with the CSP header', async () => {
    const response = await request(`${APP_ORIGIN}/index.html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>Countersign</title>');
    expect((await request(`${APP_ORIGIN}/assets/app.js`)).status).toBe(200);
  });

  it('answers HEAD without a body', async () => {
    const response = await request(`${APP_ORIGIN}/index.html`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('refuses every other method', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const response = await request(`${APP_ORIGIN}/index.html`, { method, ...(method === 'DELETE' ? {} : { body: 'x' }) });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('Allow')).toBe('GET, HEAD');
    }
  });

  it('answers 404 for a malformed escape instead of throwing', async () => {
    const response = await request(`${APP_ORIGIN}/%E0%A4%A.js`);
    expect(response.status).toBe(404);
  });

  it('answers 404 for a path that leaves the renderer folder, however it is encoded', async () => {
    for (const sneaky of ['/..%2Fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2F..%2Fsecret.txt']) {
      const response = await request(`${APP_ORIGIN}${sneaky}`);
      expect(response.status, sneaky).toBe(404);
    }
  });

  it('answers 404 for a file that is not there', async () => {
    expect((await request(`${APP_ORIGIN}/nope.js`)).status).toBe(404);
  });
});
