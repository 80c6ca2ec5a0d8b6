export function QueuePane() {
  return (
    <section className="pane queue-pane" aria-labelledby="queue-title" data-testid="queue-pane">
      <h2 id="queue-title">Approval queue</h2>
      <p className="empty">No drafts waiting. Drafts from Claude or your order ticket wait here for your sign-off.</p>
    </section>
  );
}
