import type { ContractDetails } from '@stoqey/ib';
import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';
import { V } from '../versions';

/**
 * CONTRACT_DATA, the layout of the client's decodeMsg_CONTRACT_DATA: version
 * 8 before SIZE_RULES (none after), and each later field from the server
 * version that introduced it.
 */
export function contractData(v: number, reqId: number, d: ContractDetails): string[] {
  const c = d.contract;
  const w = new FieldWriter().int(ToClient.CONTRACT_DATA);
  if (v < V.SIZE_RULES) w.int(8);
  w.int(reqId).str(c.symbol).str(c.secType).str(c.lastTradeDateOrContractMonth);
  if (v >= V.LAST_TRADE_DATE) w.str(c.lastTradeDate);
  w.double(c.strike ?? 0).str(c.right).str(c.exchange).str(c.currency).str(c.localSymbol)
    .str(d.marketName).str(c.tradingClass).int(c.conId).double(d.minTick);
  if (v >= V.MD_SIZE_MULTIPLIER && v < V.SIZE_RULES) w.int(1);
  w.double(c.multiplier ?? 0).str(d.orderTypes).str(d.validExchanges)
    .int(d.priceMagnifier ?? 1).int(d.underConId ?? 0)
    .str(d.longName).str(c.primaryExch)
    .str(d.contractMonth).str(d.industry).str(d.category).str(d.subcategory)
    .str(d.timeZoneId).str(d.tradingHours).str(d.liquidHours)
    .str(d.evRule).double(d.evMultiplier ?? 0);
  const secIds = d.secIdList ?? [];
  w.int(secIds.length);
  for (const tv of secIds) w.str(tv.tag).str(tv.value);
  if (v >= V.AGG_GROUP) w.int(d.aggGroup ?? 1);
  if (v >= V.UNDERLYING_INFO) w.str(d.underSymbol).str(d.underSecType);
  if (v >= V.MARKET_RULES) w.str(d.marketRuleIds);
  if (v >= V.REAL_EXPIRATION_DATE) w.str(d.realExpirationDate);
  if (v >= V.STOCK_TYPE) w.str(d.stockType);
  if (v >= V.FRACTIONAL_SIZE_SUPPORT && v < V.SIZE_RULES) w.decimal(d.minSize ?? 1);
  if (v >= V.SIZE_RULES) w.decimal(d.minSize ?? 1).decimal(d.sizeIncrement ?? 1).decimal(d.suggestedSizeIncrement ?? 100);
  if (v >= V.FUND_DATA_FIELDS && c.secType === 'FUND') {
    w.str(d.fundName).str(d.fundFamily).str(d.fundType).str(d.fundFrontLoad).str(d.fundBackLoad)
      .str(d.fundBackLoadTimeInterval).str(d.fundManagementFee).bool(d.fundClosed)
      .bool(d.fundClosedForNewInvestors).bool(d.fundClosedForNewMoney).str(d.fundNotifyAmount)
      .str(d.fundMinimumInitialPurchase).str(d.fundSubsequentMinimumPurchase).str(d.fundBlueSkyStates)
      .str(d.fundBlueSkyTerritories).str(d.fundDistributionPolicyIndicator).str(d.fundAssetType);
  }
  if (v >= V.INELIGIBILITY_REASONS) {
    const reasons = d.ineligibilityReasonList ?? [];
    w.int(reasons.length);
    for (const r of reasons) w.str(r.id).str(r.description);
  }
  return w.fields;
}

/**
 * BOND_CONTRACT_DATA, the layout of the client's decodeMsg_BOND_CONTRACT_DATA:
 * version 6 before SIZE_RULES (none after); the maturity travels where other
 * contracts carry their last trade date; trading hours from BOND_TRADING_HOURS.
 */
export function bondContractData(v: number, reqId: number, d: ContractDetails): string[] {
  const c = d.contract;
  const w = new FieldWriter().int(ToClient.BOND_CONTRACT_DATA);
  if (v < V.SIZE_RULES) w.int(6);
  w.int(reqId).str(c.symbol).str(c.secType).str(d.cusip).double(d.coupon ?? 0).str(d.maturity)
    .str(d.issueDate).str(d.ratings).str(d.bondType).str(d.couponType)
    .bool(d.convertible ?? false).bool(d.callable ?? false).bool(d.putable ?? false).str(d.descAppend)
    .str(c.exchange).str(c.currency).str(d.marketName).str(c.tradingClass).int(c.conId).double(d.minTick);
  if (v >= V.MD_SIZE_MULTIPLIER && v < V.SIZE_RULES) w.int(1);
  w.str(d.orderTypes).str(d.validExchanges)
    .str(d.nextOptionDate).str(d.nextOptionType).bool(d.nextOptionPartial ?? false).str(d.notes)
    .str(d.longName);
  if (v >= V.BOND_TRADING_HOURS) w.str(d.timeZoneId).str(d.tradingHours).str(d.liquidHours);
  w.str(d.evRule).double(d.evMultiplier ?? 0);
  const secIds = d.secIdList ?? [];
  w.int(secIds.length);
  for (const tv of secIds) w.str(tv.tag).str(tv.value);
  if (v >= V.AGG_GROUP) w.int(d.aggGroup ?? 1);
  if (v >= V.MARKET_RULES) w.str(d.marketRuleIds);
  if (v >= V.SIZE_RULES) w.decimal(d.minSize ?? 1).decimal(d.sizeIncrement ?? 1).decimal(d.suggestedSizeIncrement ?? 1);
  return w.fields;
}

export function contractDataEnd(reqId: number): string[] {
  return new FieldWriter().int(ToClient.CONTRACT_DATA_END).int(1).int(reqId).fields;
}
