import type { DemoGateway } from './broker-service';

/**
 * Demo mode: the simulated IB Gateway from src/sim, started inside the app
 * on a free loopback port. It speaks the real protocol, so the app connects
 * to it exactly as it would to IB Gateway.
 */
export async function startEmbeddedDemoGateway(seed = 7): Promise<DemoGateway> {
  const { startSimGateway } = await import('../../sim/index');
  const sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed });
  return { host: sim.host, port: sim.port, close: () => sim.close() };
}
