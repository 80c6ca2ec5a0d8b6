import type * as Simulator from '../../sim/index';
import type { DemoGateway } from './broker-service';

/**
 * Demo mode: the simulated IB Gateway from src/sim, started inside the app
 * on a free loopback port. It speaks the real protocol, so the app connects
 * to it exactly as it would to IB Gateway.
 */
let simulator: Promise<typeof Simulator> | undefined;

/**
 * Starts loading the simulator's code without waiting for it. Called when
 * the backend is built, so the module is in memory by the time the session
 * starts (the app opens its window meanwhile): on a cold start its loading
 * was most of the time to the first positions.
 */
export function preloadDemoGateway(): void {
  simulator ??= import('../../sim/index');
}

export async function startEmbeddedDemoGateway(now: () => number, seed = 7): Promise<DemoGateway> {
  preloadDemoGateway();
  const { startSimGateway, SystemClock } = await (simulator as Promise<typeof Simulator>);
  // A demo should trade whenever someone tries it, night or weekend: the
  // simulated market stays open, and says so in its contract hours. Its
  // time is the backend's own clock, so the two agree on every timestamp.
  const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed, marketHours: 'always-open', clock: new SystemClock(now) });
  return { host: sim.host, port: sim.port, close: () => sim.close() };
}
