import { z } from 'zod';

import { strictToolSchema, type StrictObjectSchema } from './strict-tool-schema';

/**
 * The tools Claude is offered. Each is one zod schema: the strict JSON schema
 * the API sees is generated from it (strict-tool-schema.ts keeps the subset
 * strict tool use accepts), and the same schema validates the input again
 * before anything runs, because a model can still send what the JSON schema
 * forbids and numeric bounds cannot be expressed in strict mode.
 *
 * There is no tool to approve, submit, modify or cancel an order, and there
 * must never be one: Claude drafts, the person decides.
 */

export interface ToolDefinition {
  name: string;
  description: string;
  strict: true;
  input_schema: StrictObjectSchema;
}

export const historyPeriods = ['1D', '5D', '1M', '3M', '6M', '1Y', '5Y'] as const;
export const barSizes = ['1 min', '5 mins', '15 mins', '1 hour', '1 day', '1 week'] as const;
export const secTypes = ['STK', 'ETF', 'OPT', 'FUT'] as const;
const orderTypes = ['MKT', 'LMT', 'STP', 'STP_LMT', 'TRAIL'] as const;
// Sized to what a reviewer reads on the card before deciding; longer text only hides the checks.
const maxThesis = 1500;
const maxRisk = 300;
const maxRisks = 8;

const symbol = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9.\- ]+$/, 'a symbol has letters, digits, dots, dashes or spaces');
const account = z.string().trim().min(1).max(32).optional().describe('Account id or alias exactly as it appears in tool results. Omit for all accounts.');
const positive = z.number().finite().positive();

