import { Fragment, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { ChatMessageView, ToolOutcome, TurnRecordView } from '../../../shared/claude';
import { rendererApi } from '../api';
import { formatMoney } from '../../../shared/format-numbers';
import { useFocusRequest } from '../keyboard/use-keyboard';
import { useAppStore } from '../store';
import { ClaudeKeyForm } from './claude-key-form';
import { Markdown } from './markdown';
import { ToolCallLine } from './tool-call-line';

function newConversationId(): string {
  return crypto.randomUUID();
}

export function ChatPane() {
  const section = useRef<HTMLElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  useFocusRequest('chat', section);
  useFocusRequest('chat-input', input);
  const claude = useAppStore((s) => s.claude);
  const conversations = useAppStore((s) => s.conversations);
  const conversationId = useAppStore((s) => s.conversationId);
  const conversation = useAppStore((s) => s.conversation);
  const live = useAppStore((s) => s.live);
  const notice = useAppStore((s) => s.chatNotice);
  useFollowNewest(log, claude?.keyPresent === true, conversationId);
  const [text, setText] = useState('');
  const [running, setRunning] = useState(false);
  const api = rendererApi();
  const store = useAppStore.getState();

  const refresh = async (id: string): Promise<void> => {
    const [view, list, status] = await Promise.all([api.getConversation({ conversationId: id }), api.listConversations(), api.getClaudeStatus()]);
    // A conversation that could not be read keeps what is on screen (the
    // turn just streamed included) and says so, rather than showing nothing.
    if (view.ok) useAppStore.getState().openConversation(id, view.value);
    else store.setChatNotice(`Could not load the conversation: ${view.error.message}`);
    if (list.ok) store.setConversations(list.value);
    if (status.ok) store.setClaude(status.value);
  };

  const send = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    const message = text.trim();
    if (!message || running) return;
    const id = conversationId ?? newConversationId();
    if (!conversationId) store.openConversation(id, { id, messages: [], turns: [], running: true });
    setText('');
    setRunning(true);
    store.startTurn(message);
    try {
      const result = await api.sendChat({ conversationId: id, text: message });
      if (!result.ok) store.setChatNotice(result.error.message);
      else if (result.value.status !== 'complete' && result.value.message) store.setChatNotice(result.value.message);
      // The streamed turn stays on screen until the stored conversation
      // replaces it in one render: the reply never blinks out in between.
      await refresh(id);
    } finally {
      setRunning(false);
    }
  };

  const stop = (): void => {
    if (conversationId) void api.cancelChat({ conversationId });
  };

  const remove = async (): Promise<void> => {
    if (!conversationId) return;
    await api.deleteConversation({ conversationId });
    store.openConversation(newConversationId(), undefined);
    const list = await api.listConversations();
    if (list.ok) store.setConversations(list.value);
  };

  return (
    <section
      ref={section}
      tabIndex={-1}
      className="pane chat-pane"
      aria-labelledby="chat-title"
      data-testid="chat-pane"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && running) {
          event.preventDefault();
          stop();
        }
      }}
    >
      <div className="pane-header">
        <h2 id="chat-title">Research chat</h2>
        {claude?.keyPresent && (
          <span className="chat-usage muted" data-testid="chat-usage" title="Claude spend this month">
            {formatMoney(claude.month.usd)} USD this month{claude.settings.monthlySpendLimitUsd !== null ? ` of ${formatMoney(claude.settings.monthlySpendLimitUsd)}` : ''}
          </span>
        )}
      </div>
      {!claude?.keyPresent ? (
        <ClaudeKeyForm onSaved={() => store.requestFocus('chat-input')} />
      ) : (
        <>
          <div className="chat-toolbar">
            <select
              aria-label="Conversation"
              value={conversationId ?? ''}
              onChange={(event) => (event.target.value ? void refresh(event.target.value) : store.openConversation(newConversationId(), undefined))}
            >
              <option value="">New conversation</option>
              {conversations.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => store.openConversation(newConversationId(), undefined)}>
              New
            </button>
            {conversation && conversation.turns.length > 0 && (
              <button type="button" onClick={() => void remove()} title="Delete this conversation and everything stored with it">
                Delete
              </button>
            )}
          </div>
          <div ref={log} className="chat-log" aria-live="polite" data-testid="chat-log">
            {(conversation?.messages ?? []).map((message, index) => (
              <ChatMessage key={index} message={message} />
            ))}
            {live && <LiveTurnView />}
            {notice && (
              <p className="problem" role="alert" data-testid="chat-notice">
                {notice}
              </p>
            )}
            {(conversation?.turns ?? []).length > 0 && <WhatClaudeSaw turns={conversation?.turns ?? []} />}
          </div>
          <form className="chat-input" onSubmit={(event) => void send(event)}>
            <textarea
              ref={input}
              data-testid="chat-input"
              aria-label="Message to Claude"
              placeholder="Ask about your account… (Enter to send, Shift+Enter for a new line)"
              rows={3}
              value={text}
              onChange={(event) => setText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.shiftKey) {
                  event.preventDefault();
                  void send();
                }
              }}
            />
            {running ? (
              <button type="button" onClick={stop} data-testid="chat-stop">
                Stop
              </button>
            ) : (
              <button type="submit">Send</button>
            )}
          </form>
        </>
      )}
    </section>
  );
}

