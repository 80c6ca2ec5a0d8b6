import type { z } from 'zod';
import { DraftInput, type Draft } from '../../shared/draft';
import type { AccountAliases } from './aliases';
import { easternYmd } from '../../shared/trading-date';
import { fenceUntrusted } from './fence';
import { journalForClaude } from './journal-tool';
import { portfolioDigest, underlyingsToQuote } from './portfolio-digest';
import type { AccountReader, DraftDesk, DraftDeskResult, OptionQuote } from './ports';
import { isToolName, toolInputs, type DraftOrderToolInput, type ToolName } from './tools';

export interface ToolRunContext {
  reader: AccountReader;
  desk: DraftDesk;
  aliases: AccountAliases;
  now: () => number;
  /** Why no further draft may be made now (the per-turn or per-hour cap), or null. */
  draftRefusal?: () => string | null;
}

/** What goes back to Claude as the tool_result: always a string, never a throw. */
export interface ToolOutcome {
  content: string;
  isError: boolean;
  /** Set when draft_order created a draft (pending or blocked). */
  draft?: { draftId: string; state: 'pending' | 'blocked' };
}

const maxBars = 2000;
const dayMs = 86_400_000;

class ToolRefusal extends Error {}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 8)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path.length > 0 ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * Runs one tool call: validates the input with zod, resolves account aliases,
 * calls the port, fences text from outside and returns the data as JSON. Any
 * problem (unknown tool, bad input, a port failure) becomes an error result
 * with the reason, so the conversation always gets an answer to its tool_use.
 */
export async function runTool(name: string, input: unknown, ctx: ToolRunContext): Promise<ToolOutcome> {
  try {
    // Register before anything is scrubbed, so an account first seen in this
    // very result is already replaced; if the list cannot be read, nothing is sent.
    if (ctx.aliases.enabled) ctx.aliases.register(await ctx.reader.accounts());
    if (!isToolName(name)) return { content: `There is no tool named ${JSON.stringify(name.slice(0, 64))}.`, isError: true };
    const parsed = toolInputs[name].safeParse(input);
    if (!parsed.success) return { content: `Invalid input for ${name}: ${describeIssues(parsed.error)}`, isError: true };
    const capped = name === 'draft_order' ? ctx.draftRefusal?.() : null;
    if (capped) return { content: capped, isError: true };
    return await dispatch(name, parsed.data, ctx);
  } catch (error) {
    if (error instanceof ToolRefusal) return { content: ctx.aliases.scrubText(error.message), isError: true };
    const detail = error instanceof Error ? error.message : String(error);
    // The port's message may carry broker text; it is fenced and scrubbed like any other data.
    return { content: `The ${name} tool failed: ${ctx.aliases.scrubText(fenceUntrusted(detail))}`, isError: true };
  }
}

function data(ctx: ToolRunContext, value: unknown): ToolOutcome {
  return { content: JSON.stringify(ctx.aliases.scrub(value)), isError: false };
}

async function resolveAccount(ctx: ToolRunContext, written: string | undefined): Promise<string | undefined> {
  if (written === undefined) return undefined;
  const real = ctx.aliases.toReal(written);
  const known = await ctx.reader.accounts();
  if (!known.includes(real)) {
    const names = known.map((a) => ctx.aliases.toAlias(a)).join(', ');
    throw new ToolRefusal(`Unknown account ${JSON.stringify(written)}. The accounts are: ${names || 'none'}.`);
  }
  return real;
}

type Inputs = { [K in ToolName]: z.output<(typeof toolInputs)[K]> };

