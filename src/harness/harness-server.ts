import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { build } from 'vite';
import type { Backend } from '../main/backend';
import { dispatchCall } from '../main/ipc/dispatch';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../main/shell/content-security-policy';
import { BRIDGE_PATH, BRIDGE_SCRIPT_PATH, type BridgeMessage, type BridgeRequest } from './bridge-protocol';

/**
 * The browser harness: serves the built renderer on loopback and carries
 * the contract over a WebSocket, so the real renderer can run in Chromium
 * against a real backend without the Electron binary. A per-run random token
 * guards both the page and the socket; the socket also checks Origin, so
 * another page open in the same browser cannot drive the backend.
 * Development and tests only: it is not part of any packaged build.
 */
export interface HarnessOptions {
  backend: Backend;
  rendererDirectory?: string;
  host?: string;
  port?: number;
}

export interface Harness {
  /** Open this in the browser: it carries the token. */
  readonly url: string;
  readonly origin: string;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultRendererDirectory = path.resolve(here, '../../out/renderer');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const rendererDirectory = path.resolve(options.rendererDirectory ?? defaultRendererDirectory);
  const host = options.host ?? '127.0.0.1';
  const token = randomBytes(24).toString('hex');
  const bridgeScript = await bundleBridge();
  const indexHtml = await readFile(path.join(rendererDirectory, 'index.html'), 'utf8').catch(() => {
    throw new Error(`No built renderer in ${rendererDirectory}: run "npm run build" first.`);
  });
  let origin = '';

  const server = http.createServer((request, response) => {
    void serve(request, response).catch(() => {
      response.writeHead(500).end();
    });
  });

  async function serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!tokenMatches(url.searchParams.get('token'), token)) {
        response.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden: open the URL the harness printed.');
        return;
      }
      // The policy travels as a header too: the meta tag cannot carry frame-ancestors, and a header holds even if the page's markup were changed.
      response
        .writeHead(200, { 'Content-Type': CONTENT_TYPES['.html'], 'Cache-Control': 'no-store', 'Content-Security-Policy': harnessPolicy(CONTENT_SECURITY_POLICY, origin) })
        .end(harnessPage(indexHtml, origin));
      return;
    }
    if (url.pathname === BRIDGE_SCRIPT_PATH) {
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES['.js'] }).end(bridgeScript);
      return;
    }
    const file = path.resolve(rendererDirectory, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(rendererDirectory + path.sep)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  }

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname !== BRIDGE_PATH || !tokenMatches(url.searchParams.get('token'), token) || request.headers.origin !== origin) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attach(ws, options.backend));
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://${host}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function attach(ws: WebSocket, backend: Backend): void {
  const send = (message: BridgeMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = backend.events.subscribe((name, payload) => send({ t: 'event', name, payload }));
  ws.on('message', (data) => {
    let request: BridgeRequest;
    try {
      request = JSON.parse(String(data)) as BridgeRequest;
    } catch {
      return;
    }
    if (request?.t !== 'call' || typeof request.id !== 'number') return;
    void dispatchCall(backend.handlers, request.name, request.payload, backend.log).then((result) =>
      send({ t: 'result', id: request.id, result }),
    );
  });
  ws.on('close', unsubscribe);
}

/** The app's policy with the bridge socket (and nothing else) added to connect-src. */
function harnessPolicy(policy: string, origin: string): string {
  return policy.replace("connect-src 'self'", `connect-src 'self' ${origin.replace(/^http/, 'ws')}`);
}

/** The built page, with the bridge loaded first and the socket allowed by the CSP. */
function harnessPage(indexHtml: string, origin: string): string {
  return indexHtml
    .replace(META_CONTENT_SECURITY_POLICY, harnessPolicy(META_CONTENT_SECURITY_POLICY, origin))
    .replace('<head>', `<head>\n    <script type="module" src="${BRIDGE_SCRIPT_PATH}"></script>`);
}

/**
 * Constant-time comparison of the bytes: the lengths compared are byte
 * lengths, because timingSafeEqual throws on buffers of different sizes and
 * a token of the right length in characters (but not in bytes) would
 * otherwise throw inside the upgrade handler and take the harness down.
 */
function tokenMatches(candidate: string | null, token: string): boolean {
  if (!candidate) return false;
  const given = Buffer.from(candidate, 'utf8');
  const expected = Buffer.from(token, 'utf8');
  if (given.byteLength !== expected.byteLength) return false;
  return timingSafeEqual(given, expected);
}

async function bundleBridge(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: path.join(here, 'browser-bridge.ts'), formats: ['es'], fileName: 'bridge' },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if ('output' in output) {
      const chunk = output.output.find((item) => item.type === 'chunk');
      if (chunk && chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error('Could not bundle the harness bridge.');
}
