// Account figures in the shapes TWS reports them: reqAccountUpdates key/value
// rows, reqAccountSummary tags and the cash ledger ($LEDGER). Totals are in
// the account's base currency; the ledger and the per-currency rows carry each
// currency's own amounts, with the base-currency totals under "BASE". Money
// is printed with two decimals, as TWS does.
import { dayTradesRemaining, type Account, type CurrencyFigures, type Figures } from './accounts';
import type { AccountValue, SummaryValue } from './types';

const money = (x: number): string => x.toFixed(2);

function rows(a: Account, f: Figures): [string, string, string][] {
  const cushion = f.netLiq > 0 ? (f.excess / f.netLiq).toFixed(6) : '0';
  const leverage = f.netLiq > 0 ? (f.gross / f.netLiq).toFixed(2) : '0';
  const b = f.base;
  return [
    ['AccountType', a.accountType, ''],
    ['NetLiquidation', money(f.netLiq), b],
    ['TotalCashValue', money(f.cash), b],
    ['SettledCash', money(f.cash), b],
    ['AccruedCash', '0.00', b],
    ['BuyingPower', money(f.buyingPower), b],
    ['EquityWithLoanValue', money(f.ewl), b],
    ['PreviousDayEquityWithLoanValue', money(a.prevDayEwl), b],
    ['GrossPositionValue', money(f.gross), b],
    ['RegTEquity', money(f.ewl), b],
    ['RegTMargin', money(f.init), b],
    ['SMA', money(Math.max(0, f.ewl - f.init)), b],
    ['InitMarginReq', money(f.init), b],
    ['MaintMarginReq', money(f.maint), b],
    ['AvailableFunds', money(f.available), b],
    ['ExcessLiquidity', money(f.excess), b],
    ['Cushion', cushion, ''],
    ['FullInitMarginReq', money(f.init), b],
    ['FullMaintMarginReq', money(f.maint), b],
    ['FullAvailableFunds', money(f.available), b],
    ['FullExcessLiquidity', money(f.excess), b],
    ['LookAheadInitMarginReq', money(f.init), b],
    ['LookAheadMaintMarginReq', money(f.maint), b],
    ['LookAheadAvailableFunds', money(f.available), b],
    ['LookAheadExcessLiquidity', money(f.excess), b],
    ['LookAheadNextChange', '0', ''],
    ['HighestSeverity', '0', ''],
    ['DayTradesRemaining', String(dayTradesRemaining(f)), ''],
    ['Leverage', leverage, ''],
  ];
}

/** The cash-ledger tags of one currency ("BASE": the base-currency totals), as $LEDGER reports them. */
function ledger(a: Account, c: Pick<CurrencyFigures, 'cash' | 'stockValue' | 'optionValue' | 'futuresPnl' | 'netLiq' | 'unrealized' | 'realized' | 'rate'>, currency: string, realCurrency: string): [string, string][] {
  return [
    ['Currency', realCurrency],
    ['CashBalance', money(c.cash)],
    ['TotalCashBalance', money(c.cash)],
    ['AccruedCash', '0.00'],
    ['StockMarketValue', money(c.stockValue)],
    ['OptionMarketValue', money(c.optionValue)],
    ['FutureOptionValue', '0.00'],
    ['FuturesPNL', money(c.futuresPnl)],
    ['NetLiquidationByCurrency', money(c.netLiq)],
    ['UnrealizedPnL', money(c.unrealized)],
    ['RealizedPnL', money(c.realized)],
    ['ExchangeRate', String(c.rate)],
    ['FundValue', '0.00'],
    ['NetDividend', '0.00'],
    ['MutualFundValue', '0.00'],
    ['MoneyMarketFundValue', '0.00'],
    ['CorporateBondValue', '0.00'],
    ['TBondValue', '0.00'],
    ['TBillValue', '0.00'],
    ['WarrantValue', '0.00'],
    ['FxCashBalance', '0.00'],
    ['AccountOrGroup', a.id],
    ['RealCurrency', realCurrency],
    ['IssuerOptionValue', '0.00'],
  ].map(([k, v]) => [k!, currency === 'BASE' && k === 'Currency' ? realCurrency : v!] as [string, string]);
}

function baseTotals(f: Figures): Pick<CurrencyFigures, 'cash' | 'stockValue' | 'optionValue' | 'futuresPnl' | 'netLiq' | 'unrealized' | 'realized' | 'rate'> {
  return { cash: f.cash, stockValue: f.stockValue, optionValue: f.optionValue, futuresPnl: f.futuresPnl, netLiq: f.netLiq, unrealized: f.unrealized, realized: f.realizedToday, rate: 1 };
}

/** Ledger rows by currency: "BASE" first (totals in the base currency), then every currency held. */
export function ledgerRows(a: Account, f: Figures): SummaryValue[] {
  const out: SummaryValue[] = [];
  for (const [tag, value] of ledger(a, baseTotals(f), 'BASE', f.base)) out.push({ tag, value, currency: 'BASE' });
  for (const c of f.byCurrency) for (const [tag, value] of ledger(a, c, c.currency, c.currency)) out.push({ tag, value, currency: c.currency });
  return out;
}

/** reqAccountSummary rows (tag, value, currency). */
export function summaryRows(a: Account, f: Figures): SummaryValue[] {
  return rows(a, f).map(([tag, value, currency]) => ({ tag, value, currency }));
}

/** reqAccountUpdates values: the summary keys, then the ledger of every currency and the base totals. */
export function valueRows(a: Account, f: Figures): AccountValue[] {
  const out: AccountValue[] = [{ key: 'AccountCode', value: a.id, currency: '' }, { key: 'AccountReady', value: 'true', currency: '' }];
  for (const [key, value, currency] of rows(a, f)) out.push({ key, value, currency });
  for (const r of ledgerRows(a, f)) if (r.tag !== 'AccountOrGroup' && r.tag !== 'RealCurrency') out.push({ key: r.tag, value: r.value, currency: r.currency });
  return out;
}
