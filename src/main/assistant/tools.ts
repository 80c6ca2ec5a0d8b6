import { z } from 'zod';

/**
 * The tools Claude is offered. Each has a strict JSON schema (the subset the
 * API's strict tool use accepts: types, enums, properties, required,
 * additionalProperties false) and a zod schema that validates the input
 * again before anything runs, because a model can still send what the schema
 * forbids and numeric bounds cannot be expressed in strict mode.
 *
 * There is no tool to approve, submit, modify or cancel an order, and there
 * must never be one: Claude drafts, the person decides.
 */

export interface ToolDefinition {
  name: string;
  description: string;
  strict: true;
  input_schema: { type: 'object'; properties: Record<string, unknown>; required: string[]; additionalProperties: false };
}

type Json = Record<string, unknown>;

const str = (description: string): Json => ({ type: 'string', description });
const num = (description: string): Json => ({ type: 'number', description });
const int = (description: string): Json => ({ type: 'integer', description });
const bool = (description: string): Json => ({ type: 'boolean', description });
const oneOf = (values: readonly string[], description: string): Json => ({ type: 'string', enum: [...values], description });
const object = (properties: Record<string, Json>, required: string[] = []): ToolDefinition['input_schema'] => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

const accountField = str('Account id or alias exactly as it appears in tool results. Omit for all accounts.');

export const historyPeriods = ['1D', '5D', '1M', '3M', '6M', '1Y', '5Y'] as const;
export const barSizes = ['1 min', '5 mins', '15 mins', '1 hour', '1 day', '1 week'] as const;
export const secTypes = ['STK', 'ETF', 'OPT', 'FUT'] as const;
const orderTypes = ['MKT', 'LMT', 'STP', 'STP_LMT', 'TRAIL'] as const;
// Sized to what a reviewer reads on the card before deciding; longer text only hides the checks.
const maxThesis = 1500;
const maxRisk = 300;
const maxRisks = 8;

export const toolDefinitions: readonly ToolDefinition[] = [
  {
    name: 'get_portfolio',
    description:
      'Positions of every security type, by account in its base currency: stocks per currency with price, base value, unrealized and daily P&L; ' +
      'options under their underlying and expiry with strike, right, days to expiry and IB\'s greeks (delta, gamma, theta, vega, implied vol); futures with expiry and multiplier; ' +
      'cash by currency with IB\'s exchange rates; delta-adjusted exposure per underlying; recognised strategies (verticals, covered calls, cash-secured puts, straddles, strangles); ' +
      'expiry and assignment warnings. Figures are IB\'s own unless marked computed. One account, or all accounts when account is omitted.',
    strict: true,
    input_schema: object({ account: accountField }),
  },
  {
    name: 'get_account_summary',
    description: 'Balances and margin: net liquidation, cash, buying power, available funds, excess liquidity, margin requirements, day trades left, daily P&L, and whether the account is a cash or margin account.',
    strict: true,
    input_schema: object({ account: accountField }),
  },
  {
    name: 'get_quotes',
    description: 'Current bid, ask, last and close for up to 50 symbols. Each quote says whether it is delayed (about 15 minutes old) or live.',
    strict: true,
    input_schema: object({ symbols: { type: 'array', items: { type: 'string' }, minItems: 1, description: '1 to 50 ticker symbols, e.g. ["AAPL","MSFT"].' } }, ['symbols']),
  },
  {
    name: 'get_price_history',
    description: 'OHLCV bars for one symbol over a period. At most 2000 bars are returned; use a larger bar size for long periods.',
    strict: true,
    input_schema: object(
      {
        symbol: str('Ticker symbol.'),
        period: oneOf(historyPeriods, 'How far back.'),
        bar_size: oneOf(barSizes, 'Size of one bar.'),
      },
      ['symbol', 'period', 'bar_size'],
    ),
  },
  {
    name: 'get_open_orders',
    description: 'Working orders at the broker, with status, filled and remaining quantity.',
    strict: true,
    input_schema: object({ account: accountField }),
  },
  {
    name: 'get_recent_executions',
    description: 'Fills of the last days (1 to 7, default 1), newest first, with price, commission and realized P&L.',
    strict: true,
    input_schema: object({ account: accountField, days: int('How many days back, 1 to 7.') }),
  },
  {
    name: 'find_contract',
    description: 'Look up contracts by ticker symbol or company name. Returns conId, symbol, type, currency, exchange and the broker description.',
    strict: true,
    input_schema: object({ query: str('Symbol or name, e.g. "AAPL" or "apple".'), sec_type: oneOf(secTypes, 'Restrict to one security type.') }, ['query']),
  },
  {
    name: 'get_pending_drafts',
    description: 'Drafts waiting for the person in the approval queue, with their state (pending or blocked) and risk verdicts.',
    strict: true,
    input_schema: object({}),
  },
  {
    name: 'get_option_chain',
    description:
      'Research an underlying\'s listed options: its expirations, and for one expiry (the nearest unless given) the strikes nearest spot with call and put bid, ask, delta and implied volatility from IB. ' +
      'Read only: nothing is ordered.',
    strict: true,
    input_schema: object(
      { symbol: str('Underlying ticker, e.g. "AAPL".'), expiry: str('Expiry as yyyyMMdd, from a previous answer\'s expirations.'), strikes: int('How many strikes around spot, 2 to 30 (default 10).') },
      ['symbol'],
    ),
  },
  {
    name: 'draft_order',
    description:
      'Propose an order. It is NOT sent: it becomes a draft in the approval queue, runs through the risk checks and waits for the person to approve or reject it. ' +
      'Returns the draft id, its state (pending, or blocked by a risk check), each risk verdict with its explanation, and the broker what-if figures (commission, margin change). ' +
      'If the draft is blocked or refused, read the reasons and propose a revised draft if it still makes sense. ' +
      'For a bracket, give both take_profit_price and stop_loss_price. ' +
      'Drafts are capped per turn and per conversation per hour; when a cap is reached the result says so and no draft is made.',
    strict: true,
    input_schema: object(
      {
        account: str('Account id or alias, as in tool results.'),
        symbol: str('Ticker symbol.'),
        sec_type: oneOf(secTypes, 'Security type.'),
        con_id: int('IB contract id from find_contract, when known.'),
        currency: str('Three-letter currency, default USD.'),
        expiry: str('Options and futures: YYYYMM or YYYYMMDD.'),
        strike: num('Options: strike price.'),
        right: oneOf(['C', 'P'], 'Options: call or put.'),
        side: oneOf(['BUY', 'SELL'], 'Buy or sell.'),
        quantity: int('Whole number of shares or contracts, at least 1.'),
        order_type: oneOf(orderTypes, 'MKT, LMT, STP, STP_LMT or TRAIL.'),
        limit_price: num('Required for LMT and STP_LMT.'),
        stop_price: num('Required for STP and STP_LMT.'),
        trailing_amount: num('TRAIL: trailing amount in price units (or give trailing_percent).'),
        trailing_percent: num('TRAIL: trailing percent (or give trailing_amount).'),
        tif: oneOf(['DAY', 'GTC', 'IOC'], 'Time in force, default DAY.'),
        outside_rth: bool('Limit orders only: may fill outside regular trading hours.'),
        take_profit_price: num('Bracket: take-profit limit price.'),
        stop_loss_price: num('Bracket: stop-loss price.'),
        thesis: str(`Why this trade, in plain words, for the person deciding. At most ${maxThesis} characters: the card shows the first lines.`),
        risks: {
          type: 'array',
          items: { type: 'string' },
          minItems: 1,
          description: `The main risks of this trade, one per item: at most ${maxRisks} items of at most ${maxRisk} characters each.`,
        },
      },
      ['account', 'symbol', 'sec_type', 'side', 'quantity', 'order_type', 'thesis', 'risks'],
    ),
  },
];

