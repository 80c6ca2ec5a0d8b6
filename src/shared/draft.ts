import { z } from 'zod';

/**
 * A draft is a proposed order that waits for the person's approval. These
 * schemas are the one definition shared by main (store, risk, approvals),
 * the assistant's tools and the renderer.
 */

const price = z.number().positive();

// 'ETF' is ours, for display and rules: IB files ETFs under 'STK', so the
// broker layer must send 'STK' for both.
export const SecType = z.enum(['STK', 'ETF', 'OPT', 'FUT']);
export type SecType = z.infer<typeof SecType>;

export const DraftContract = z
  .object({
    symbol: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .transform((s) => s.toUpperCase()),
    secType: SecType,
    /** IB's contract id, once resolved; it is what makes a contract unambiguous. */
    conId: z.number().int().positive().optional(),
    exchange: z.string().min(1).max(32).default('SMART'),
    primaryExchange: z.string().min(1).max(32).optional(),
    currency: z.string().length(3).default('USD'),
    /** IB's lastTradeDateOrContractMonth: YYYYMM or YYYYMMDD. */
    expiry: z
      .string()
      .regex(/^\d{6}(\d{2})?$/, 'expiry is YYYYMM or YYYYMMDD')
      .optional(),
    strike: price.optional(),
    right: z.enum(['C', 'P']).optional(),
    multiplier: z.number().positive().optional(),
    /**
     * IB's price magnifier, from its contract details: quotes and order
     * prices are this many times the currency. 100 for an LSE share, which IB
     * quotes (and takes orders) in pence while its currency is GBP.
     */
    priceMagnifier: z.number().int().positive().optional(),
    /** IB's trading class, from its contract details (e.g. "NMS", "SPY", an option's class). */
    tradingClass: z.string().min(1).max(32).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.secType === 'OPT') {
      if (c.expiry === undefined) ctx.addIssue({ code: 'custom', path: ['expiry'], message: 'an option needs an expiry' });
      if (c.strike === undefined) ctx.addIssue({ code: 'custom', path: ['strike'], message: 'an option needs a strike' });
      if (c.right === undefined) ctx.addIssue({ code: 'custom', path: ['right'], message: 'an option needs a right (C or P)' });
    }
    if (c.secType === 'FUT' && c.expiry === undefined) {
      ctx.addIssue({ code: 'custom', path: ['expiry'], message: 'a future needs an expiry' });
    }
    if ((c.secType === 'STK' || c.secType === 'ETF') && (c.strike !== undefined || c.right !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['secType'], message: 'a stock or ETF has no strike or right' });
    }
  });
export type DraftContract = z.output<typeof DraftContract>;

/**
 * How many quote points make one unit of the contract's currency: IB quotes
 * an LSE share in pence (magnifier 100) while its currency is GBP, and takes
 * its orders in pence too. Quotes and order prices compare with each other
 * as they are; they meet a multiplier, an amount or an exchange rate only
 * divided by this. IB's contract details give it; only a US stock, ETF or
 * option is known to be 1 without them (IB never magnifies those). Anything
 * else without it cannot be valued: null.
 */
export function contractPriceMagnifier(contract: Pick<DraftContract, 'priceMagnifier' | 'currency' | 'secType'>): number | null {
  const m = contract.priceMagnifier;
  if (m !== undefined) return Number.isFinite(m) && m > 0 ? m : null;
  return contract.currency === 'USD' && (contract.secType === 'STK' || contract.secType === 'ETF' || contract.secType === 'OPT') ? 1 : null;
}

export const OrderSide = z.enum(['BUY', 'SELL']);
export type OrderSide = z.infer<typeof OrderSide>;

export const OrderType = z.enum(['MKT', 'LMT', 'STP', 'STP_LMT', 'TRAIL']);
export type OrderType = z.infer<typeof OrderType>;

export const TimeInForce = z.enum(['DAY', 'GTC', 'IOC']);
export type TimeInForce = z.infer<typeof TimeInForce>;

export const Bracket = z.object({
  takeProfitPrice: price,
  stopLossPrice: price,
});
export type Bracket = z.infer<typeof Bracket>;

