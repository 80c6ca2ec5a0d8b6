import type { OrderState } from '@stoqey/ib';
import type { WhatIfPreview } from '../../shared/draft';

/** IB's what-if answer as the queue shows it; IB's "unset" values become null. */
export function whatIfPreview(state: OrderState, at: number): WhatIfPreview {
  const preview: WhatIfPreview = {
    at,
    commission: value(state.commission),
    minCommission: value(state.minCommission),
    maxCommission: value(state.maxCommission),
    commissionCurrency: state.commissionCurrency || null,
    initMarginBefore: value(state.initMarginBefore),
    initMarginChange: value(state.initMarginChange),
    initMarginAfter: value(state.initMarginAfter),
    maintMarginBefore: value(state.maintMarginBefore),
    maintMarginChange: value(state.maintMarginChange),
    maintMarginAfter: value(state.maintMarginAfter),
    equityWithLoanBefore: value(state.equityWithLoanBefore),
    equityWithLoanChange: value(state.equityWithLoanChange),
    equityWithLoanAfter: value(state.equityWithLoanAfter),
  };
  if (state.warningText) preview.warningText = state.warningText;
  return preview;
}

function value(raw: number | string | undefined): number | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const n = typeof raw === 'number' ? raw : Number(raw);
  return Number.isFinite(n) && Math.abs(n) < 1e300 ? n : null;
}