function ChatMessage({ message }: { message: ChatMessageView }) {
  return (
    <div className={`chat-message chat-${message.role}`}>
      <ToolCalls calls={message.toolCalls} />
      {message.flag && (
        <p className="problem claim-flag" role="note" data-testid="claim-flag">
          {message.flag}
        </p>
      )}
      {message.text && (message.role === 'assistant' ? <Markdown text={message.text} /> : <p>{message.text}</p>)}
    </div>
  );
}

function LiveTurnView() {
  const live = useAppStore((s) => s.live);
  if (!live) return null;
  return (
    <>
      <div className="chat-message chat-user live" data-testid="chat-question">
        <p>{live.question}</p>
      </div>
      <div className="chat-message chat-assistant live" data-testid="chat-live">
        <ToolCalls calls={live.toolCalls} />
        <Markdown text={live.text} />
      </div>
    </>
  );
}

/** Each call as it went, and under a draft_order call the link to the draft it made: it stays with the conversation. */
function ToolCalls({ calls }: { calls: readonly { id: string; summary: string; outcome?: ToolOutcome | undefined; reason?: string | undefined; draftId?: string | undefined }[] }) {
  return (
    <>
      {calls.map((call) => (
        <Fragment key={call.id}>
          <ToolCallLine summary={call.summary} outcome={call.outcome} reason={call.reason} />
          {call.draftId && <DraftLink draftId={call.draftId} />}
        </Fragment>
      ))}
    </>
  );
}

/**
 * Keeps the newest message in view as the log grows, unless the person has
 * scrolled up to read something earlier; scrolling back to the end, or
 * opening another conversation, follows again.
 */
function useFollowNewest(ref: RefObject<HTMLElement | null>, shown: boolean, conversationId: string | undefined): void {
  useEffect(() => {
    const log = ref.current;
    if (!log) return;
    let following = true;
    const atEnd = (): boolean => log.scrollHeight - log.scrollTop - log.clientHeight <= 24;
    const onScroll = (): void => {
      following = atEnd();
    };
    const observer = new MutationObserver(() => {
      if (following) log.scrollTop = log.scrollHeight;
    });
    log.addEventListener('scroll', onScroll);
    observer.observe(log, { childList: true, subtree: true, characterData: true });
    log.scrollTop = log.scrollHeight;
    return () => {
      observer.disconnect();
      log.removeEventListener('scroll', onScroll);
    };
    // Another conversation opens at its newest message, following again.
  }, [ref, shown, conversationId]);
}

/** Where the draft really is now, never more than that: only the person approves. */
function draftWords(state: string): string {
  if (state === 'pending') return 'waiting for you';
  if (state === 'blocked') return 'blocked by a check';
  return state.replace('_', ' ');
}

/** Says where the draft is only as the queue knows it now; one the queue no longer lists is named without a state. */
function DraftLink({ draftId }: { draftId: string }) {
  const draft = useAppStore((s) => s.queue.drafts.find((d) => d.id === draftId));
  return (
    <button
      type="button"
      className={`draft-link state-${draft?.state ?? 'unknown'}`}
      data-testid="chat-draft"
      onClick={() => {
        const store = useAppStore.getState();
        store.selectDraft(draftId);
        store.requestFocus('queue');
      }}
    >
      Draft {draft ? `${draft.order.side} ${draft.order.quantity} ${draft.contract.symbol} — ${draftWords(draft.state)}` : draftId.slice(0, 8)} → open in queue
    </button>
  );
}

/** Exactly what was sent to Claude in each turn: the message and every tool result. */
function WhatClaudeSaw({ turns }: { turns: TurnRecordView[] }) {
  return (
    <details className="what-claude-saw" data-testid="what-claude-saw">
      <summary>What Claude saw ({turns.length} {turns.length === 1 ? 'turn' : 'turns'})</summary>
      {turns.map((turn) => (
        <div key={turn.turnId} className="seen-turn">
          <p className="muted">
            {new Date(turn.startedAt).toLocaleTimeString()} · {turn.outcome} · {formatMoney(turn.usd)} USD{turn.costEstimated ? ' (estimated)' : ''} · {turn.usage.input} in / {turn.usage.output} out /{' '}
            {turn.usage.cacheRead} cached
          </p>
          <pre>{turn.userText}</pre>
          {turn.draftIds.map((id) => (
            <DraftLink key={id} draftId={id} />
          ))}
          {turn.toolResults.map((result) => (
            <div key={result.toolUseId}>
              <p className="muted">
                {result.name}
                {result.isError ? ' (error)' : ''}
              </p>
              <pre>{result.content}</pre>
            </div>
          ))}
        </div>
      ))}
    </details>
  );
}