async function dispatch<K extends ToolName>(name: K, input: Inputs[K], ctx: ToolRunContext): Promise<ToolOutcome> {
  const { reader } = ctx;
  switch (name) {
    case 'get_portfolio': {
      const i = input as Inputs['get_portfolio'];
      const account = await resolveAccount(ctx, i.account);
      const [positions, accounts] = await Promise.all([reader.portfolio(account), reader.accountSummary(account)]);
      const today = easternYmd(ctx.now());
      // A quote failing leaves those options' assignment risk "unknown" in the digest, never fails the read.
      const missing = underlyingsToQuote(positions, today);
      const quotes = missing.length === 0 ? [] : await reader.quotes(missing).catch(() => []);
      return data(ctx, portfolioDigest(accounts, positions, today, undefined, quotes));
    }
    case 'get_account_summary': {
      const i = input as Inputs['get_account_summary'];
      const accounts = await reader.accountSummary(await resolveAccount(ctx, i.account));
      return data(ctx, { accounts: accounts.map((a) => ({ ...a, accountType: fenceOptional(a.accountType) })) });
    }
    case 'get_quotes': {
      const i = input as Inputs['get_quotes'];
      const symbols = [...new Set(i.symbols.map((s) => s.toUpperCase()))];
      const quotes = await reader.quotes(symbols);
      const found = new Set(quotes.map((q) => q.symbol.toUpperCase()));
      return data(ctx, { quotes, notFound: symbols.filter((s) => !found.has(s)) });
    }
    case 'get_price_history': {
      const i = input as Inputs['get_price_history'];
      const bars = await reader.priceHistory({ symbol: i.symbol.toUpperCase(), period: i.period, barSize: i.bar_size });
      const kept = bars.slice(-maxBars);
      return data(ctx, { symbol: i.symbol.toUpperCase(), period: i.period, barSize: i.bar_size, bars: kept, truncated: kept.length < bars.length });
    }
    case 'get_open_orders': {
      const i = input as Inputs['get_open_orders'];
      const orders = await reader.openOrders(await resolveAccount(ctx, i.account));
      return data(ctx, { openOrders: orders.map(fenceOrderRef) });
    }
    case 'get_recent_executions': {
      const i = input as Inputs['get_recent_executions'];
      const account = await resolveAccount(ctx, i.account);
      const sinceMs = ctx.now() - (i.days ?? 1) * dayMs;
      const executions = await reader.executions({ ...(account === undefined ? {} : { account }), sinceMs });
      return data(ctx, { executions: executions.map(fenceOrderRef) });
    }
    case 'find_contract': {
      const i = input as Inputs['find_contract'];
      const matches = await reader.findContracts(i.query, i.sec_type);
      return data(ctx, {
        matches: matches.slice(0, 25).map((m) => ({
          conId: m.conId,
          symbol: m.symbol,
          secType: m.secType,
          currency: m.currency,
          primaryExchange: m.primaryExchange,
          longName: fenceUntrusted(m.longName),
          ...(m.description === undefined ? {} : { description: fenceUntrusted(m.description) }),
        })),
      });
    }
    case 'get_pending_drafts': {
      const drafts = await reader.pendingDrafts();
      return data(ctx, { drafts: drafts.map(draftForClaude) });
    }
    case 'get_decision_journal': {
      const i = input as Inputs['get_decision_journal'];
      if (!reader.decisionJournal) throw new ToolRefusal('The decision journal is not available.');
      return data(ctx, journalForClaude(await reader.decisionJournal(), i));
    }
    case 'get_option_chain': {
      const i = input as Inputs['get_option_chain'];
      const chain = await reader.optionChain({ symbol: i.symbol.toUpperCase(), ...(i.expiry === undefined ? {} : { expiry: i.expiry }), strikes: i.strikes ?? 10 });
      const q = (x: OptionQuote | null): string => (x === null ? '? ? ? ?' : `${num(x.bid)} ${num(x.ask)} ${x.delta === null ? '?' : Math.round(x.delta * 100)} ${x.impliedVol === null ? '?' : (x.impliedVol * 100).toFixed(1)}`);
      return data(ctx, {
        symbol: chain.symbol, currency: chain.currency, spot: chain.spot, multiplier: chain.multiplier ?? 'unknown: IB gave none, so no option of this chain can be sized or valued',
        tradingClass: chain.tradingClass === '' ? '' : fenceUntrusted(chain.tradingClass),
        expirations: chain.expirations, expiry: chain.expiry,
        columns: 'strike | call bid ask delta(x100) iv% | put bid ask delta(x100) iv%; ? = IB gave no figure; a trailing "| note" is what IB said about that line (delayed = about 15 minutes behind)',
        rows: chain.rows.map((r) => `${r.strike} | ${q(r.call)} | ${q(r.put)}${lineNote(r.call, r.put)}`).join('\n'),
      });
    }
    case 'draft_order':
      return draftOrder(input as DraftOrderToolInput, ctx);
  }
  throw new ToolRefusal(`There is no tool named ${String(name)}.`);
}

/** An orderRef is written by whichever client placed the order (another app, a person in TWS): text from outside. */
function fenceOrderRef<T extends { orderRef: string }>(row: T): T {
  return { ...row, orderRef: row.orderRef === '' ? '' : fenceUntrusted(row.orderRef) };
}

const num = (x: number | null): string => (x === null ? '?' : String(x));

