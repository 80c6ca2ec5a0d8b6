// What the simulated broker must remember across restarts: the accounts'
// cash and holdings, every order (working and finished), every execution,
// and the counters that keep ids unique. The market itself is not kept: it
// walks again from the seed, as a fresh day's prices would.
import { z } from 'zod';

export const BROKER_STATE_VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'a finite number');
const whole = z.number().int();
// Contract, Order and OrderState are the library's own records; the engine
// reads only the fields checked below, so the rest travels as it was saved.
const record = z.looseObject({});

const Holding = z.object({
  conId: whole,
  qty: finite,
  avgCost: finite,
  realized: finite,
  dayStartQty: finite,
  dayCashFlow: finite,
  dayCommission: finite,
  dayRealized: finite,
});

const SavedAccount = z.object({
  id: z.string().min(1),
  kind: z.enum(['margin', 'cash']),
  cash: finite,
  prevDayEwl: finite,
  holdings: z.array(Holding),
});

const OrderRecord = z.object({
  orderId: whole,
  clientId: whole,
  permId: whole,
  contract: z.looseObject({ conId: whole }),
  order: z.looseObject({ action: z.enum(['BUY', 'SELL']), orderType: z.string(), totalQuantity: finite }),
  state: record,
  status: z.enum(['PreSubmitted', 'Submitted', 'PendingCancel', 'Cancelled', 'Filled', 'Inactive']),
  filled: finite,
  remaining: finite,
  avgFillPrice: finite,
  lastFillPrice: finite,
  reason: z.string(),
});

const SavedOrder = z.object({
  rec: OrderRecord,
  account: z.string().min(1),
  placedAt: finite,
  held: z.boolean(),
  untransmitted: z.boolean(),
  triggered: z.boolean(),
  trailStop: finite.nullable(),
  commissionCharged: finite,
  filledValue: finite,
  done: z.boolean(),
  doneAt: finite,
});

const SavedFill = z.object({
  at: finite,
  execution: z.looseObject({ execId: z.string().min(1), orderId: whole, shares: finite, price: finite }),
  contract: record,
  commission: record,
});

const Book = z.object({
  /** The trading day the accounts' daily figures belong to (yyyy-mm-dd, Eastern). */
  rolledDate: z.string(),
  accounts: z.array(SavedAccount).min(1),
  orders: z.array(SavedOrder),
  fills: z.array(SavedFill),
  /** "clientId:orderId" of every id an order was placed (or refused) under: re-using one is a duplicate. */
  usedOrderIds: z.array(z.string()),
});

export const BrokerState = z.object({
  version: z.literal(BROKER_STATE_VERSION),
  seed: whole,
  /** Kept even when the accounts start over, so no id is handed out twice. */
  counters: z.object({
    nextPermId: whole,
    execSeq: whole.nonnegative(),
    /** The highest order id each client has used. */
    highestOrderIds: z.record(z.string(), whole),
  }),
  /** Absent after a reset: the accounts open again from the seeded book. */
  book: Book.optional(),
});
export type BrokerState = z.infer<typeof BrokerState>;
export type SavedBook = z.infer<typeof Book>;
export type SavedOrder = z.infer<typeof SavedOrder>;
export type SavedFill = z.infer<typeof SavedFill>;
export type SavedAccount = z.infer<typeof SavedAccount>;

/** The same counters with nothing else: what a reset keeps. */
export function countersOnly(state: BrokerState): BrokerState {
  return { version: state.version, seed: state.seed, counters: structuredClone(state.counters) };
}
