import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

/**
 * The packaged renderer is served from app://countersign rather than
 * file://, so it has a real origin the sender check and navigation guard can
 * compare against, and every response carries the CSP header.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://countersign`;

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Resolves a request path inside the renderer folder; undefined for anything that escapes it. */
export function resolveRendererFile(rendererRoot: string, requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    // A malformed escape ("%E0%A4%A") names no file.
    return undefined;
  }
  const root = path.resolve(rendererRoot);
  const file = path.resolve(root, `.${relative}`);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  return file;
}

/** A page load needs only these; the renderer talks to main over IPC, never by posting to its own origin. */
const SERVED_METHODS = ['GET', 'HEAD'];

export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (!SERVED_METHODS.includes(request.method)) {
      return new Response('Method not allowed', { status: 405, headers: { Allow: SERVED_METHODS.join(', ') } });
    }
    const file = resolveRendererFile(rendererRoot, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(file).toString());
    } catch {
      // Electron's net rejects (net::ERR_FILE_NOT_FOUND) rather than answering 404 for a missing file.
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(request.method === 'HEAD' ? null : response.body, { status: response.status, headers });
  });
}
