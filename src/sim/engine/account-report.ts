// Account figures in the shapes TWS reports them: reqAccountUpdates key/value
// rows and reqAccountSummary tags. Money is printed with two decimals, as TWS does.
import { dayTradesRemaining, type Account, type Figures } from './accounts';
import type { AccountValue, SummaryValue } from './types';

const money = (x: number): string => x.toFixed(2);

function rows(a: Account, f: Figures): [string, string, string][] {
  const cushion = f.netLiq > 0 ? (f.excess / f.netLiq).toFixed(6) : '0';
  const leverage = f.netLiq > 0 ? (f.gross / f.netLiq).toFixed(2) : '0';
  return [
    ['AccountType', a.kind === 'cash' ? 'IRA' : 'INDIVIDUAL', ''],
    ['NetLiquidation', money(f.netLiq), 'USD'],
    ['TotalCashValue', money(f.cash), 'USD'],
    ['SettledCash', money(f.cash), 'USD'],
    ['AccruedCash', '0.00', 'USD'],
    ['BuyingPower', money(f.buyingPower), 'USD'],
    ['EquityWithLoanValue', money(f.ewl), 'USD'],
    ['PreviousDayEquityWithLoanValue', money(a.prevDayEwl), 'USD'],
    ['GrossPositionValue', money(f.gross), 'USD'],
    ['RegTEquity', money(f.ewl), 'USD'],
    ['RegTMargin', money(f.init), 'USD'],
    ['SMA', money(Math.max(0, f.ewl - f.init)), 'USD'],
    ['InitMarginReq', money(f.init), 'USD'],
    ['MaintMarginReq', money(f.maint), 'USD'],
    ['AvailableFunds', money(f.available), 'USD'],
    ['ExcessLiquidity', money(f.excess), 'USD'],
    ['Cushion', cushion, ''],
    ['FullInitMarginReq', money(f.init), 'USD'],
    ['FullMaintMarginReq', money(f.maint), 'USD'],
    ['FullAvailableFunds', money(f.available), 'USD'],
    ['FullExcessLiquidity', money(f.excess), 'USD'],
    ['LookAheadInitMarginReq', money(f.init), 'USD'],
    ['LookAheadMaintMarginReq', money(f.maint), 'USD'],
    ['LookAheadAvailableFunds', money(f.available), 'USD'],
    ['LookAheadExcessLiquidity', money(f.excess), 'USD'],
    ['LookAheadNextChange', '0', ''],
    ['HighestSeverity', '0', ''],
    ['DayTradesRemaining', String(dayTradesRemaining(f)), ''],
    ['Leverage', leverage, ''],
  ];
}

/** reqAccountSummary rows (tag, value, currency). */
export function summaryRows(a: Account, f: Figures): SummaryValue[] {
  return rows(a, f).map(([tag, value, currency]) => ({ tag, value, currency }));
}

/** reqAccountUpdates values: the summary keys plus the account-update-only ones. */
export function valueRows(a: Account, f: Figures): AccountValue[] {
  const out: AccountValue[] = [{ key: 'AccountCode', value: a.id, currency: '' }, { key: 'AccountReady', value: 'true', currency: '' }];
  for (const [key, value, currency] of rows(a, f)) out.push({ key, value, currency });
  out.push(
    { key: 'Currency', value: 'USD', currency: 'USD' },
    { key: 'CashBalance', value: money(f.cash), currency: 'USD' },
    { key: 'CashBalance', value: money(f.cash), currency: 'BASE' },
    { key: 'StockMarketValue', value: money(f.stockValue), currency: 'USD' },
    { key: 'NetLiquidationByCurrency', value: money(f.netLiq), currency: 'USD' },
    { key: 'NetLiquidationByCurrency', value: money(f.netLiq), currency: 'BASE' },
    { key: 'UnrealizedPnL', value: money(f.unrealized), currency: 'USD' },
    { key: 'RealizedPnL', value: money(f.realizedToday), currency: 'USD' },
    { key: 'ExchangeRate', value: '1.00', currency: 'USD' },
  );
  return out;
}
