import type { StateCreator } from 'zustand';
import type { Settings } from '../../../shared/settings';

export interface SettingsSlice {
  settings: Settings | undefined;
  setSettings(settings: Settings): void;
}

export const createSettingsSlice: StateCreator<SettingsSlice, [], [], SettingsSlice> = (set) => ({
  settings: undefined,
  setSettings: (settings) => set({ settings }),
});
