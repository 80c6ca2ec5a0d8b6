// The demo book: what a typical IBKR household holds. The margin account has
// US stocks, long and short options (a bull call spread among them), an
// equity index future, stocks in Frankfurt, Tokyo and London, and cash in
// EUR and JPY beside its dollars; the IRA holds ETFs and writes a covered
// call; the business account reports in EUR and holds European and US stocks.
import { Random, mixSeed } from './random';
import { BUSINESS_ACCOUNT, CASH_ACCOUNT, MARGIN_ACCOUNT, figures, rateIn, type Account, type Holding, type Marks } from './accounts';
import { US_STOCK, type Terms } from './terms';
import type { Catalogue, Listing } from './catalogue';
import type { OptionBook } from './options';
import type { Contract } from './types';

// Weights of a plausible long-only portfolio; the margin account holds these first.
const MARGIN_BOOK = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'JPM', 'V', 'SPY', 'QQQ', 'XOM'];
const IRA_BOOK: [string, number][] = [['VTI', 0.35], ['BND', 0.2], ['SCHD', 0.15], ['VOO', 0.1]];
/** The margin account's first names belong to an advisor model, so the per-model streams have something to show. */
export const MODEL_CODE = 'GROWTH';
const MODEL_NAMES = new Set(['NVDA', 'AMZN', 'GOOGL']);

export interface Household {
  catalogue: Catalogue;
  options: OptionBook;
  marks: Marks;
  /** What a fill of the instrument would settle with (class, currency, multiplier, option series). */
  terms: (conId: number) => Terms | undefined;
  now: () => number;
}

function newAccount(id: string, kind: Account['kind'], accountType: string, base: string, cash: [string, number][]): Account {
  return { id, kind, accountType, base, ledger: new Map(cash), holdings: new Map(), prevDayEwl: 0 };
}

function put(a: Account, conId: number, terms: Terms, qty: number, avgCost: number, model = ''): Holding {
  const h: Holding = {
    conId, qty, avgCost, realized: 0, dayStartQty: qty, dayCashFlow: 0, dayCommission: 0, dayRealized: 0,
    ...(terms === US_STOCK || (terms.secType === 'STK' && terms.currency === 'USD' && terms.factor === 1) ? {} : { terms }),
    ...(model ? { model } : {}),
  };
  a.holdings.set(conId, h);
  return h;
}

/**
 * Bought (or sold) a while ago at `costFactor` x today's price. The premium
 * left (or came into) the ledger of `fundedIn`, converted at today's rate when
 * that is not the instrument's currency (shares bought abroad with currency
 * exchanged for them).
 */
function seed(a: Account, ctx: Household, conId: number, qty: number, costFactor: number, model = '', fundedIn?: string): void {
  const t = ctx.terms(conId);
  const price = ctx.marks.last(conId);
  if (!t || !(price > 0)) return;
  const avgCost = Math.round(price * t.factor * costFactor * 10_000) / 10_000;
  const h = put(a, conId, t, qty, avgCost, model);
  // A future was opened at its cost without commission; only its variation ever moves cash.
  if (t.secType === 'FUT') {
    h.openPrice = avgCost;
    return;
  }
  const ccy = fundedIn ?? t.currency;
  a.ledger.set(ccy, (a.ledger.get(ccy) ?? 0) - qty * avgCost * rateIn(ctx.marks, t.currency, ccy));
}

function stockQty(value: number, price: number): number {
  return Math.max(1, Math.round(value / price / 5) * 5);
}

function world(ctx: Household, q: Contract): Listing | undefined {
  return ctx.catalogue.find(q)[0];
}

/** An option series near `moneyness` x spot, `minDays` or more out. */
function option(ctx: Household, symbol: string, right: 'C' | 'P', moneyness: number, minDays: number): number | undefined {
  const u = ctx.catalogue.bySym(symbol);
  if (!u) return undefined;
  const spot = ctx.marks.last(u.conId);
  const chain = ctx.options.chains(u.conId, 'SMART')[0];
  if (!chain) return undefined;
  const horizon = ctx.now() + minDays * 86_400_000;
  const expiry = chain.expirations.find((e) => Date.UTC(+e.slice(0, 4), +e.slice(4, 6) - 1, +e.slice(6, 8)) >= horizon) ?? chain.expirations.at(-1)!;
  const target = spot * moneyness;
  const strike = chain.strikes.reduce((a, b) => (Math.abs(b - target) < Math.abs(a - target) ? b : a));
  return ctx.options.find({ symbol, secType: 'OPT' as Contract['secType'], lastTradeDateOrContractMonth: expiry, strike, right: right as Contract['right'] })[0]?.conId;
}

