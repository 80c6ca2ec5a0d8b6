import type { UnreadableDraft } from '../../../shared/queue';

/**
 * Stored drafts that could not be read. They are never acted on (no keys, no
 * buttons): the person checks them in TWS and restores the data file from a
 * backup if one of them was an order.
 */
export function UnreadableDrafts({ rows }: { rows: readonly UnreadableDraft[] }) {
  if (rows.length === 0) return null;
  return (
    <section aria-label="Unreadable drafts" data-testid="unreadable-drafts">
      <h3>Needs review: unreadable</h3>
      {rows.map((row) => (
        <article key={row.id} className="draft-card state-needs_review" data-testid="unreadable-draft" role="alert">
          <strong>Saved draft {row.id} cannot be read</strong>
          <p>
            {row.problem}. It was saved as <em>{row.storedState}</em> and is left exactly as it is: Countersign does not act on it. If it was an
            order, check it in TWS; restore the data file from a backup to see it again.
          </p>
        </article>
      ))}
    </section>
  );
}
