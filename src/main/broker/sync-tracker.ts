/**
 * One connection's initial sync. It starts when the gateway first offers an
 * order id (before that, every request hangs) and is complete once each of
 * the five streams has answered; only then may the session call itself ready.
 * The accounts list usually arrives before the sync starts and still counts.
 */
export type SyncPart = 'accounts' | 'summary' | 'positions' | 'orders' | 'executions';

const PARTS: readonly SyncPart[] = ['accounts', 'summary', 'positions', 'orders', 'executions'];

export class SyncTracker {
  private readonly answered = new Set<SyncPart>();
  private started = false;
  private complete = false;

  /** True while the sync has started and not yet completed. */
  get syncing(): boolean {
    return this.started && !this.complete;
  }

  /** Starts the sync; false if it has already started (a second next-valid-id is not a new sync). */
  begin(): boolean {
    if (this.started) return false;
    this.started = true;
    return true;
  }

  /** Records one stream's answer; true exactly once, for the answer that completes a started sync. */
  answer(part: SyncPart): boolean {
    this.answered.add(part);
    if (!this.syncing || !PARTS.every((p) => this.answered.has(p))) return false;
    this.complete = true;
    return true;
  }
}
