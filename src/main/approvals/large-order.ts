import type { Draft } from '../../shared/draft';
import type { OrderSize } from '../../shared/queue';
import { ConfirmationRequiredError } from '../domain-errors';
import type { RiskContext } from '../risk/context';
import { orderNotional } from '../risk/exposure';
import { money, pct } from '../risk/words';

/**
 * How big an order is against the account, valued exactly as the
 * share-of-account check values it (the market for a buy limit below it), so
 * the typed-quantity step and the risk check never disagree about a size.
 * An order that cannot be valued counts as large: the safe side of a missing number.
 */
export function orderSize(ctx: RiskContext, draft: Draft, thresholdPct: number): OrderSize {
  const notional = orderNotional(ctx, draft);
  const netLiq = ctx.account?.netLiquidation ?? null;
  const pctNetLiq = notional !== null && netLiq !== null && netLiq > 0 ? (notional / netLiq) * 100 : null;
  return { notional, currency: ctx.account?.baseCurrency ?? null, pctNetLiq, thresholdPct, large: pctNetLiq === null || pctNetLiq > thresholdPct };
}

/** A large order leaves only with its quantity typed by the person: a single key press is not enough. */
export function requireConfirmedQuantity(size: OrderSize, draft: Draft, confirmedQuantity: number | undefined): void {
  if (!size.large || confirmedQuantity === draft.order.quantity) return;
  const what =
    size.pctNetLiq === null
      ? 'This order cannot be valued against the account, so it counts as large'
      : `This order is ${pct(size.pctNetLiq)} of net liquidation (${money(size.notional ?? 0, size.currency ?? undefined)}), above your ${pct(size.thresholdPct)} threshold for large orders`;
  const typed = confirmedQuantity === undefined ? '' : ` You typed ${confirmedQuantity}.`;
  throw new ConfirmationRequiredError(`${what}. Type its quantity (${draft.order.quantity}) to approve it.${typed} Nothing was sent.`);
}
