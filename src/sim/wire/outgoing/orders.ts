import type { Contract, Order, OrderState } from '@stoqey/ib';
import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';
import { writeConditions } from './order-conditions';

function isPegBench(t: string | undefined): boolean {
  return t === 'PEG BENCH' || t === 'PEGBENCH';
}

/**
 * OPEN_ORDER at 193 (no version field: version = server version). Field for
 * field the reverse of the client's OrderDecoder, in the same order and with
 * the same conditional blocks; a plain order is 133 fields.
 */
export function openOrder(orderId: number, c: Contract, o: Order, s: OrderState): string[] {
  const w = new FieldWriter().int(ToClient.OPEN_ORDER).int(orderId);
  // contract
  w.int(c.conId).str(c.symbol).str(c.secType).str(c.lastTradeDateOrContractMonth)
    .double(c.strike ?? 0).str(c.right).str(c.multiplier ? String(c.multiplier) : '')
    .str(c.exchange).str(c.currency).str(c.localSymbol).str(c.tradingClass);
  // main order fields
  w.str(o.action).decimal(o.totalQuantity).str(o.orderType).double(o.lmtPrice).double(o.auxPrice)
    .str(o.tif).str(o.ocaGroup).str(o.account).str(o.openClose).int(o.origin ?? 0).str(o.orderRef)
    .int(o.clientId).int(o.permId).bool(o.outsideRth).int(o.hidden ? 1 : 0).double(o.discretionaryAmt ?? 0)
    .str(o.goodAfterTime).str('') /* deprecated sharesAllocation */
    .str(o.faGroup).str(o.faMethod).str(o.faPercentage).str(o.modelCode).str(o.goodTillDate)
    .str(o.rule80A).double(o.percentOffset).str(o.settlingFirm)
    .int(o.shortSaleSlot ?? 0).str(o.designatedLocation).int(o.exemptCode ?? -1)
    .int(o.auctionStrategy ?? 0).double(o.startingPrice).double(o.stockRefPrice).double(o.delta)
    .double(o.stockRangeLower).double(o.stockRangeUpper).intMax(o.displaySize)
    .bool(o.blockOrder).bool(o.sweepToFill).bool(o.allOrNone).intMax(o.minQty).int(o.ocaType ?? 0)
    .bool(o.eTradeOnly).bool(o.firmQuoteOnly).double(o.nbboPriceCap)
    .int(o.parentId ?? 0).int(o.triggerMethod ?? 0);
  // volatility block
  w.double(o.volatility).int(o.volatilityType ?? 0).str(o.deltaNeutralOrderType).double(o.deltaNeutralAuxPrice);
  if (o.deltaNeutralOrderType) {
    w.int(o.deltaNeutralConId ?? 0).str(o.deltaNeutralSettlingFirm).str(o.deltaNeutralClearingAccount)
      .str(o.deltaNeutralClearingIntent).str(o.deltaNeutralOpenClose).bool(o.deltaNeutralShortSale)
      .int(o.deltaNeutralShortSaleSlot ?? 0).str(o.deltaNeutralDesignatedLocation);
  }
  w.int(o.continuousUpdate ?? 0).int(o.referencePriceType ?? 0);
  // trail, basis points
  w.double(o.trailStopPrice).double(o.trailingPercent).double(o.basisPoints).intMax(o.basisPointsType);
  // combo legs
  w.str(c.comboLegsDescription);
  const legs = c.comboLegs ?? [];
  w.int(legs.length);
  for (const l of legs) {
    w.int(l.conId).int(l.ratio).str(l.action).str(l.exchange).int(l.openClose ?? 0)
      .int(l.shortSaleSlot ?? 0).str(l.designatedLocation).int(l.exemptCode ?? -1);
  }
  const orderLegs = o.orderComboLegs ?? [];
  w.int(orderLegs.length);
  for (const l of orderLegs) w.double(l.price);
  const smart = o.smartComboRoutingParams ?? [];
  w.int(smart.length);
  for (const tv of smart) w.str(tv.tag).str(tv.value);
  // scale
  w.intMax(o.scaleInitLevelSize).intMax(o.scaleSubsLevelSize).double(o.scalePriceIncrement);
  if (o.scalePriceIncrement !== undefined && o.scalePriceIncrement > 0 && o.scalePriceIncrement !== Number.MAX_VALUE) {
    w.double(o.scalePriceAdjustValue).intMax(o.scalePriceAdjustInterval).double(o.scaleProfitOffset)
      .bool(o.scaleAutoReset).intMax(o.scaleInitPosition).intMax(o.scaleInitFillQty).bool(o.scaleRandomPercent);
  }
  // hedge, routing, clearing
  w.str(o.hedgeType);
  if (o.hedgeType) w.str(o.hedgeParam);
  w.bool(o.optOutSmartRouting).str(o.clearingAccount).str(o.clearingIntent).bool(o.notHeld);
  if (c.deltaNeutralContract) {
    w.bool(true).int(c.deltaNeutralContract.conId).double(c.deltaNeutralContract.delta).double(c.deltaNeutralContract.price);
  } else {
    w.bool(false);
  }
  w.str(o.algoStrategy);
  if (o.algoStrategy) {
    const params = o.algoParams ?? [];
    w.int(params.length);
    for (const tv of params) w.str(tv.tag).str(tv.value);
  }
  w.bool(o.solicited);
  // what-if info and order state
  w.bool(o.whatIf).str(s.status)
    .double(s.initMarginBefore).double(s.maintMarginBefore).double(s.equityWithLoanBefore)
    .double(s.initMarginChange).double(s.maintMarginChange).double(s.equityWithLoanChange)
    .double(s.initMarginAfter).double(s.maintMarginAfter).double(s.equityWithLoanAfter)
    .double(s.commission).double(s.minCommission).double(s.maxCommission)
    .str(s.commissionCurrency).str(s.warningText);
  w.bool(o.randomizeSize).bool(o.randomizePrice);
  if (isPegBench(o.orderType)) {
    w.int(o.referenceContractId).bool(o.isPeggedChangeAmountDecrease).double(o.peggedChangeAmount)
      .double(o.referenceChangeAmount).str(o.referenceExchangeId);
  }
  writeConditions(w, o.conditions, o.conditionsIgnoreRth, o.conditionsCancelOrder);
  // adjusted order params (trailStopPrice is read a second time here by the client)
  w.str(o.adjustedOrderType).double(o.triggerPrice).double(o.trailStopPrice).double(o.lmtPriceOffset)
    .double(o.adjustedStopPrice).double(o.adjustedStopLimitPrice).double(o.adjustedTrailingAmount)
    .int(o.adjustableTrailingUnit ?? 0);
  w.str(o.softDollarTier?.name).str(o.softDollarTier?.value).str(o.softDollarTier?.displayName);
  w.double(o.cashQty).bool(o.dontUseAutoPriceForHedge).bool(o.isOmsContainer)
    .bool(o.discretionaryUpToLimitPrice).bool(o.usePriceMgmtAlgo).intMax(o.duration).intMax(o.postToAts)
    .bool(o.autoCancelParent);
  w.intMax(o.minTradeQty).intMax(o.minCompeteSize).double(o.competeAgainstBestOffset)
    .double(o.midOffsetAtWhole).double(o.midOffsetAtHalf);
  w.str(o.customerAccount).bool(o.professionalCustomer).str(o.bondAccruedInterest).bool(o.includeOvernight);
  w.str(o.extOperator).intMax(o.manualOrderIndicator);
  return w.fields;
}

export interface OrderStatusFields {
  orderId: number;
  status: string;
  filled: number;
  remaining: number;
  avgFillPrice: number;
  permId: number;
  parentId: number;
  lastFillPrice: number;
  clientId: number;
  whyHeld?: string;
  mktCapPrice?: number;
}

/** ORDER_STATUS at 193: no version field, mktCapPrice last. */
export function orderStatus(s: OrderStatusFields): string[] {
  return new FieldWriter()
    .int(ToClient.ORDER_STATUS).int(s.orderId).str(s.status).decimal(s.filled).decimal(s.remaining)
    .double(s.avgFillPrice).int(s.permId).int(s.parentId).double(s.lastFillPrice).int(s.clientId)
    .str(s.whyHeld).double(s.mktCapPrice ?? 0).fields;
}

export function openOrderEnd(): string[] {
  return new FieldWriter().int(ToClient.OPEN_ORDER_END).int(1).fields;
}
