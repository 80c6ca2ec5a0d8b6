import type { AccountView, PositionView } from './portfolio';

/**
 * Totals of accounts in their base currency, and of all accounts in one
 * chosen currency. Amounts are converted only with IB's own ExchangeRate
 * values: a total that needs a rate IB has not given is null, never guessed.
 */

/** What a position adds to its account's net liquidation, in base: a future its open P&L, a forex position nothing (it is cash). */
export function netLiqContribution(p: Pick<PositionView, 'secType' | 'baseValue' | 'unrealizedPnL'>): number | null {
  if (p.secType === 'FUT') return p.unrealizedPnL;
  if (p.secType === 'CASH') return 0;
  return p.baseValue;
}

/** Whether IB counts the position in GrossPositionValue: not futures (their notional is not the account's money), not forex (cash). */
export function countsInGross(p: Pick<PositionView, 'secType'>): boolean {
  return p.secType !== 'FUT' && p.secType !== 'CASH';
}

/** A rate IB gave that can convert: finite and above zero (a 0 would turn an amount into nothing). */
function usableRate(rate: number | null | undefined): number | null {
  return rate !== null && rate !== undefined && Number.isFinite(rate) && rate > 0 ? rate : null;
}

/** IB's rate for `currency` in the account's base: 1 for the base itself, null when IB has not given a usable one. */
export function rateInBase(account: Pick<AccountView, 'currency' | 'cashByCurrency'>, currency: string): number | null {
  if (currency === account.currency) return 1;
  return usableRate(account.cashByCurrency.find((c) => c.currency === currency)?.rate);
}

/** The account's cash in its base currency: the ledger converted at IB's rates, or IB's TotalCashValue without a ledger. */
export function cashInBase(account: AccountView): number | null {
  if (account.cashByCurrency.length === 0) return account.totalCash;
  let total = 0;
  for (const c of account.cashByCurrency) {
    const rate = c.currency === account.currency ? 1 : usableRate(c.rate);
    if (c.cash === null || rate === null) return null;
    total += c.cash * rate;
  }
  return total;
}

export interface AccountTotals {
  account: string;
  currency: string;
  cash: number | null;
  /** What the positions add to net liquidation. */
  positions: number | null;
  /** Cash plus positions, from the parts. */
  netLiquidation: number | null;
  /** IB's own NetLiquidation. */
  netLiquidationIb: number | null;
  grossPositionValue: number | null;
  /** Sum of |weight| of the positions counted in gross, in percent. */
  grossWeightPct: number | null;
}

export function accountTotals(account: AccountView, positions: readonly PositionView[]): AccountTotals {
  const mine = positions.filter((p) => p.account === account.account);
  const cash = cashInBase(account);
  let held: number | null = 0;
  let gross: number | null = 0;
  let weights: number | null = 0;
  for (const p of mine) {
    const part = netLiqContribution(p);
    held = held === null || part === null ? null : held + part;
    if (!countsInGross(p)) continue;
    gross = gross === null || p.baseValue === null ? null : gross + Math.abs(p.baseValue);
    weights = weights === null || p.weightPct === null ? null : weights + Math.abs(p.weightPct);
  }
  return {
    account: account.account, currency: account.currency, cash, positions: held,
    netLiquidation: cash === null || held === null ? null : cash + held,
    netLiquidationIb: account.netLiquidation, grossPositionValue: gross, grossWeightPct: weights,
  };
}

/**
 * Units of `to` per unit of `from`, from IB's rates only: an account based in
 * one of them that reports the other, or an account that reports both.
 */
export function rateBetween(from: string, to: string, accounts: readonly Pick<AccountView, 'currency' | 'cashByCurrency'>[]): number | null {
  if (from === to) return 1;
  for (const a of accounts) {
    const f = rateInBase(a, from);
    const t = rateInBase(a, to);
    if (f !== null && t !== null) return f / t;
  }
  return null;
}

export interface CombinedTotals {
  currency: string;
  netLiquidation: number | null;
  cash: number | null;
  dailyPnL: number | null;
  unrealizedPnL: number | null;
  /** Accounts whose base currency could not be converted (no IB rate). */
  unconverted: string[];
}

/** Every account's IB figures converted from its base into `currency`. */
export function combinedTotals(accounts: readonly AccountView[], currency: string): CombinedTotals {
  const out: CombinedTotals = { currency, netLiquidation: 0, cash: 0, dailyPnL: 0, unrealizedPnL: 0, unconverted: [] };
  const add = (key: 'netLiquidation' | 'cash' | 'dailyPnL' | 'unrealizedPnL', value: number | null, rate: number): void => {
    const current = out[key];
    out[key] = current === null || value === null ? null : current + value * rate;
  };
  for (const a of accounts) {
    const rate = rateBetween(a.currency, currency, accounts);
    if (rate === null) {
      out.unconverted.push(a.account);
      out.netLiquidation = out.cash = out.dailyPnL = out.unrealizedPnL = null;
      continue;
    }
    add('netLiquidation', a.netLiquidation, rate);
    add('cash', cashInBase(a), rate);
    add('dailyPnL', a.dailyPnL, rate);
    add('unrealizedPnL', a.unrealizedPnL, rate);
  }
  return out;
}

/** The all-accounts view's default currency: the first account's base. */
export function defaultDisplayCurrency(accounts: readonly Pick<AccountView, 'currency'>[]): string {
  return accounts[0]?.currency ?? 'USD';
}
