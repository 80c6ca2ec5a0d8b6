/**
 * Reconnect delays: exponential with full jitter, so a fleet of clients that
 * lost the same gateway does not come back in lock-step, and capped so a
 * person waiting on a restored gateway is not left waiting for minutes.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  random?: () => number;
}

export function reconnectDelay(attempt: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt - 1));
  // Never less than half the ceiling: full jitter down to zero would retry
  // instantly against a gateway that just refused us.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
