import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface RecordingServer {
  /** http://127.0.0.1:<port> */
  baseURL: string;
  host: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A loopback server that only writes down what reaches it: the attacker's
 * host. It answers 401 (which the SDK does not retry), or redirects when
 * told to, so a test can see whether a key followed the redirect.
 */
export async function startRecordingServer(options: { redirectTo?: string } = {}): Promise<RecordingServer> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    request.resume();
    if (options.redirectTo) {
      response.writeHead(307, { location: `${options.redirectTo}${request.url ?? '/'}` }).end();
      return;
    }
    response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'recorded' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
