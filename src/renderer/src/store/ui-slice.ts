import type { StateCreator } from 'zustand';

export type Dialog =
  | { kind: 'none' }
  | { kind: 'shortcuts' }
  | { kind: 'palette' }
  | { kind: 'reject'; draftId: string }
  | { kind: 'confirm-large'; draftId: string };

export type PaneName = 'positions' | 'queue' | 'chat';

export interface UiSlice {
  selectedDraftId: string | undefined;
  expandedDraftId: string | undefined;
  editingDraftId: string | undefined;
  dialog: Dialog;
  /** Bumped to ask a pane to take focus (keyboard jumps). */
  focusRequest: { pane: PaneName | 'ticket' | 'chat-input'; at: number } | undefined;
  selectDraft(id: string | undefined): void;
  toggleExpanded(id: string): void;
  setEditing(id: string | undefined): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  requestFocus(pane: PaneName | 'ticket' | 'chat-input'): void;
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  selectedDraftId: undefined,
  expandedDraftId: undefined,
  editingDraftId: undefined,
  dialog: { kind: 'none' },
  focusRequest: undefined,
  selectDraft: (selectedDraftId) => set({ selectedDraftId }),
  toggleExpanded: (id) => set((s) => ({ expandedDraftId: s.expandedDraftId === id ? undefined : id, selectedDraftId: id })),
  setEditing: (editingDraftId) => set({ editingDraftId }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: { kind: 'none' } }),
  requestFocus: (pane) => set({ focusRequest: { pane, at: Date.now() } }),
});
