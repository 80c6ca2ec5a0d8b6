import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../../shared/app-info';

export interface AppInfoSlice {
  appInfo: AppInfo | undefined;
  /** A problem reaching the backend, in plain words, shown instead of stale data. */
  backendProblem: string | undefined;
  setAppInfo(appInfo: AppInfo): void;
  setBackendProblem(problem: string | undefined): void;
}

export const createAppInfoSlice: StateCreator<AppInfoSlice, [], [], AppInfoSlice> = (set) => ({
  appInfo: undefined,
  backendProblem: undefined,
  setAppInfo: (appInfo) => set({ appInfo }),
  setBackendProblem: (backendProblem) => set({ backendProblem }),
});
