import type { DemoGateway } from './broker-service';

/**
 * Demo mode: the simulated IB Gateway from src/sim, started inside the app
 * on a free loopback port. It speaks the real protocol, so the app connects
 * to it exactly as it would to IB Gateway.
 */
export async function startEmbeddedDemoGateway(seed = 7): Promise<DemoGateway> {
  const { startSimGateway } = await import('../../sim/index');
  // A demo should trade whenever someone tries it, night or weekend: the
  // simulated market stays open, and says so in its contract hours.
  const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed, marketHours: 'always-open' });
  return { host: sim.host, port: sim.port, close: () => sim.close() };
}
