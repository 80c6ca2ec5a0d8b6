// A what-if answer as IB gives it: an OrderState with margin before, change
// and after, and the commission the order would cost. Nothing is booked.
import type { OrderStatus } from '@stoqey/ib';
import type { Cost, MarginImpact } from './order-checks';
import type { OrderState } from './types';

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** `refusal` is why the order would be rejected; IB reports that as warning text rather than an error. */
export function whatIfState(m: MarginImpact, cost: Cost, refusal: string | undefined): OrderState {
  const commission = cost.amount;
  return {
    status: 'PreSubmitted' as OrderStatus,
    initMarginBefore: round2(m.initBefore), maintMarginBefore: round2(m.maintBefore), equityWithLoanBefore: round2(m.ewlBefore),
    initMarginChange: round2(m.initAfter - m.initBefore), maintMarginChange: round2(m.maintAfter - m.maintBefore),
    equityWithLoanChange: round2(m.ewlAfter - m.ewlBefore),
    initMarginAfter: round2(m.initAfter), maintMarginAfter: round2(m.maintAfter), equityWithLoanAfter: round2(m.ewlAfter),
    // Fixed pricing is known in advance, so the range collapses to one figure.
    commission, minCommission: commission, maxCommission: commission, commissionCurrency: cost.currency,
    warningText: refusal ?? '',
  };
}
