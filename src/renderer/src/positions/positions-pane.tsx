export function PositionsPane() {
  return (
    <section className="pane positions-pane" aria-labelledby="positions-title" data-testid="positions-pane">
      <h2 id="positions-title">Positions</h2>
      <p className="empty">Positions appear here once a gateway session is ready.</p>
    </section>
  );
}
