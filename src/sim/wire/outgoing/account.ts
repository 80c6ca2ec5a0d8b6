import type { Contract } from '@stoqey/ib';
import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';
import { V } from '../versions';

export function accountValue(key: string, value: string, currency: string, account: string): string[] {
  return new FieldWriter().int(ToClient.ACCT_VALUE).int(2).str(key).str(value).str(currency).str(account).fields;
}

export interface PortfolioValueRow {
  contract: Contract;
  position: number;
  marketPrice: number;
  marketValue: number;
  averageCost: number;
  unrealizedPNL: number;
  realizedPNL: number;
  account: string;
}

/** PORTFOLIO_VALUE version 8: conId first, primaryExch instead of exchange. */
export function portfolioValue(row: PortfolioValueRow): string[] {
  const c = row.contract;
  return new FieldWriter()
    .int(ToClient.PORTFOLIO_VALUE).int(8)
    .int(c.conId).str(c.symbol).str(c.secType).str(c.lastTradeDateOrContractMonth)
    .double(c.strike ?? 0).str(c.right).double(c.multiplier ?? 0).str(c.primaryExch ?? c.exchange)
    .str(c.currency).str(c.localSymbol ?? c.symbol).str(c.tradingClass ?? c.symbol)
    .decimal(row.position).double(row.marketPrice).double(row.marketValue)
    .double(row.averageCost).double(row.unrealizedPNL).double(row.realizedPNL).str(row.account).fields;
}

/** "HH:MM" of the last account update. */
export function accountUpdateTime(hhmm: string): string[] {
  return new FieldWriter().int(ToClient.ACCT_UPDATE_TIME).int(1).str(hhmm).fields;
}

export function accountDownloadEnd(account: string): string[] {
  return new FieldWriter().int(ToClient.ACCT_DOWNLOAD_END).int(1).str(account).fields;
}

export function accountSummary(reqId: number, account: string, tag: string, value: string, currency: string): string[] {
  return new FieldWriter().int(ToClient.ACCOUNT_SUMMARY).int(1).int(reqId).str(account).str(tag).str(value).str(currency).fields;
}

export function accountSummaryEnd(reqId: number): string[] {
  return new FieldWriter().int(ToClient.ACCOUNT_SUMMARY_END).int(1).int(reqId).fields;
}

/** POSITION version 3 (with average cost). */
export function position(account: string, c: Contract, pos: number, avgCost: number): string[] {
  return new FieldWriter()
    .int(ToClient.POSITION).int(3).str(account)
    .int(c.conId).str(c.symbol).str(c.secType).str(c.lastTradeDateOrContractMonth)
    .double(c.strike ?? 0).str(c.right).double(c.multiplier ?? 0).str(c.exchange)
    .str(c.currency).str(c.localSymbol ?? c.symbol).str(c.tradingClass ?? c.symbol)
    .decimal(pos).double(avgCost).fields;
}

export function positionEnd(): string[] {
  return new FieldWriter().int(ToClient.POSITION_END).int(1).fields;
}

/** PNL carries no version field; unrealized and realized P&L arrived in later server versions. */
export function pnl(v: number, reqId: number, daily: number, unrealized: number, realized: number): string[] {
  const w = new FieldWriter().int(ToClient.PNL).int(reqId).double(daily);
  if (v >= V.UNREALIZED_PNL) w.double(unrealized);
  if (v >= V.REALIZED_PNL) w.double(realized);
  return w.fields;
}

export function pnlSingle(v: number, reqId: number, pos: number, daily: number, unrealized: number, realized: number, value: number): string[] {
  const w = new FieldWriter().int(ToClient.PNL_SINGLE).int(reqId).decimal(pos).double(daily);
  if (v >= V.UNREALIZED_PNL) w.double(unrealized);
  if (v >= V.REALIZED_PNL) w.double(realized);
  return w.double(value).fields;
}

/** POSITION_MULTI version 1: a position of one account (and model) for reqPositionsMulti. */
export function positionMulti(reqId: number, account: string, modelCode: string, c: Contract, pos: number, avgCost: number): string[] {
  return new FieldWriter()
    .int(ToClient.POSITION_MULTI).int(1).int(reqId).str(account)
    .int(c.conId).str(c.symbol).str(c.secType).str(c.lastTradeDateOrContractMonth)
    .double(c.strike ?? 0).str(c.right).double(c.multiplier ?? 0).str(c.exchange)
    .str(c.currency).str(c.localSymbol ?? c.symbol).str(c.tradingClass ?? c.symbol)
    .decimal(pos).double(avgCost).str(modelCode).fields;
}

export function positionMultiEnd(reqId: number): string[] {
  return new FieldWriter().int(ToClient.POSITION_MULTI_END).int(1).int(reqId).fields;
}

export function accountUpdateMulti(reqId: number, account: string, modelCode: string, key: string, value: string, currency: string): string[] {
  return new FieldWriter().int(ToClient.ACCOUNT_UPDATE_MULTI).int(1).int(reqId).str(account).str(modelCode).str(key).str(value).str(currency).fields;
}

export function accountUpdateMultiEnd(reqId: number): string[] {
  return new FieldWriter().int(ToClient.ACCOUNT_UPDATE_MULTI_END).int(1).int(reqId).fields;
}
