export function ChatPane() {
  return (
    <section className="pane chat-pane" aria-labelledby="chat-title" data-testid="chat-pane">
      <h2 id="chat-title">Research chat</h2>
      <p className="empty">Ask Claude about your account. Claude can draft orders; only you can approve them.</p>
    </section>
  );
}