function margin(ctx: Household, heldSymbols: number, rng: Random): Account {
  const a = newAccount(MARGIN_ACCOUNT, 'margin', 'INDIVIDUAL', 'USD', [['USD', 1_000_000], ['EUR', 25_000], ['JPY', 1_500_000]]);
  const picks: Listing[] = [];
  for (const s of MARGIN_BOOK) {
    const l = ctx.catalogue.bySym(s);
    if (l && picks.length < heldSymbols) picks.push(l);
  }
  for (const l of ctx.catalogue.listings) {
    if (picks.length >= heldSymbols) break;
    if (!l.spec && !picks.includes(l) && !IRA_BOOK.some(([s]) => s === l.symbol)) picks.push(l);
  }
  // About 60% in US stocks, the rest abroad, in derivatives and in cash.
  const each = picks.length > 0 ? 600_000 / picks.length : 0;
  for (const l of picks) {
    const price = ctx.marks.last(l.conId);
    seed(a, ctx, l.conId, stockQty(each * (0.6 + 0.8 * rng.next()), price), 0.7 + 0.4 * rng.next(), MODEL_NAMES.has(l.symbol) ? MODEL_CODE : '');
  }
  const foreign: [Contract, number][] = [
    [{ symbol: 'SAP', secType: 'STK' as Contract['secType'], currency: 'EUR' }, 150],
    [{ symbol: '7203', secType: 'STK' as Contract['secType'], currency: 'JPY' }, 1_000],
    [{ symbol: 'HSBA', secType: 'STK' as Contract['secType'], currency: 'GBP' }, 3_000],
  ];
  for (const [q, qty] of foreign) {
    const l = world(ctx, q);
    // Paid for with dollars exchanged for the purpose: the EUR and JPY balances are cash held beside them.
    if (l) seed(a, ctx, l.conId, qty, 0.85 + 0.25 * rng.next(), '', 'USD');
  }
  const es = world(ctx, { symbol: 'ES', secType: 'CONTFUT' as Contract['secType'], exchange: 'CME' });
  if (es) seed(a, ctx, es.conId, 1, 0.99);
  // Long calls, a short put, and a bull call spread on SPY.
  const legs: [number | undefined, number, number][] = [
    [option(ctx, 'AAPL', 'C', 1.0, 30), 5, 0.9],
    [option(ctx, 'MSFT', 'P', 0.92, 20), -3, 1.15],
    [option(ctx, 'SPY', 'C', 1.0, 45), 10, 0.95],
    [option(ctx, 'SPY', 'C', 1.04, 45), -10, 1.05],
  ];
  for (const [conId, qty, factor] of legs) if (conId !== undefined) seed(a, ctx, conId, qty, factor);
  return a;
}

function ira(ctx: Household, rng: Random): Account {
  const a = newAccount(CASH_ACCOUNT, 'cash', 'IRA', 'USD', [['USD', 250_000]]);
  for (const [s, w] of IRA_BOOK) {
    const l = ctx.catalogue.bySym(s);
    if (l) seed(a, ctx, l.conId, stockQty(150_000 * w, ctx.marks.last(l.conId)), 0.7 + 0.4 * rng.next());
  }
  // A covered call: 200 QQQ and two calls written against them.
  const qqq = ctx.catalogue.bySym('QQQ');
  const call = option(ctx, 'QQQ', 'C', 1.05, 30);
  if (qqq && call !== undefined) {
    seed(a, ctx, qqq.conId, 200, 0.9);
    seed(a, ctx, call, -2, 1.1);
  }
  return a;
}

function business(ctx: Household, rng: Random): Account {
  const a = newAccount(BUSINESS_ACCOUNT, 'margin', 'CORPORATION', 'EUR', [['EUR', 400_000], ['USD', 60_000]]);
  const names: [Contract, number][] = [
    [{ symbol: 'SAP', secType: 'STK' as Contract['secType'], currency: 'EUR' }, 400],
    [{ symbol: 'ASML', secType: 'STK' as Contract['secType'], currency: 'EUR' }, 100],
    [{ symbol: 'SIE', secType: 'STK' as Contract['secType'], currency: 'EUR' }, 300],
    [{ symbol: 'MSFT', secType: 'STK' as Contract['secType'], currency: 'USD' }, 80],
  ];
  for (const [q, qty] of names) {
    const l = q.currency === 'USD' ? ctx.catalogue.bySym(q.symbol!) : world(ctx, q);
    if (l) seed(a, ctx, l.conId, qty, 0.8 + 0.3 * rng.next());
  }
  return a;
}

/** The three linked accounts; the margin account holds `heldSymbols` US names. */
export function openAccounts(seedValue: number, ctx: Household, heldSymbols: number): Account[] {
  const rng = new Random(mixSeed(seedValue, 0x61636374));
  const accounts = [margin(ctx, heldSymbols, rng), ira(ctx, rng), business(ctx, rng)];
  for (const a of accounts) a.prevDayEwl = figures(a, ctx.marks).ewl;
  return accounts;
}

/** The model codes an account's positions belong to. */
export function modelsOf(a: Account): string[] {
  return [...new Set([...a.holdings.values()].map((h) => h.model ?? '').filter((m) => m !== ''))];
}
