import { startSimGateway } from '../../src/sim/index';
import { SystemClock, type SimClock } from '../../src/sim/engine/index';

// A demo gateway in its own process, so a benchmark's CPU figures for the
// backend do not include the simulator's work. Its clock runs at real speed
// but is shifted into regular trading hours (Wednesday 2026-11-18 11:00
// US/Eastern), whenever the bench is run: a closed market does not tick.
const RTH_START = Date.UTC(2026, 10, 18, 16, 0, 0);

class TradingHoursClock implements SimClock {
  private readonly offset = RTH_START - Date.now();
  private readonly system = new SystemClock();

  now(): number {
    return Date.now() + this.offset;
  }

  schedule(atMs: number, fn: () => void): () => void {
    return this.system.schedule(atMs - this.offset, fn);
  }
}

const held = Number(process.argv[2] ?? 500);
const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 5, heldSymbols: held, tickIntervalMs: 250, clock: new TradingHoursClock() });
process.stdout.write(`${JSON.stringify({ host: sim.host, port: sim.port })}\n`);
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