const tools = {
  get_portfolio: {
    description:
      'Positions of every security type, by account in its base currency: stocks per currency with price, base value, unrealized and daily P&L; ' +
      'options under their underlying and expiry with strike, right, days to expiry and IB\'s greeks (delta, gamma, theta, vega, implied vol); futures with expiry and multiplier; ' +
      'cash by currency with IB\'s exchange rates; delta-adjusted exposure per underlying; recognised strategies (verticals, covered calls, cash-secured puts, straddles, strangles); ' +
      'expiry and assignment warnings. Figures are IB\'s own unless marked computed. One account, or all accounts when account is omitted.',
    input: z.strictObject({ account }),
  },
  get_account_summary: {
    description: 'Balances and margin: net liquidation, cash, buying power, available funds, excess liquidity, margin requirements, day trades left, daily P&L, and whether the account is a cash or margin account.',
    input: z.strictObject({ account }),
  },
  get_quotes: {
    description: 'Current bid, ask, last and close for up to 50 symbols. Each quote says whether it is delayed (about 15 minutes old) or live.',
    input: z.strictObject({ symbols: z.array(symbol).min(1).max(50).describe('1 to 50 ticker symbols, e.g. ["AAPL","MSFT"].') }),
  },
  get_price_history: {
    description: 'OHLCV bars for one symbol over a period. At most 2000 bars are returned; use a larger bar size for long periods.',
    input: z.strictObject({
      symbol: symbol.describe('Ticker symbol.'),
      period: z.enum(historyPeriods).describe('How far back.'),
      bar_size: z.enum(barSizes).describe('Size of one bar.'),
    }),
  },
  get_open_orders: {
    description: 'Working orders at the broker, with status, filled and remaining quantity.',
    input: z.strictObject({ account }),
  },
  get_recent_executions: {
    description: 'Fills of the last days (1 to 7, default 1), newest first, with price, commission and realized P&L.',
    input: z.strictObject({ account, days: z.number().int().min(1).max(7).optional().describe('How many days back, 1 to 7.') }),
  },
  find_contract: {
    description: 'Look up contracts by ticker symbol or company name. Returns conId, symbol, type, currency, exchange and the broker description.',
    input: z.strictObject({
      query: z.string().trim().min(1).max(100).describe('Symbol or name, e.g. "AAPL" or "apple".'),
      sec_type: z.enum(secTypes).optional().describe('Restrict to one security type.'),
    }),
  },
  get_pending_drafts: {
    description: 'Drafts waiting for the person in the approval queue, with their state (pending or blocked) and risk verdicts.',
    input: z.strictObject({}),
  },
  get_option_chain: {
    description:
      'Research an underlying\'s listed options: its expirations, and for one expiry (the nearest unless given) the strikes nearest spot with call and put bid, ask, delta and implied volatility from IB. ' +
      'Read only: nothing is ordered.',
    input: z.strictObject({
      symbol: symbol.describe('Underlying ticker, e.g. "AAPL".'),
      expiry: z.string().regex(/^\d{8}$/, 'an expiry is yyyyMMdd').optional().describe('Expiry as yyyyMMdd, from a previous answer\'s expirations.'),
      strikes: z.number().int().min(2).max(30).optional().describe('How many strikes around spot, 2 to 30 (default 10).'),
    }),
  },
  get_decision_journal: {
    description:
      "How earlier drafts turned out: for each draft (yours and the ticket's), whether the person approved, rejected or let it expire, the slippage of its fills, " +
      'and the P&L of the order after 1, 5 and 20 trading days and at the close of the position (rejected and expired drafts: as if filled at the quote when decided). ' +
      'Filter by symbol, side and author to see how similar drafts did before proposing another; newest first, with a summary of hit rates and average P&L.',
    input: z.strictObject({
      symbol: symbol.optional().describe('Only drafts of this ticker symbol.'),
      side: z.enum(['BUY', 'SELL']).optional().describe('Only buys or only sells.'),
      author: z.enum(['claude', 'person']).optional().describe('Only your drafts (claude) or only the ones typed in the order ticket (person).'),
      limit: z.number().int().min(1).max(50).optional().describe('How many drafts to list, 1 to 50 (default 20).'),
    }),
  },
  draft_order: {
    description:
      'Propose an order. It is NOT sent: it becomes a draft in the approval queue, runs through the risk checks and waits for the person to approve or reject it. ' +
      'Returns the draft id, its state (pending, or blocked by a risk check), each risk verdict with its explanation, and the broker what-if figures (commission, margin change). ' +
      'If the draft is blocked or refused, read the reasons and propose a revised draft if it still makes sense. ' +
      'For a bracket, give both take_profit_price and stop_loss_price. ' +
      'Drafts are capped per turn and per conversation per hour; when a cap is reached the result says so and no draft is made.',
    input: z.strictObject({
      account: z.string().trim().min(1).max(32).describe('Account id or alias, as in tool results.'),
      symbol: symbol.describe('Ticker symbol.'),
      sec_type: z.enum(secTypes).describe('Security type.'),
      con_id: z.number().int().positive().optional().describe('IB contract id from find_contract, when known.'),
      currency: z.string().length(3).optional().describe('Three-letter currency, default USD.'),
      expiry: z.string().optional().describe('Options and futures: YYYYMM or YYYYMMDD.'),
      strike: positive.optional().describe('Options: strike price.'),
      right: z.enum(['C', 'P']).optional().describe('Options: call or put.'),
      side: z.enum(['BUY', 'SELL']).describe('Buy or sell.'),
      quantity: z.number().int().positive().max(1_000_000).describe('Whole number of shares or contracts, at least 1.'),
      order_type: z.enum(orderTypes).describe('MKT, LMT, STP, STP_LMT or TRAIL.'),
      limit_price: positive.optional().describe('Required for LMT and STP_LMT.'),
      stop_price: positive.optional().describe('Required for STP and STP_LMT.'),
      trailing_amount: positive.optional().describe('TRAIL: trailing amount in price units (or give trailing_percent).'),
      trailing_percent: positive.max(100).optional().describe('TRAIL: trailing percent (or give trailing_amount).'),
      tif: z.enum(['DAY', 'GTC', 'IOC']).optional().describe('Time in force, default DAY.'),
      outside_rth: z.boolean().optional().describe('Limit orders only: may fill outside regular trading hours.'),
      take_profit_price: positive.optional().describe('Bracket: take-profit limit price.'),
      stop_loss_price: positive.optional().describe('Bracket: stop-loss price.'),
      thesis: z
        .string()
        .trim()
        .min(1, 'state the thesis for the person')
        .max(maxThesis, `the thesis is at most ${maxThesis} characters`)
        .describe(`Why this trade, in plain words, for the person deciding. At most ${maxThesis} characters: the card shows the first lines.`),
      risks: z
        .array(z.string().trim().min(1).max(maxRisk, `each risk is at most ${maxRisk} characters`))
        .min(1, 'state at least one risk')
        .max(maxRisks, `at most ${maxRisks} risks`)
        .describe(`The main risks of this trade, one per item: at most ${maxRisks} items of at most ${maxRisk} characters each.`),
    }),
  },
} satisfies Record<string, { description: string; input: z.ZodObject }>;

export type ToolName = keyof typeof tools;

type ToolInputs = { [K in ToolName]: (typeof tools)[K]['input'] };

export const toolInputs: ToolInputs = Object.fromEntries(Object.entries(tools).map(([name, tool]) => [name, tool.input])) as ToolInputs;

export const toolDefinitions: readonly ToolDefinition[] = Object.entries(tools).map(([name, tool]) => ({
  name,
  description: tool.description,
  strict: true,
  input_schema: strictToolSchema(tool.input),
}));

export type DraftOrderToolInput = z.output<(typeof toolInputs)['draft_order']>;

export function isToolName(name: string): name is ToolName {
  return Object.hasOwn(toolInputs, name);
}
