import type * as Simulator from '../../sim/index';
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
 * undone by a reconnect, a switch away and back, or a restart. The write is
 * asynchronous: a flush to disk (tens of ms on a busy disk) never stalls the
 * main process, at the price that a crash in the instant between a fill and
 * its write can lose that fill from the demo account.
 */
let simulator: Promise<typeof Simulator> | undefined;

/**
 * Starts loading the simulator's code without waiting for it. Called when
 * the backend is built, so the module is in memory by the time the session
 * starts (the app opens its window meanwhile): on a cold start its loading
 * was most of the time to the first positions.
 */
export function preloadDemoGateway(): void {
  if (simulator) return;
  simulator = import('../../sim/index');
  // A load that fails is reported where the demo starts (which awaits this
  // promise); a backend stopped before that must not leave it unhandled.
  simulator.catch(() => undefined);
}

export async function startEmbeddedDemoGateway(options: EmbeddedDemoOptions): Promise<EmbeddedDemoGateway> {
  // Throws DemoAccountUnreadable for a damaged file: the demo does not start over it.
  const saved = options.account.load();
  preloadDemoGateway();
  const { startSimGateway, SystemClock } = await (simulator as Promise<typeof Simulator>);
  // A demo should trade whenever someone tries it, night or weekend: the
  // simulated market stays open, and says so in its contract hours. Its
  // time is the backend's own clock, so the two agree on every timestamp.
  const clock = options.clock ?? new SystemClock(options.now);
  let sim: SimGateway;
  try {
    sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: options.seed ?? 7, marketHours: 'always-open', clock, idSalt: options.now(), ...(saved ? { saved } : {}) });
  } catch (error) {
    throw new DemoAccountUnreadable(`The demo account saved in ${options.account.path} cannot be carried on: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const { engine } = sim;
  let writing: Promise<void> | undefined;
  let again = false;
  let failed = false;
  // One write in flight; changes meanwhile are written next, as one, from the state at that moment.
  const write = (): Promise<void> => {
    if (writing) {
      again = true;
      return writing;
    }
    const state = engine.state();
    writing = options.account
      .save(state)
      .then(() => {
        if (failed) options.log.info('The demo account is being saved again');
        failed = false;
      })
      .catch((error: unknown) => {
        // The demo keeps trading; the next change tries again. Said once, not on every fill.
        if (!failed) options.log.error(`Could not save the demo account to ${options.account.path}; its latest changes would be lost on restart`, error);
        failed = true;
      })
      .finally(() => {
        writing = undefined;
        if (again) {
          again = false;
          void write();
        }
      });
    return writing;
  };
  // A fill changes the order, the execution log and the account together: the
  // state is read once that engine step is complete (a microtask later).
  let queued = false;
  const changed = (): void => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      void write();
    });
  };
  const unsubscribe = [engine.on('orderStatus', changed), engine.on('execution', changed), engine.on('account', changed)];
  // The account is on disk as it opened before any client sees it: a fresh one, so a crash before the first trade
  // cannot reopen a different one; a carried-on one with what expired while the app was closed settled, so the
  // executions a client is told of are the ones the next run has.
  await write();
  return {
    host: sim.host,
    port: sim.port,
    sim,
    async close() {
      await sim.close();
      for (const stop of unsubscribe) stop();
      // Trailing stops move without an order event: the last word is written after the market stops.
      while (writing) await writing;
      await write();
    },
  };
}
