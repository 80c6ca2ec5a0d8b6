import type { ContractDetails } from '@stoqey/ib';
import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';

/** CONTRACT_DATA at 193: no version field; layout of the client's decodeMsg_CONTRACT_DATA. */
export function contractData(reqId: number, d: ContractDetails): string[] {
  const c = d.contract;
  const w = new FieldWriter()
    .int(ToClient.CONTRACT_DATA).int(reqId)
    .str(c.symbol).str(c.secType).str(c.lastTradeDateOrContractMonth).str(c.lastTradeDate)
    .double(c.strike ?? 0).str(c.right).str(c.exchange).str(c.currency).str(c.localSymbol)
    .str(d.marketName).str(c.tradingClass).int(c.conId).double(d.minTick)
    .double(c.multiplier ?? 0).str(d.orderTypes).str(d.validExchanges)
    .int(d.priceMagnifier ?? 1).int(d.underConId ?? 0)
    .str(d.longName).str(c.primaryExch)
    .str(d.contractMonth).str(d.industry).str(d.category).str(d.subcategory)
    .str(d.timeZoneId).str(d.tradingHours).str(d.liquidHours)
    .str(d.evRule).double(d.evMultiplier ?? 0);
  const secIds = d.secIdList ?? [];
  w.int(secIds.length);
  for (const tv of secIds) w.str(tv.tag).str(tv.value);
  w.int(d.aggGroup ?? 1).str(d.underSymbol).str(d.underSecType).str(d.marketRuleIds)
    .str(d.realExpirationDate).str(d.stockType)
    .decimal(d.minSize ?? 1).decimal(d.sizeIncrement ?? 1).decimal(d.suggestedSizeIncrement ?? 100);
  if (c.secType === 'FUND') {
    w.str(d.fundName).str(d.fundFamily).str(d.fundType).str(d.fundFrontLoad).str(d.fundBackLoad)
      .str(d.fundBackLoadTimeInterval).str(d.fundManagementFee).bool(d.fundClosed)
      .bool(d.fundClosedForNewInvestors).bool(d.fundClosedForNewMoney).str(d.fundNotifyAmount)
      .str(d.fundMinimumInitialPurchase).str(d.fundSubsequentMinimumPurchase).str(d.fundBlueSkyStates)
      .str(d.fundBlueSkyTerritories).str(d.fundDistributionPolicyIndicator).str(d.fundAssetType);
  }
  const reasons = d.ineligibilityReasonList ?? [];
  w.int(reasons.length);
  for (const r of reasons) w.str(r.id).str(r.description);
  return w.fields;
}

export function contractDataEnd(reqId: number): string[] {
  return new FieldWriter().int(ToClient.CONTRACT_DATA_END).int(1).int(reqId).fields;
}
