/**
 * Claude can only draft. A reply that says an order was placed, approved,
 * sent, executed or cancelled is wrong whatever made the model write it (an
 * injected instruction, a hallucination), and the person must not believe
 * it: the chat flags such text. The patterns look for a claim of the act,
 * not for the words alone, so "nothing has been sent" and "once you approve
 * it" are not flagged.
 */
const acts = '(?:placed|submitted|sent|approved|executed|transmitted|cancell?ed|filled|routed)';
const claims: readonly RegExp[] = [
  // "I placed", "I've approved", "I have just sent", "we cancelled"
  new RegExp(`\\b(?:i|we)(?:'ve|’ve| have| had)?\\s+(?:just\\s+|now\\s+|already\\s+|also\\s+|successfully\\s+)?${acts}\\b`, 'i'),
  // "the order was placed", "your orders have been sent", "trade is executed", "draft has been approved"
  new RegExp(`\\b(?:order|orders|trade|trades|draft|drafts|it)\\s+(?:has|have|was|were|is|are)\\s+(?:now\\s+|already\\s+|just\\s+|successfully\\s+)?(?:been\\s+)?${acts}\\b`, 'i'),
  // "I bought 10 AAPL for you", "I sold your shares"
  /\b(?:i|we)(?:'ve|’ve| have)?\s+(?:just\s+|now\s+|already\s+)?(?:bought|sold|shorted)\b/i,
  // "Order placed.", "Submitted to IB", "Sent to the broker"
  new RegExp(`(?:^|[.!\\n]\\s*)(?:order\\s+)?${acts}\\s+(?:to|at|with|on)\\s+(?:ib|ibkr|interactive brokers|the broker|the market|the exchange)\\b`, 'i'),
];

export function claimsOrderAction(text: string): boolean {
  return claims.some((pattern) => pattern.test(text));
}

/** What the chat shows next to such a reply. */
export const orderClaimFlag = 'Claude cannot place orders: nothing was sent';
