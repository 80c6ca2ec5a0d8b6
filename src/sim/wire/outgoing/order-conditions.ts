import type { OrderCondition } from '@stoqey/ib';
import { OrderConditionType } from '@stoqey/ib';
import type { FieldWriter } from '../fields';

type AnyCondition = OrderCondition & {
  isMore?: boolean; conId?: number; exchange?: string; triggerMethod?: number;
  price?: number; percent?: number; time?: string; volume?: number;
  secType?: string; symbol?: string;
};

/** Order conditions as the client's OrderDecoder.readConditions expects them (used by OPEN_ORDER). */
export function writeConditions(w: FieldWriter, conditions: readonly OrderCondition[] | undefined, ignoreRth?: boolean, cancelOrder?: boolean): void {
  const list = (conditions ?? []) as AnyCondition[];
  w.int(list.length);
  if (list.length === 0) return;
  for (const c of list) {
    w.int(c.type).str(c.conjunctionConnection);
    switch (c.type) {
      case OrderConditionType.Execution:
        w.str(c.secType).str(c.exchange).str(c.symbol);
        break;
      case OrderConditionType.Margin:
        w.bool(c.isMore).int(c.percent);
        break;
      case OrderConditionType.PercentChange:
        w.bool(c.isMore).double(c.percent).int(c.conId).str(c.exchange);
        break;
      case OrderConditionType.Price:
        w.bool(c.isMore).double(c.price).int(c.conId).str(c.exchange).int(c.triggerMethod);
        break;
      case OrderConditionType.Time:
        w.bool(c.isMore).str(c.time);
        break;
      case OrderConditionType.Volume:
        w.bool(c.isMore).int(c.volume).int(c.conId).str(c.exchange);
        break;
    }
  }
  w.bool(ignoreRth).bool(cancelOrder);
}
