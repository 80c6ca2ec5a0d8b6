import { create } from 'zustand';
import { createAppInfoSlice, type AppInfoSlice } from './app-info-slice';
import { createPortfolioSlice, type PortfolioSlice } from './portfolio-slice';
import { createQueueSlice, type QueueSlice } from './queue-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createChatSlice, type ChatSlice } from './chat-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createShellSlice, type ShellSlice } from './shell-slice';

export type AppStore = SessionSlice & SettingsSlice & AppInfoSlice & PortfolioSlice & QueueSlice & UiSlice & ChatSlice & ShellSlice;

/** The renderer's one store, assembled from feature slices. */
export const useAppStore = create<AppStore>()((...args) => ({
  ...createSessionSlice(...args),
  ...createSettingsSlice(...args),
  ...createAppInfoSlice(...args),
  ...createPortfolioSlice(...args),
  ...createQueueSlice(...args),
  ...createUiSlice(...args),
  ...createChatSlice(...args),
  ...createShellSlice(...args),
}));
