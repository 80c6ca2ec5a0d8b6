import type { Draft } from '../../../shared/draft';

export interface PriceLevel {
  /** What the line is, in the words the draft card uses. */
  label: string;
  price: number;
  /** entry: where the order executes or triggers; exit: a bracket child. */
  role: 'entry' | 'exit-profit' | 'exit-loss';
}

/**
 * The prices a draft would act at, drawn across its chart so the person sees
 * where the order sits against recent trading. A market or trailing order has
 * no fixed level; its bracket children still do.
 */
export function draftLevels(draft: Pick<Draft, 'order'>): PriceLevel[] {
  const { order } = draft;
  const levels: PriceLevel[] = [];
  if (order.limitPrice !== undefined) levels.push({ label: 'Limit', price: order.limitPrice, role: 'entry' });
  if (order.stopPrice !== undefined) levels.push({ label: 'Stop', price: order.stopPrice, role: 'entry' });
  if (order.bracket) {
    levels.push({ label: 'Take profit', price: order.bracket.takeProfitPrice, role: 'exit-profit' });
    levels.push({ label: 'Stop loss', price: order.bracket.stopLossPrice, role: 'exit-loss' });
  }
  return levels;
}
