import { z } from 'zod';

/**
 * The facts a card leads with after the order line and the checks that did
 * not pass: how the draft compares with the person's own habits and with
 * the market at the check. Computed in main from the same inputs as the
 * risk checks; the renderer only shows them.
 */
export const DraftFactKind = z.enum(['size', 'concentration', 'position', 'quote-distance', 'quote-age']);
export type DraftFactKind = z.infer<typeof DraftFactKind>;

export const DraftFact = z.object({
  kind: DraftFactKind,
  label: z.string().min(1),
  /** Plain words with the figures; when a figure cannot be computed, why not. */
  text: z.string().min(1),
  /** Far enough from the person's habits (or the usual) to be worth a second look. */
  standsOut: z.boolean(),
  /** false: the figure could not be computed (`text` says why). */
  known: z.boolean(),
});
export type DraftFact = z.infer<typeof DraftFact>;
