import type { SessionPhase } from './session';

// Kept apart from the schemas: the renderer's first screen uses this rule, and importing it must not bring zod along.

/** Approvals are only possible in this phase; everything else keeps drafts pending. */
export function sessionAllowsApproval(state: { phase: SessionPhase }): boolean {
  return state.phase === 'ready';
}
