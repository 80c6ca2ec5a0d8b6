import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BrokerState, countersOnly } from '../../sim/engine/broker-state';

export const DEMO_ACCOUNT_FILE = 'demo-account.json';

const SavedFile = z.object({
  format: z.literal('countersign-demo-account'),
  savedAt: z.number(),
  broker: BrokerState,
});

export type DemoAccountReading =
  | { kind: 'none' }
  | { kind: 'saved'; state: BrokerState }
  | { kind: 'damaged'; problem: string };

const NEXT_STEP = 'The demo gateway was not started, so nothing in the file was lost or replaced. To open the demo account again from its starting balances, use Settings → Connection → Reset demo account (the damaged file is kept beside it).';

/** The demo account file cannot be read: the demo gateway does not start over it, and says how to go on. */
export class DemoAccountUnreadable extends Error {
  override readonly name = 'DemoAccountUnreadable';
  readonly nextStep = NEXT_STEP;
}

/**
 * The demo gateway's broker state (cash, positions, orders, fills, id
 * counters) in the app's data directory, so the demo account survives
 * reconnects, switching away and back, and restarts. A damaged file is never
 * overwritten: the demo waits until the person resets it, and a reset keeps
 * the damaged file beside it under another name.
 */
export class DemoAccountFile {
  readonly path: string;
  /** Every write and reset of the file, one after another: two at once would share the temporary file and could rename a mix of both into place. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataDirectory: string,
    private readonly now: () => number,
  ) {
    this.path = path.join(dataDirectory, DEMO_ACCOUNT_FILE);
  }

  read(): DemoAccountReading {
    let text: string;
    try {
      text = fs.readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
      return { kind: 'damaged', problem: `The demo account file ${this.path} cannot be read (${(error as Error).message}).` };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { kind: 'damaged', problem: `The demo account file ${this.path} is damaged: it is not complete JSON.` };
    }
    const parsed = SavedFile.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
      return { kind: 'damaged', problem: `The demo account file ${this.path} is damaged: ${first?.message ?? 'it does not hold a demo account'}${where}.` };
    }
    return { kind: 'saved', state: parsed.data.broker };
  }

  /** The saved state, or undefined for none; throws DemoAccountUnreadable for a damaged file. */
  load(): BrokerState | undefined {
    const reading = this.read();
    if (reading.kind === 'damaged') throw new DemoAccountUnreadable(reading.problem);
    return reading.kind === 'saved' ? reading.state : undefined;
  }

  /**
   * Written to a temporary file, flushed, then renamed over the old one (and
   * the directory flushed): a crash leaves the old or the new account, never
   * half of one. Asynchronous, so a slow disk never stalls the main process;
   * the caller keeps one write in flight at a time.
   */
  save(state: BrokerState): Promise<void> {
    return this.inTurn(() => this.write(state));
  }

  private inTurn<T>(change: () => Promise<T>): Promise<T> {
    const turn = this.writes.then(change, change);
    this.writes = turn.catch(() => undefined);
    return turn;
  }

  private async write(state: BrokerState): Promise<void> {
    const text = JSON.stringify({ format: 'countersign-demo-account', savedAt: this.now(), broker: state });
    const temporary = `${this.path}.next`;
    const handle = await fsp.open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temporary, this.path);
    await syncDirectory(this.dataDirectory);
  }

  /**
   * The demo accounts open again from the starting book. Order and execution
   * id counters carry on, so no new order or fill can be taken for an old one.
   * A damaged file is kept under another name (returned), never deleted.
   */
  reset(): Promise<{ keptDamagedAs?: string }> {
    // Read in its turn, after any write before it has landed.
    return this.inTurn(() => this.resetNow());
  }

  private async resetNow(): Promise<{ keptDamagedAs?: string }> {
    const reading = this.read();
    if (reading.kind === 'none') return {};
    if (reading.kind === 'saved') {
      await this.write(countersOnly(reading.state));
      return {};
    }
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    const keptAs = await this.keepAside(stamp);
    await syncDirectory(this.dataDirectory);
    return { keptDamagedAs: keptAs };
  }

  /**
   * The damaged file under a name no other file has: linked there (which, unlike a rename, fails rather than
   * replace a file kept before at the same instant, as after a clock stepped back), then unlinked here.
   */
  private async keepAside(stamp: string): Promise<string> {
    for (let n = 1; ; n += 1) {
      const keptAs = path.join(this.dataDirectory, `demo-account.damaged-${stamp}${n === 1 ? '' : `-${n}`}.json`);
      try {
        await fsp.link(this.path, keptAs);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        // A volume without hard links: the name is checked first, then renamed (the app is the file's only writer).
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
        if (fs.existsSync(keptAs)) continue;
        await fsp.rename(this.path, keptAs);
        return keptAs;
      }
      await fsp.unlink(this.path);
      return keptAs;
    }
  }
}


/** A rename is durable only once the directory entry is on disk too (not possible on Windows, where rename is already durable). */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fsp.open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
