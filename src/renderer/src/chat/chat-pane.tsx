import { useRef } from 'react';
import { useFocusRequest } from '../keyboard/use-keyboard';

export function ChatPane() {
  const ref = useRef<HTMLElement>(null);
  useFocusRequest('chat', ref);
  useFocusRequest('chat-input', ref);
  return (
    <section ref={ref} tabIndex={-1} className="pane chat-pane" aria-labelledby="chat-title" data-testid="chat-pane">
      <h2 id="chat-title">Research chat</h2>
      <p className="empty">Ask Claude about your account. Claude can draft orders; only you can approve them.</p>
    </section>
  );
}
