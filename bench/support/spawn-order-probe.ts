import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DemoGateway } from '../../src/main/broker/broker-service';

const here = path.dirname(fileURLToPath(import.meta.url));

export type ProbeEvent = { kind: 'request'; at: number } | { kind: 'order'; orderRef: string; at: number };

export interface OrderProbe extends DemoGateway {
  readonly accounts: string[];
}

/**
 * Starts order-probe-process.ts and hands each of its events to `onEvent`,
 * with the time moved onto this process's performance.now() clock.
 */
export function spawnOrderProbe(onEvent: (event: ProbeEvent) => void): Promise<OrderProbe> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'order-probe-process.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The gateway process exited early (${code}).`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as ProbeEvent | { kind: 'listening'; host: string; port: number; accounts: string[] };
      if (message.kind !== 'listening') {
        onEvent({ ...message, at: message.at - performance.timeOrigin });
        return;
      }
      resolve({
        host: message.host,
        port: message.port,
        accounts: message.accounts,
        close: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
