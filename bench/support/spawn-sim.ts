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
  // However the bench ends (a throw, a timeout, process.exit), the simulator
  // goes with it: an orphan keeps the bench's stderr open, and a piped
  // `npm run bench` then never finishes.
  const killOnExit = (): void => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
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
            process.off('exit', killOnExit);
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
