import type { StateCreator } from 'zustand';
import type { SessionState } from '../../../shared/session';

export interface SessionSlice {
  session: SessionState | undefined;
  setSession(session: SessionState): void;
}

export const createSessionSlice: StateCreator<SessionSlice, [], [], SessionSlice> = (set) => ({
  session: undefined,
  setSession: (session) => set({ session }),
});
