import type { DemoGateway } from './broker-service';

/**
 * Demo mode: the simulated IB Gateway from src/sim, started inside the app
 * on a free loopback port. It speaks the real protocol, so the app connects
 * to it exactly as it would to IB Gateway.
 */
export async function startEmbeddedDemoGateway(now: () => number, seed = 7): Promise<DemoGateway> {
  const { startSimGateway, SystemClock } = await import('../../sim/index');
  // A demo should trade whenever someone tries it, night or weekend: the
  // simulated market stays open, and says so in its contract hours. Its
  // time is the backend's own clock, so the two agree on every timestamp.
  const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed, marketHours: 'always-open', clock: new SystemClock(now) });
  return { host: sim.host, port: sim.port, close: () => sim.close() };
}
