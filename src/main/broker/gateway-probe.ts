import net from 'node:net';
import { KNOWN_PORTS } from './gateway-label';

export interface ProbedGateway {
  port: number;
  label: string;
}

/**
 * Looks for a gateway listening on the usual local ports, paper ports first
 * (a person who runs both is safer landing on paper). An open port is only a
 * hint: the handshake and the account list decide what it really is.
 */
export async function probeLocalGateway(host = '127.0.0.1', timeoutMs = 400): Promise<ProbedGateway | undefined> {
  const order = [4002, 7497, 4001, 7496];
  const open = await Promise.all(order.map((port) => isListening(host, port, timeoutMs)));
  const index = open.findIndex(Boolean);
  if (index < 0) return undefined;
  const port = order[index] as number;
  return { port, label: KNOWN_PORTS[port]?.label ?? `port ${port}` };
}

function isListening(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: boolean): void => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
