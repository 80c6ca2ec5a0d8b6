import { z } from 'zod';

/**
 * The broker session as the person sees it. Every phase the UI can show is
 * listed here so the status bar, the pop-ups and the approval guard all read
 * one value instead of inferring the state from scattered flags.
 */
export const SessionPhase = z.enum([
  'idle', // no connection attempted yet (first start, settings open)
  'connecting',
  'syncing', // socket up, portfolio being re-synced before orders are allowed
  'ready',
  'lost', // connection dropped; reconnecting with backoff
  'restored', // IB reported connectivity restored; re-syncing
  'taken', // another login took the brokerage session (10197 / competing session)
  'client_id_in_use', // 326
  'reset_window', // IB's nightly restart
  'failed', // gave up; the reason says what to do next
]);
export type SessionPhase = z.infer<typeof SessionPhase>;

export const GatewayKind = z.enum(['demo', 'gateway', 'tws', 'unknown']);
export type GatewayKind = z.infer<typeof GatewayKind>;

export const TradingMode = z.enum(['paper', 'live', 'unknown']);
export type TradingMode = z.infer<typeof TradingMode>;

export const SessionState = z.object({
  phase: SessionPhase,
  /** Plain words for the status bar and pop-ups; never a raw error code alone. */
  message: z.string(),
  /** What the person can do next, when there is something to do. */
  nextStep: z.string().optional(),
  gateway: GatewayKind,
  mode: TradingMode,
  host: z.string().optional(),
  port: z.number().int().optional(),
  clientId: z.number().int().optional(),
  accounts: z.array(z.string()),
  reconnectAttempt: z.number().int().nonnegative().optional(),
  /** Epoch ms of the next reconnect attempt or the end of the reset window. */
  nextAttemptAt: z.number().optional(),
  since: z.number(),
});
export type SessionState = z.infer<typeof SessionState>;

export { sessionAllowsApproval } from './session-rules';
