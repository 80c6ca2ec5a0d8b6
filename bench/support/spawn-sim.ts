import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoGateway } from '../../src/main/broker/broker-service';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Starts the simulator in a child process and resolves once it listens; it ticks every `tickIntervalMs`. */
export function spawnSim(held: number, tickIntervalMs = 250): Promise<DemoGateway> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'sim-process.ts'), String(held), String(tickIntervalMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.once('exit', (code) => reject(new Error(`The simulator exited early (${code}).`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n')[0];
      if (!buffer.includes('\n') || !line) return;
      const { host, port } = JSON.parse(line) as { host: string; port: number };
      resolve({
        host,
        port,
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
