import type { StateCreator } from 'zustand';

export type Dialog =
  | { kind: 'none' }
  | { kind: 'shortcuts' }
  | { kind: 'palette' }
  | { kind: 'reject'; draftId: string }
  | { kind: 'confirm-large'; draftId: string }
  /** A global shortcut asked to halt: nothing is cancelled until the person confirms here. */
  | { kind: 'confirm-halt' };

export type PaneName = 'positions' | 'queue' | 'chat';

/** Whose price the chart shows: the draft or the position the person looked at last. */
export type ChartSubject = { kind: 'draft'; draftId: string } | { kind: 'position'; key: string };

export interface UiSlice {
  selectedDraftId: string | undefined;
  expandedDraftId: string | undefined;
  editingDraftId: string | undefined;
  /** The draft whose passed checks are shown in full (they are one line otherwise). */
  passesShownDraftId: string | undefined;
  dialog: Dialog;
  chartSubject: ChartSubject | undefined;
  /** Bumped to ask a pane to take focus (keyboard jumps). */
  focusRequest: { pane: PaneName | 'ticket' | 'chat-input'; at: number } | undefined;
  selectDraft(id: string | undefined): void;
  showPositionChart(key: string): void;
  toggleExpanded(id: string): void;
  setEditing(id: string | undefined): void;
  togglePasses(id: string): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  requestFocus(pane: PaneName | 'ticket' | 'chat-input'): void;
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  selectedDraftId: undefined,
  expandedDraftId: undefined,
  editingDraftId: undefined,
  passesShownDraftId: undefined,
  dialog: { kind: 'none' },
  chartSubject: undefined,
  focusRequest: undefined,
  selectDraft: (selectedDraftId) => set(selectedDraftId ? { selectedDraftId, chartSubject: { kind: 'draft', draftId: selectedDraftId } } : { selectedDraftId }),
  showPositionChart: (key) => set({ chartSubject: { kind: 'position', key } }),
  toggleExpanded: (id) =>
    set((s) => ({ expandedDraftId: s.expandedDraftId === id ? undefined : id, selectedDraftId: id, chartSubject: { kind: 'draft', draftId: id } })),
  setEditing: (editingDraftId) => set({ editingDraftId }),
  togglePasses: (id) => set((s) => ({ passesShownDraftId: s.passesShownDraftId === id ? undefined : id })),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: { kind: 'none' } }),
  requestFocus: (pane) => set({ focusRequest: { pane, at: Date.now() } }),
});
