import { startSimGateway } from '../../src/sim/index';
import { TradingHoursClock } from '../../test/support/trading-hours-clock';

// A demo gateway in its own process, so a benchmark's CPU figures for the
// backend do not include the simulator's work. Its clock runs at real speed
// inside regular trading hours: a closed market does not tick.

const held = Number(process.argv[2] ?? 500);
const tickIntervalMs = Number(process.argv[3] ?? 250);
const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 5, heldSymbols: held, tickIntervalMs, syntheticLive: true, clock: new TradingHoursClock() });
process.stdout.write(`${JSON.stringify({ host: sim.host, port: sim.port })}\n`);
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