export const DraftOrder = z
  .object({
    side: OrderSide,
    quantity: z.number().positive(),
    orderType: OrderType,
    limitPrice: price.optional(),
    stopPrice: price.optional(),
    trailingAmount: price.optional(),
    trailingPercent: z.number().positive().max(100).optional(),
    tif: TimeInForce.default('DAY'),
    outsideRth: z.boolean().default(false),
    bracket: Bracket.optional(),
  })
  .superRefine((o, ctx) => {
    const issue = (path: string, message: string): void => {
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    const needsLimit = o.orderType === 'LMT' || o.orderType === 'STP_LMT';
    const needsStop = o.orderType === 'STP' || o.orderType === 'STP_LMT';
    if (needsLimit && o.limitPrice === undefined) issue('limitPrice', `a ${o.orderType} order needs a limit price`);
    if (!needsLimit && o.limitPrice !== undefined) issue('limitPrice', `a ${o.orderType} order has no limit price`);
    if (needsStop && o.stopPrice === undefined) issue('stopPrice', `a ${o.orderType} order needs a stop price`);
    if (!needsStop && o.stopPrice !== undefined) issue('stopPrice', `a ${o.orderType} order has no stop price`);
    if (o.orderType === 'TRAIL') {
      if ((o.trailingAmount === undefined) === (o.trailingPercent === undefined)) {
        issue('trailingAmount', 'a trailing order needs exactly one of a trailing amount or a trailing percent');
      }
      if (o.bracket !== undefined) issue('bracket', 'a trailing order cannot be the parent of a bracket');
    } else if (o.trailingAmount !== undefined || o.trailingPercent !== undefined) {
      issue('trailingAmount', `a ${o.orderType} order has no trailing amount`);
    }
    if (o.bracket !== undefined) {
      const { takeProfitPrice: tp, stopLossPrice: sl } = o.bracket;
      // The entry is where the position opens; the children must sit on the
      // profitable and the protective side of it, or the bracket protects nothing.
      const entry = o.limitPrice ?? o.stopPrice;
      if (o.side === 'BUY') {
        if (tp <= sl) issue('bracket', 'for a buy, the take-profit must be above the stop-loss');
        if (entry !== undefined && tp <= entry) issue('bracket', 'for a buy, the take-profit must be above the entry price');
        if (entry !== undefined && sl >= entry) issue('bracket', 'for a buy, the stop-loss must be below the entry price');
      } else {
        if (tp >= sl) issue('bracket', 'for a sell, the take-profit must be below the stop-loss');
        if (entry !== undefined && tp >= entry) issue('bracket', 'for a sell, the take-profit must be below the entry price');
        if (entry !== undefined && sl <= entry) issue('bracket', 'for a sell, the stop-loss must be above the entry price');
      }
    }
    if (o.outsideRth && o.orderType !== 'LMT' && o.orderType !== 'STP_LMT') {
      issue('outsideRth', 'only limit orders may execute outside regular trading hours');
    }
  });
export type DraftOrder = z.output<typeof DraftOrder>;

export const DraftAuthor = z.enum(['claude', 'person']);
export type DraftAuthor = z.infer<typeof DraftAuthor>;

const draftInputShape = {
  account: z.string().trim().min(1).max(32),
  contract: DraftContract,
  order: DraftOrder,
  author: DraftAuthor,
  /** Claude's reasons (or the person's note), shown next to the draft. */
  rationale: z.string().max(4000).default(''),
  /** The risks Claude states for this trade, shown as a list. */
  risks: z.array(z.string().min(1).max(1000)).max(20).default([]),
  /** Epoch ms; absent means the default lifetime applies. */
  expiresAt: z.number().int().positive().optional(),
};

function wholeUnits(input: { contract: DraftContract; order: DraftOrder }, ctx: z.RefinementCtx): void {
  // IB's API rejects fractional quantities for most accounts and for every
  // option and future; refusing them here keeps a typo from reaching the broker.
  if (!Number.isInteger(input.order.quantity)) {
    ctx.addIssue({ code: 'custom', path: ['order', 'quantity'], message: 'the quantity must be a whole number' });
  }
}

export const DraftInput = z.object(draftInputShape).superRefine(wholeUnits);
export type DraftInput = z.input<typeof DraftInput>;
export type ParsedDraftInput = z.output<typeof DraftInput>;

/** What an edit may change; everything else (account, author) stays. */
export const DraftEdit = z
  .object({
    contract: DraftContract.optional(),
    order: DraftOrder.optional(),
    rationale: z.string().max(4000).optional(),
    risks: z.array(z.string().min(1).max(1000)).max(20).optional(),
    expiresAt: z.number().int().positive().optional(),
  })
  .strict();
export type DraftEdit = z.input<typeof DraftEdit>;

export const DraftState = z.enum([
  'drafted', // created, checks not yet run
  'pending', // waiting for the person; can be approved
  'blocked', // a risk check said no; shown, cannot be approved
  'submitting', // approved; intent written, order being sent
  'working', // the broker acknowledged it
  'partially_filled',
  'filled',
  'rejected', // the person (or Claude withdrawing) said no
  'expired',
  'cancelled',
  'broker_rejected',
  'needs_review', // the outcome could not be established; never re-sent automatically
]);
export type DraftState = z.infer<typeof DraftState>;

export const RiskOutcome = z.enum(['pass', 'warn', 'block']);
export type RiskOutcome = z.infer<typeof RiskOutcome>;

export const RiskVerdict = z.object({
  /** Stable id of the check, e.g. 'price-collar'. */
  check: z.string().min(1),
  label: z.string().min(1),
  outcome: RiskOutcome,
  /** Plain words with the numbers that led to the outcome. */
  explanation: z.string().min(1),
});
export type RiskVerdict = z.infer<typeof RiskVerdict>;

/** IB's what-if answer; IB sends "unset" for values it does not know, kept here as null. */
export const WhatIfPreview = z.object({
  at: z.number(),
  commission: z.number().nullable(),
  minCommission: z.number().nullable().optional(),
  maxCommission: z.number().nullable().optional(),
  commissionCurrency: z.string().nullable(),
  initMarginBefore: z.number().nullable().optional(),
  initMarginChange: z.number().nullable(),
  initMarginAfter: z.number().nullable().optional(),
  maintMarginBefore: z.number().nullable().optional(),
  maintMarginChange: z.number().nullable(),
  maintMarginAfter: z.number().nullable().optional(),
  equityWithLoanBefore: z.number().nullable().optional(),
  equityWithLoanChange: z.number().nullable().optional(),
  equityWithLoanAfter: z.number().nullable(),
  warningText: z.string().optional(),
});
export type WhatIfPreview = z.infer<typeof WhatIfPreview>;

/**
 * Position and weight before and after the order, valued at the market (the
 * quote the order would trade against), never at the order's own limit. Shown
 * live while the draft waits and frozen at approval, so a filled card still
 * says what the person approved against.
 */
export const DraftFigures = z.object({
  positionBefore: z.number(),
  positionAfter: z.number(),
  /** % of net liquidation; IB's market value for the held position. null: not valued. */
  weightBefore: z.number().nullable(),
  weightAfter: z.number().nullable(),
  /** The per-unit market price used: the ask for a buy, the bid for a sell, else the last. */
  marketPrice: z.number().nullable(),
  quote: z.object({ bid: z.number().nullable(), ask: z.number().nullable(), last: z.number().nullable() }).nullable(),
  at: z.number(),
});
export type DraftFigures = z.infer<typeof DraftFigures>;

export const Draft = z.object({
  id: z.uuid(),
  /** Bumped on every edit; an approval names the version the person saw. */
  version: z.number().int().positive(),
  state: DraftState,
  account: draftInputShape.account,
  contract: DraftContract,
  order: DraftOrder,
  author: DraftAuthor,
  rationale: z.string(),
  risks: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
  expiresAt: z.number(),
  orderId: z.number().int().nonnegative().optional(),
  /** The API client id the order was placed with: IB's order ids are per client id. */
  clientId: z.number().int().nonnegative().optional(),
  /** Sent to IB as orderRef so the order can be found again after a restart. */
  orderRef: z.string().optional(),
  filledQty: z.number().nonnegative(),
  avgFillPrice: z.number().nullable(),
  commission: z.number().nullable(),
  /** Commission per IB execution id, so a replayed report is applied once. */
  executions: z.record(z.string(), z.object({ commission: z.number().optional() })).optional(),
  brokerMessage: z.string().optional(),
  /** The person's reason for rejecting it, shown on the rejected card (Claude is told it too). */
  rejectionReason: z.string().max(1000).optional(),
  verdicts: z.array(RiskVerdict).optional(),
  whatIf: WhatIfPreview.optional(),
  /** The figures the person approved against, frozen at approval. */
  atApproval: DraftFigures.optional(),
});
export type Draft = z.output<typeof Draft>;

/** The switch the person flips: normal, only closing/reducing orders, or nothing at all. */
export const TradingState = z.enum(['active', 'reducing', 'halted']);
export type TradingState = z.infer<typeof TradingState>;

export const RiskLimits = z.object({
  /** Limit/stop must be within this % of the quote. */
  collarPct: z.number().positive().max(100),
  /** Largest value of one order, in the account currency. */
  maxNotional: z.number().positive(),
  maxPctNetLiq: z.number().positive().max(1000),
  /** Largest share of net liquidation one position may reach after the fill. */
  maxConcentrationPct: z.number().positive().max(1000),
  maxOrdersPerMinute: z.number().int().positive(),
  /** Approvals stop when the day's P&L is below minus this % of net liquidation. */
  dailyLossHaltPct: z.number().positive().max(100),
  quoteMaxAgeMs: z.number().int().positive(),
  liveTradingEnabled: z.boolean(),
});
export type RiskLimits = z.infer<typeof RiskLimits>;

export const defaultRiskLimits: RiskLimits = {
  collarPct: 5,
  maxNotional: 25_000,
  maxPctNetLiq: 10,
  maxConcentrationPct: 25,
  maxOrdersPerMinute: 6,
  dailyLossHaltPct: 3,
  quoteMaxAgeMs: 15_000,
  liveTradingEnabled: false,
};

/** What positionKey reads of a contract: IB's id, or the terms that make one contract without it. */
export type KeyedContract = Pick<DraftContract, 'symbol' | 'secType' | 'expiry' | 'strike' | 'right'> &
  Partial<Pick<DraftContract, 'conId' | 'currency' | 'exchange' | 'tradingClass' | 'multiplier'>>;

/**
 * How positions and drafts are matched: by IB's conId, which is the
 * instrument. Symbol and terms alone name several contracts (SPX and SPXW on
 * one date and strike, an adjusted option beside the standard one, SHEL in
 * New York and in London), and treating one as the other reads the sale of
 * a contract not held as the close of one that is. Only a contract without a
 * conId is keyed by its terms, all of them (the full expiry, the currency,
 * the exchange, the trading class and the multiplier), so it matches no
 * other contract by accident; it never matches a conId key.
 */
export function positionKey(contract: KeyedContract): string {
  if (contract.conId !== undefined && contract.conId > 0) return `conId:${contract.conId}`;
  const stock = contract.secType === 'STK' || contract.secType === 'ETF';
  return [
    'terms',
    // IB files ETFs under STK.
    stock ? 'STK' : contract.secType,
    contract.symbol.toUpperCase(),
    (contract.currency ?? 'USD').toUpperCase(),
    (contract.exchange ?? 'SMART').toUpperCase(),
    contract.tradingClass ?? '',
    stock ? '' : (contract.multiplier ?? ''),
    contract.expiry ?? '',
    contract.strike ?? '',
    contract.right ?? '',
  ].join(':');
}

export const terminalDraftStates: readonly DraftState[] = ['filled', 'rejected', 'expired', 'cancelled', 'broker_rejected'];
export const queueDraftStates: readonly DraftState[] = ['drafted', 'pending', 'blocked'];
export const inFlightDraftStates: readonly DraftState[] = ['submitting', 'working', 'partially_filled', 'needs_review'];
