import type { Draft } from '../../../shared/draft';
export { orderLine } from '../../../shared/order-line';

export const STATE_LABEL: Record<Draft['state'], string> = {
  drafted: 'Checking',
  pending: 'Waiting for you',
  blocked: 'Blocked',
  submitting: 'Sending',
  working: 'Working at IB',
  partially_filled: 'Partly filled',
  filled: 'Filled',
  rejected: 'Rejected',
  expired: 'Expired',
  cancelled: 'Cancelled',
  broker_rejected: 'Rejected by IB',
  needs_review: 'Needs your review',
};

export function ageText(since: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - since) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes}m` : `${Math.round(minutes / 60)}h`;
}