export type ToolName =
  | 'get_portfolio'
  | 'get_account_summary'
  | 'get_quotes'
  | 'get_price_history'
  | 'get_open_orders'
  | 'get_recent_executions'
  | 'find_contract'
  | 'get_pending_drafts'
  | 'get_option_chain'
  | 'draft_order';

const symbol = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9.\- ]+$/, 'a symbol has letters, digits, dots, dashes or spaces');
const account = z.string().trim().min(1).max(32).optional();
const positive = z.number().finite().positive();

export const toolInputs = {
  get_portfolio: z.strictObject({ account }),
  get_account_summary: z.strictObject({ account }),
  get_quotes: z.strictObject({ symbols: z.array(symbol).min(1).max(50) }),
  get_price_history: z.strictObject({ symbol, period: z.enum(historyPeriods), bar_size: z.enum(barSizes) }),
  get_open_orders: z.strictObject({ account }),
  get_recent_executions: z.strictObject({ account, days: z.number().int().min(1).max(7).optional() }),
  find_contract: z.strictObject({ query: z.string().trim().min(1).max(100), sec_type: z.enum(secTypes).optional() }),
  get_pending_drafts: z.strictObject({}),
  get_option_chain: z.strictObject({ symbol, expiry: z.string().regex(/^\d{8}$/, 'an expiry is yyyyMMdd').optional(), strikes: z.number().int().min(2).max(30).optional() }),
  draft_order: z.strictObject({
    account: z.string().trim().min(1).max(32),
    symbol,
    sec_type: z.enum(secTypes),
    con_id: z.number().int().positive().optional(),
    currency: z.string().length(3).optional(),
    expiry: z.string().optional(),
    strike: positive.optional(),
    right: z.enum(['C', 'P']).optional(),
    side: z.enum(['BUY', 'SELL']),
    quantity: z.number().int().positive().max(1_000_000),
    order_type: z.enum(orderTypes),
    limit_price: positive.optional(),
    stop_price: positive.optional(),
    trailing_amount: positive.optional(),
    trailing_percent: positive.max(100).optional(),
    tif: z.enum(['DAY', 'GTC', 'IOC']).optional(),
    outside_rth: z.boolean().optional(),
    take_profit_price: positive.optional(),
    stop_loss_price: positive.optional(),
    thesis: z.string().trim().min(1, 'state the thesis for the person').max(maxThesis, `the thesis is at most ${maxThesis} characters`),
    risks: z
      .array(z.string().trim().min(1).max(maxRisk, `each risk is at most ${maxRisk} characters`))
      .min(1, 'state at least one risk')
      .max(maxRisks, `at most ${maxRisks} risks`),
  }),
} satisfies Record<ToolName, z.ZodType>;

export type DraftOrderToolInput = z.output<(typeof toolInputs)['draft_order']>;

export function isToolName(name: string): name is ToolName {
  return Object.hasOwn(toolInputs, name);
}
