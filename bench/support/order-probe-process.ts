import { startSimGateway } from '../../src/sim/index';
import { TradingHoursClock } from '../../test/support/trading-hours-clock';

// The demo gateway in its own process, as IB Gateway is in real use, telling
// its parent (one JSON line each on stdout) every message it receives and
// every order it has read off its socket. Times are absolute
// (performance.timeOrigin + now(), microsecond precision), so the parent can
// compare them with its own clock.

const at = (now: number): number => performance.timeOrigin + now;
const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 5, clock: new TradingHoursClock() });
const write = (line: object): boolean => process.stdout.write(`${JSON.stringify(line)}\n`);
write({ kind: 'listening', host: sim.host, port: sim.port, accounts: sim.accounts });
sim.on('request', () => write({ kind: 'request', at: at(performance.now()) }));
sim.on('placeOrder', (event) => {
  if (!event.whatIf) write({ kind: 'order', orderRef: event.orderRef, at: at(event.receivedAt) });
});
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
