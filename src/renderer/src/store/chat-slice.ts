import type { StateCreator } from 'zustand';
import type { ChatEvent, ClaudeStatus, ConversationSummary, ConversationView, ToolOutcome } from '../../../shared/claude';

export interface LiveTurn {
  /** What the person asked, on screen from the moment it is sent. */
  question: string;
  text: string;
  toolCalls: { id: string; summary: string; isError?: boolean; outcome?: ToolOutcome; reason?: string; draftId?: string }[];
}

export interface ChatSlice {
  claude: ClaudeStatus | undefined;
  conversations: ConversationSummary[];
  conversationId: string | undefined;
  conversation: ConversationView | undefined;
  /** The turn streaming now, shown until the stored conversation replaces it. */
  live: LiveTurn | undefined;
  chatNotice: string | undefined;
  setClaude(status: ClaudeStatus): void;
  setConversations(list: ConversationSummary[]): void;
  openConversation(id: string, view: ConversationView | undefined): void;
  startTurn(question: string): void;
  applyChatEvent(event: ChatEvent): void;
  setChatNotice(notice: string | undefined): void;
}

export const createChatSlice: StateCreator<ChatSlice, [], [], ChatSlice> = (set) => ({
  claude: undefined,
  conversations: [],
  conversationId: undefined,
  conversation: undefined,
  live: undefined,
  chatNotice: undefined,
  setClaude: (claude) => set({ claude }),
  setConversations: (conversations) => set({ conversations }),
  openConversation: (conversationId, conversation) => set({ conversationId, conversation, live: undefined }),
  startTurn: (question) => set({ live: { question, text: '', toolCalls: [] }, chatNotice: undefined }),
  applyChatEvent: ({ conversationId, event }) =>
    set((state) => {
      // Only a turn started here streams into the pane; an event after the
      // stored conversation replaced the turn must not bring a stale copy back.
      if (conversationId !== state.conversationId || !state.live) return state;
      const live = state.live;
      switch (event.type) {
        case 'text':
          return { live: { ...live, text: live.text + event.delta } };
        case 'tool_call':
          return { live: { ...live, toolCalls: [...live.toolCalls, { id: event.toolUseId, summary: event.summary }] } };
        case 'tool_result':
          return {
            live: {
              ...live,
              toolCalls: live.toolCalls.map((call) =>
                call.id === event.toolUseId
                  ? { ...call, isError: event.isError, outcome: event.outcome, ...(event.reason ? { reason: event.reason } : {}), ...(event.draft ? { draftId: event.draft.draftId } : {}) }
                  : call,
              ),
            },
          };
        case 'done':
          return { chatNotice: event.result.status === 'complete' ? undefined : event.result.message };
        default:
          return state;
      }
    }),
  setChatNotice: (chatNotice) => set({ chatNotice }),
});
