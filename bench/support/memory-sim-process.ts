import { createInterface } from 'node:readline';
import { startSimGateway } from '../../src/sim/index';
import { TradingHoursClock } from '../../test/support/trading-hours-clock';

// The simulator alone in its own process, for the memory bench: it prints
// where it listens, then answers each "rss" line on stdin with its own
// resident set and heap, so the figure excludes the client driving it.

const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 11, tickIntervalMs: 250, pacing: false, clock: new TradingHoursClock() });
process.stdout.write(`${JSON.stringify({ host: sim.host, port: sim.port })}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'rss') return;
  const m = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers })}\n`);
  if (process.env.SIM_MEMORY_TRACE) process.stderr.write(`sim memory ${JSON.stringify(m)}\n`);
});
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