/** " | call: delayed; put: <IB's words>" for a chain line IB said something about; IB's text is fenced. */
function lineNote(call: OptionQuote | null, put: OptionQuote | null): string {
  const side = (name: string, x: OptionQuote | null): string[] => {
    if (x === null) return [];
    const said = [...(x.delayed ? ['delayed'] : []), ...(x.notes ?? []).map((n) => fenceUntrusted(n))];
    return said.length === 0 ? [] : [`${name}: ${said.join(', ')}`];
  };
  const parts = [...side('call', call), ...side('put', put)];
  return parts.length === 0 ? '' : ` | ${parts.join('; ')}`;
}

function fenceOptional(text: string | null): string | null {
  return text === null || text === '' ? text : fenceUntrusted(text);
}

/**
 * A stored thesis and its risks were written by a model, maybe in another
 * conversation and under an injected instruction: they travel as data, never
 * as words this conversation could take for its own.
 */
function draftForClaude(d: Draft): Record<string, unknown> {
  return {
    draftId: d.id,
    state: d.state,
    author: d.author,
    account: d.account,
    contract: d.contract,
    order: d.order,
    thesis: fenceUntrusted(d.rationale),
    risks: d.risks.map(fenceUntrusted),
    expiresAt: new Date(d.expiresAt).toISOString(),
    verdicts: d.verdicts ?? [],
    ...(d.brokerMessage === undefined ? {} : { brokerMessage: fenceUntrusted(d.brokerMessage) }),
  };
}

async function draftOrder(i: DraftOrderToolInput, ctx: ToolRunContext): Promise<ToolOutcome> {
  const account = await resolveAccount(ctx, i.account);
  if (account === undefined) throw new ToolRefusal('draft_order needs an account.');
  if ((i.take_profit_price === undefined) !== (i.stop_loss_price === undefined)) {
    throw new ToolRefusal('A bracket needs both take_profit_price and stop_loss_price; give both or neither.');
  }
  const candidate: DraftInput = {
    account,
    author: 'claude',
    contract: {
      symbol: i.symbol,
      secType: i.sec_type,
      ...(i.con_id === undefined ? {} : { conId: i.con_id }),
      ...(i.currency === undefined ? {} : { currency: i.currency.toUpperCase() }),
      ...(i.expiry === undefined ? {} : { expiry: i.expiry }),
      ...(i.strike === undefined ? {} : { strike: i.strike }),
      ...(i.right === undefined ? {} : { right: i.right }),
    },
    order: {
      side: i.side,
      quantity: i.quantity,
      orderType: i.order_type,
      ...(i.limit_price === undefined ? {} : { limitPrice: i.limit_price }),
      ...(i.stop_price === undefined ? {} : { stopPrice: i.stop_price }),
      ...(i.trailing_amount === undefined ? {} : { trailingAmount: i.trailing_amount }),
      ...(i.trailing_percent === undefined ? {} : { trailingPercent: i.trailing_percent }),
      ...(i.tif === undefined ? {} : { tif: i.tif }),
      ...(i.outside_rth === undefined ? {} : { outsideRth: i.outside_rth }),
      ...(i.take_profit_price === undefined || i.stop_loss_price === undefined
        ? {}
        : { bracket: { takeProfitPrice: i.take_profit_price, stopLossPrice: i.stop_loss_price } }),
    },
    rationale: i.thesis,
    risks: i.risks,
  };
  const checked = DraftInput.safeParse(candidate);
  if (!checked.success) return { content: `The draft was not created: ${describeIssues(checked.error)}`, isError: true };
  const result: DraftDeskResult = await ctx.desk.createDraft(candidate, 'claude');
  if (!result.ok) return { content: `The draft was not created: ${ctx.aliases.scrubText(result.reason)}`, isError: true };
  const verdicts = result.verdicts.map((v) => ({ check: v.check, label: v.label, outcome: v.outcome, explanation: v.explanation }));
  const whatIf = result.whatIf === undefined ? undefined : { ...result.whatIf, ...(result.whatIf.warningText === undefined ? {} : { warningText: fenceUntrusted(result.whatIf.warningText) }) };
  const blocked = result.state === 'blocked';
  const body = {
    draftId: result.draftId,
    state: result.state,
    note: blocked
      ? 'A risk check blocked this draft: it is shown to the person but cannot be approved. Read the blocking verdicts; propose a revised draft only if it still fits the thesis.'
      : 'The draft waits in the approval queue. Nothing has been sent; the person decides.',
    verdicts,
    ...(whatIf === undefined ? {} : { whatIf }),
  };
  return { content: JSON.stringify(ctx.aliases.scrub(body)), isError: blocked, draft: { draftId: result.draftId, state: result.state } };
}
