/**
 * Writes that protect the person's record but could not be committed (disk
 * full, a read-only file, a damaged page). The broker's action never waits
 * for these: a halt cancels first and records after. What could not be
 * written is kept in memory, retried, and shown to the person until it is
 * written, so a record that is missing is never silently missing.
 */
export interface StoreProblem {
  /** What could not be recorded, in the person's words. */
  what: string;
  /** The database's own reason (SQLITE_FULL, read-only, ...). */
  cause: string;
  since: number;
}

export interface StoreHealthOptions {
  now: () => number;
  /** Called whenever the list of problems changes. */
  changed?: () => void;
  /** How often a failed write is tried again. */
  retryMs?: number;
  schedule?: (fn: () => void, ms: number) => { unref?: () => void } | undefined;
  cancel?: (handle: unknown) => void;
}

export class StoreHealth {
  private readonly problems = new Map<string, StoreProblem & { retry: () => void }>();
  private timer: unknown;
  private readonly retryMs: number;
  private readonly schedule: NonNullable<StoreHealthOptions['schedule']>;
  private readonly cancel: NonNullable<StoreHealthOptions['cancel']>;
  private stopped = false;

  constructor(private readonly options: StoreHealthOptions) {
    this.retryMs = options.retryMs ?? 2000;
    this.schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
    this.cancel = options.cancel ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
  }

  /**
   * Runs `write`; if it throws, the problem is recorded under `key` and the
   * write is retried until it succeeds (a later write for the same key
   * replaces the earlier one: only the newest state needs recording).
   * Returns whether the write succeeded now.
   */
  record(key: string, what: string, write: () => void): boolean {
    try {
      write();
    } catch (error) {
      this.fail(key, what, error, () => this.record(key, what, write));
      return false;
    }
    this.clear(key);
    return true;
  }

  /** For writes whose retry is owned by the caller (e.g. a broker outcome replayed later). */
  fail(key: string, what: string, error: unknown, retry: () => void): void {
    const previous = this.problems.get(key);
    this.problems.set(key, { what, cause: causeOf(error), since: previous?.since ?? this.options.now(), retry });
    if (!previous || previous.what !== what) this.options.changed?.();
    this.arm();
  }

  clear(key: string): void {
    if (this.problems.delete(key)) this.options.changed?.();
  }

  get ok(): boolean {
    return this.problems.size === 0;
  }

  list(): StoreProblem[] {
    return [...this.problems.values()].map(({ what, cause, since }) => ({ what, cause, since }));
  }

  /** Plain sentences for the queue's banner. */
  describe(): string[] {
    return this.list().map((p) => `Not recorded: ${p.what}. The database refused the write (${p.cause}); Countersign keeps trying. Free disk space or fix the data folder's permissions.`);
  }

  /** Tries every failed write again now (also after any successful write elsewhere). */
  retryAll(): void {
    for (const problem of [...this.problems.values()]) problem.retry();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.cancel(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    if (this.timer !== undefined || this.stopped) return;
    const handle = this.schedule(() => {
      this.timer = undefined;
      this.retryAll();
      if (!this.ok) this.arm();
    }, this.retryMs);
    handle?.unref?.();
    this.timer = handle;
  }
}

function causeOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
