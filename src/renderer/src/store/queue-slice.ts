import type { StateCreator } from 'zustand';
import type { QueueView } from '../../../shared/queue';

export interface QueueSlice {
  queue: QueueView;
  setQueue(queue: QueueView): void;
}

export const createQueueSlice: StateCreator<QueueSlice, [], [], QueueSlice> = (set) => ({
  // Until the backend says otherwise, nothing may be approved.
  queue: { drafts: [], tradingState: 'halted', review: {} },
  setQueue: (queue) => set({ queue }),
});
