import type { GatewayLink } from './gateway-link';

/**
 * The timers one gateway connection runs: the reconnect wait, the sync
 * deadline and the heartbeat. Each teardown clears all of them at once, so a
 * timer armed for a dead link can never fire into the next one.
 */
export class SessionTimers {
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private heartbeatDeadline: NodeJS.Timeout | undefined;
  /** A heartbeat is queued or awaiting its answer: never more than one. */
  private heartbeatInFlight = false;
  private syncDeadline: NodeJS.Timeout | undefined;

  /** Runs `retry` after `delayMs`, replacing any reconnect already waiting. */
  reconnectAfter(delayMs: number, retry: () => void): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      retry();
    }, delayMs);
  }

  /** `onLate` runs if the sync has not finished (see syncFinished) within `timeoutMs`. */
  armSyncDeadline(timeoutMs: number, onLate: () => void): void {
    this.syncFinished();
    this.syncDeadline = setTimeout(() => {
      this.syncDeadline = undefined;
      onLate();
    }, timeoutMs);
  }

  syncFinished(): void {
    if (this.syncDeadline) clearTimeout(this.syncDeadline);
    this.syncDeadline = undefined;
  }

  /**
   * Asks for the gateway's time every `intervalMs`; `onSilent` runs when an
   * answer takes longer than `timeoutMs`: an open socket that stops answering
   * is as dead as a closed one.
   */
  startHeartbeat(link: GatewayLink, intervalMs: number, timeoutMs: number, onSilent: () => void): void {
    this.heartbeatInFlight = false;
    this.heartbeatTimer = setInterval(() => {
      if (this.heartbeatInFlight || !link.alive) return;
      this.heartbeatInFlight = link.send('data', (api) => {
        api.reqCurrentTime();
        // The clock starts when the request leaves, not while it waits in
        // the pacer behind a burst of quote subscriptions (a large book takes
        // many seconds to subscribe at 45 messages a second).
        this.heartbeatDeadline = setTimeout(() => {
          this.heartbeatDeadline = undefined;
          onSilent();
        }, timeoutMs);
      });
    }, intervalMs);
  }

  heartbeatAnswered(): void {
    if (this.heartbeatDeadline) clearTimeout(this.heartbeatDeadline);
    this.heartbeatDeadline = undefined;
    this.heartbeatInFlight = false;
  }

  clear(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.reconnectTimer = undefined;
    this.heartbeatTimer = undefined;
    this.heartbeatAnswered();
    this.syncFinished();
  }
}
