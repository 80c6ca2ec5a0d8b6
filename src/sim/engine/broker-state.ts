// What the simulated broker must remember across restarts: the accounts'
// cash and holdings, every order (working and finished), every execution,
// and the counters that keep ids unique. The market itself is not kept: it
// walks again from the seed, as a fresh day's prices would.
import { z } from 'zod';

/**
 * 2: holdings carry their instrument's terms (options, futures, foreign
 * currencies) and advisor model, accounts a cash ledger by currency, orders any tradable
 * (an option, a combo, a future, a pair) by the contract reported for it.
 * A version 1 file (US stocks in USD only) is read as the same book: every
 * holding without terms is a US stock and its cash is its USD ledger. An older
 * simulator refuses a version 2 file rather than read an option as a share.
 */
export const BROKER_STATE_VERSION = 2;

const finite = z.number().refine(Number.isFinite, 'a finite number');
const whole = z.number().int();
// Contract, Order and OrderState are the library's own records; the engine
// reads only the fields checked below, so the rest travels as it was saved.
const record = z.looseObject({});

const Terms = z.object({
  secType: z.enum(['STK', 'OPT', 'FUT', 'CASH', 'CRYPTO', 'BOND']),
  currency: z.string().min(1),
  factor: finite,
  underlyingConId: whole.optional(),
  strike: finite.optional(),
  right: z.enum(['C', 'P']).optional(),
  expiry: z.string().optional(),
  futureMargin: z.object({ init: finite, maint: finite }).optional(),
});

const Holding = z.object({
  conId: whole,
  qty: finite,
  avgCost: finite,
  realized: finite,
  dayStartQty: finite,
  dayCashFlow: finite,
  dayCommission: finite,
  dayRealized: finite,
  /** Absent for a US stock or ETF (and in every version 1 file). */
  terms: Terms.optional(),
  /** Futures: the average opening price times the multiplier. */
  openPrice: finite.optional(),
  /** The advisor model the position belongs to (absent: none). */
  model: z.string().optional(),
});

const SavedAccount = z.object({
  id: z.string().min(1),
  kind: z.enum(['margin', 'cash']),
  /** Version 1: the account's cash, all of it in USD. */
  cash: finite.optional(),
  /** Cash by currency, in that currency (negative: borrowed). */
  ledger: z.record(z.string().min(1), finite).optional(),
  prevDayEwl: finite,
  holdings: z.array(Holding),
})
  .refine((a) => a.ledger !== undefined || a.cash !== undefined, 'a cash ledger')
  // Read as version 2: a version 1 account's cash is its USD ledger.
  .transform(({ cash, ledger, ...rest }) => ({ ...rest, ledger: ledger ?? { USD: cash ?? 0 } }));

const OrderRecord = z.object({
  orderId: whole,
  clientId: whole,
  permId: whole,
  // A combo (BAG) has no conId of its own: its legs name the instruments.
  contract: z.looseObject({ conId: whole.optional(), comboLegs: z.array(z.looseObject({ conId: whole })).optional() })
    .refine((c) => c.conId !== undefined || (c.comboLegs?.length ?? 0) > 0, 'a conId, or combo legs that each have one'),
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
  // Read as the current version: a version 1 book is a version 2 book with US stocks and USD only.
  version: z.union([z.literal(1), z.literal(BROKER_STATE_VERSION)]).transform((): typeof BROKER_STATE_VERSION => BROKER_STATE_VERSION),
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
  /**
   * The last prices the book knew, by conId: its futures and the underlyings
   * of its options. A contract that expires while the simulator is down is
   * settled at them on the next run (the market walks again from the seed, and
   * an expired month is no longer listed). Absent in files written before they
   * were kept: an older simulator ignores them, so no new version is needed.
   */
  marks: z.record(z.string().regex(/^\d+$/), finite).optional(),
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
