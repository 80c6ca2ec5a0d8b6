import type { SimClock, SimGateway } from '../../sim/index';
import type { Log } from '../log';
import type { DemoGateway } from './broker-service';
import { DemoAccountUnreadable, type DemoAccountFile } from './demo-account-file';

export interface EmbeddedDemoOptions {
  /** The backend's wall clock. */
  now: () => number;
  /** Where the demo account is kept between runs. */
  account: DemoAccountFile;
  log: Log;
  seed?: number;
  /** The simulated market's clock (default: the backend's own clock, in real time). Tests place it in trading hours. */
  clock?: SimClock;
}

/** The embedded simulator, for tests that also drive its fault switches. */
export interface EmbeddedDemoGateway extends DemoGateway {
  readonly sim: SimGateway;
}

/**
 * Demo mode: the simulated IB Gateway from src/sim, started inside the app
 * on a free loopback port. It speaks the real protocol, so the app connects
 * to it exactly as it would to IB Gateway. Its broker state is saved to the
 * data directory after every change (see DemoAccountFile), so fills are not
 * undone by a reconnect, a switch away and back, or a restart.
 */
export async function startEmbeddedDemoGateway(options: EmbeddedDemoOptions): Promise<EmbeddedDemoGateway> {
  // Throws DemoAccountUnreadable for a damaged file: the demo does not start over it.
  const saved = options.account.load();
  const { startSimGateway, SystemClock } = await import('../../sim/index');
  // A demo should trade whenever someone tries it, night or weekend: the
  // simulated market stays open, and says so in its contract hours. Its
  // time is the backend's own clock, so the two agree on every timestamp.
  const clock = options.clock ?? new SystemClock(options.now);
  let sim: SimGateway;
  try {
    sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: options.seed ?? 7, marketHours: 'always-open', clock, ...(saved ? { saved } : {}) });
  } catch (error) {
    throw new DemoAccountUnreadable(`The demo account saved in ${options.account.path} cannot be carried on: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const { engine } = sim;
  let pending = false;
  let failed = false;
  const save = (): void => {
    pending = false;
    try {
      options.account.save(engine.state());
      if (failed) options.log.info('The demo account is being saved again');
      failed = false;
    } catch (error) {
      // The demo keeps trading; the next change tries again. Said once, not on every fill.
      if (!failed) options.log.error(`Could not save the demo account to ${options.account.path}; its latest changes would be lost on restart`, error);
      failed = true;
    }
  };
  // One write per engine step: a fill changes the order, the execution log and the account
  // together, and the write runs once that step is complete, before any client can act on it.
  const changed = (): void => {
    if (pending) return;
    pending = true;
    queueMicrotask(save);
  };
  const unsubscribe = [engine.on('orderStatus', changed), engine.on('execution', changed), engine.on('account', changed)];
  // A fresh account is on disk from the start, so a crash before the first trade cannot reopen a different one.
  if (!saved || !saved.book) save();
  return {
    host: sim.host,
    port: sim.port,
    sim,
    async close() {
      await sim.close();
      for (const stop of unsubscribe) stop();
      // Trailing stops move without an order event: the last word is written after the market stops.
      save();
    },
  };
}
