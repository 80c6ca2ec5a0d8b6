import type { SessionPhase } from '../../../shared/session';

export const PHASE_LABEL: Record<SessionPhase, string> = {
  idle: 'Not connected',
  connecting: 'Connecting',
  syncing: 'Syncing',
  ready: 'Ready',
  lost: 'Connection lost',
  restored: 'Restoring',
  taken: 'Session taken',
  client_id_in_use: 'Client id in use',
  reset_window: 'IB nightly reset',
  failed: 'Not connected',
};

/** A colour family per phase: green only when orders can actually be approved. */
export const PHASE_TONE: Record<SessionPhase, 'good' | 'busy' | 'bad' | 'quiet'> = {
  idle: 'quiet',
  connecting: 'busy',
  syncing: 'busy',
  ready: 'good',
  lost: 'bad',
  restored: 'busy',
  taken: 'bad',
  client_id_in_use: 'bad',
  reset_window: 'busy',
  failed: 'bad',
};
