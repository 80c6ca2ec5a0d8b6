import { startSimGateway } from '../../src/sim/index';

// A demo gateway in its own process, so a benchmark's CPU figures for the
// backend do not include the simulator's work. Prints its port as JSON.
const held = Number(process.argv[2] ?? 500);
const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 5, heldSymbols: held, tickIntervalMs: 250 });
process.stdout.write(`${JSON.stringify({ host: sim.host, port: sim.port })}\n`);
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
