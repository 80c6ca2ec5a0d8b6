import type { Contract, Order, OrderState } from '@stoqey/ib';
import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';
import { V } from '../versions';
import { writeConditions } from './order-conditions';

function isPegBench(t: string | undefined): boolean {
  return t === 'PEG BENCH' || t === 'PEGBENCH';
}

/** The last OPEN_ORDER message version TWS sent before ORDER_CONTAINER made the server version stand in for it. */
const OPEN_ORDER_VERSION = 34;

function writeContract(w: FieldWriter, c: Contract): void {
  w.int(c.conId).str(c.symbol).str(c.secType).str(c.lastTradeDateOrContractMonth)
    .double(c.strike ?? 0).str(c.right).str(c.multiplier ? String(c.multiplier) : '')
    .str(c.exchange).str(c.currency).str(c.localSymbol).str(c.tradingClass);
}

function writeComboLegs(w: FieldWriter, c: Contract, o: Order): void {
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
}

function writeScale(w: FieldWriter, o: Order): void {
  w.intMax(o.scaleInitLevelSize).intMax(o.scaleSubsLevelSize).double(o.scalePriceIncrement);
  if (o.scalePriceIncrement !== undefined && o.scalePriceIncrement > 0 && o.scalePriceIncrement !== Number.MAX_VALUE) {
    w.double(o.scalePriceAdjustValue).intMax(o.scalePriceAdjustInterval).double(o.scaleProfitOffset)
      .bool(o.scaleAutoReset).intMax(o.scaleInitPosition).intMax(o.scaleInitFillQty).bool(o.scaleRandomPercent);
  }
}

function writeAlgo(w: FieldWriter, o: Order): void {
  w.str(o.algoStrategy);
  if (o.algoStrategy) {
    const params = o.algoParams ?? [];
    w.int(params.length);
    for (const tv of params) w.str(tv.tag).str(tv.value);
  }
}

function writeDeltaNeutralContract(w: FieldWriter, c: Contract): void {
  if (c.deltaNeutralContract) w.bool(true).int(c.deltaNeutralContract.conId).double(c.deltaNeutralContract.delta).double(c.deltaNeutralContract.price);
  else w.bool(false);
}

function writePegBench(w: FieldWriter, o: Order): void {
  if (isPegBench(o.orderType)) {
    w.int(o.referenceContractId).bool(o.isPeggedChangeAmountDecrease).double(o.peggedChangeAmount)
      .double(o.referenceChangeAmount).str(o.referenceExchangeId);
  }
}

function writePegBestMid(w: FieldWriter, o: Order): void {
  w.intMax(o.minTradeQty).intMax(o.minCompeteSize).double(o.competeAgainstBestOffset)
    .double(o.midOffsetAtWhole).double(o.midOffsetAtHalf);
}

/**
 * OPEN_ORDER, field for field the reverse of the client's OrderDecoder, in the
 * same order and with the same conditional blocks. Before ORDER_CONTAINER the
 * message carries version 34 and the per-message guards test that; from
 * ORDER_CONTAINER on they test the server version. A plain order at 193 is 133 fields.
 */
export function openOrder(v: number, orderId: number, c: Contract, o: Order, s: OrderState): string[] {
  const w = new FieldWriter().int(ToClient.OPEN_ORDER);
  const ver = v < V.ORDER_CONTAINER ? OPEN_ORDER_VERSION : v;
  if (v < V.ORDER_CONTAINER) w.int(OPEN_ORDER_VERSION);
  w.int(orderId);
  writeContract(w, c);
  // main order fields
  w.str(o.action).decimal(o.totalQuantity).str(o.orderType).double(o.lmtPrice).double(o.auxPrice)
    .str(o.tif).str(o.ocaGroup).str(o.account).str(o.openClose).int(o.origin ?? 0).str(o.orderRef)
    .int(o.clientId).int(o.permId).bool(o.outsideRth).int(o.hidden ? 1 : 0).double(o.discretionaryAmt ?? 0)
    .str(o.goodAfterTime).str('') /* deprecated sharesAllocation */
    .str(o.faGroup).str(o.faMethod).str(o.faPercentage);
  if (ver < V.FA_PROFILE_DESUPPORT) w.str('');
  if (ver >= V.MODELS_SUPPORT) w.str(o.modelCode);
  w.str(o.goodTillDate)
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
  writeComboLegs(w, c, o);
  writeScale(w, o);
  // hedge, routing, clearing
  w.str(o.hedgeType);
  if (o.hedgeType) w.str(o.hedgeParam);
  w.bool(o.optOutSmartRouting).str(o.clearingAccount).str(o.clearingIntent).bool(o.notHeld);
  writeDeltaNeutralContract(w, c);
  writeAlgo(w, o);
  w.bool(o.solicited);
  // what-if info and order state
  w.bool(o.whatIf).str(s.status);
  if (v >= V.WHAT_IF_EXT_FIELDS) {
    w.double(s.initMarginBefore).double(s.maintMarginBefore).double(s.equityWithLoanBefore)
      .double(s.initMarginChange).double(s.maintMarginChange).double(s.equityWithLoanChange);
  }
  w.double(s.initMarginAfter).double(s.maintMarginAfter).double(s.equityWithLoanAfter)
    .double(s.commission).double(s.minCommission).double(s.maxCommission)
    .str(s.commissionCurrency).str(s.warningText);
  w.bool(o.randomizeSize).bool(o.randomizePrice);
  if (v >= V.PEGGED_TO_BENCHMARK) {
    writePegBench(w, o);
    writeConditions(w, o.conditions, o.conditionsIgnoreRth, o.conditionsCancelOrder);
    // adjusted order params (trailStopPrice is read a second time here by the client)
    w.str(o.adjustedOrderType).double(o.triggerPrice).double(o.trailStopPrice).double(o.lmtPriceOffset)
      .double(o.adjustedStopPrice).double(o.adjustedStopLimitPrice).double(o.adjustedTrailingAmount)
      .int(o.adjustableTrailingUnit ?? 0);
  }
  if (v >= V.SOFT_DOLLAR_TIER) w.str(o.softDollarTier?.name).str(o.softDollarTier?.value).str(o.softDollarTier?.displayName);
  if (v >= V.CASH_QTY) w.double(o.cashQty);
  if (v >= V.AUTO_PRICE_FOR_HEDGE) w.bool(o.dontUseAutoPriceForHedge);
  if (v >= V.ORDER_CONTAINER) w.bool(o.isOmsContainer);
  if (v >= V.D_PEG_ORDERS) w.bool(o.discretionaryUpToLimitPrice);
  if (v >= V.PRICE_MGMT_ALGO) w.bool(o.usePriceMgmtAlgo);
  if (v >= V.DURATION) w.intMax(o.duration);
  if (v >= V.POST_TO_ATS) w.intMax(o.postToAts);
  if (v >= V.AUTO_CANCEL_PARENT) w.bool(o.autoCancelParent);
  if (v >= V.PEGBEST_PEGMID_OFFSETS) writePegBestMid(w, o);
  if (v >= V.CUSTOMER_ACCOUNT) w.str(o.customerAccount);
  if (v >= V.PROFESSIONAL_CUSTOMER) w.bool(o.professionalCustomer);
  if (v >= V.BOND_ACCRUED_INTEREST) w.str(o.bondAccruedInterest);
  if (v >= V.INCLUDE_OVERNIGHT) w.bool(o.includeOvernight);
  if (v >= V.CME_TAGGING_FIELDS_IN_OPEN_ORDER) w.str(o.extOperator).intMax(o.manualOrderIndicator);
  return w.fields;
}

export interface CompletedOrderFacts {
  /** "yyyyMMdd HH:mm:ss US/Eastern" of the final status. */
  completedTime: string;
  /** What TWS shows as the reason, e.g. "Filled Size: 10" or "Cancelled by Trader". */
  completedStatus: string;
  filledQuantity: number;
}

/**
 * COMPLETED_ORDER (REQ_COMPLETED_ORDERS+): the client's decodeMsg_COMPLETED_ORDER
 * reads a shorter order (no order id, client id, what-if block) plus the
 * completion facts, with the message version at its maximum.
 */
export function completedOrder(v: number, c: Contract, o: Order, s: OrderState, done: CompletedOrderFacts): string[] {
  const w = new FieldWriter().int(ToClient.COMPLETED_ORDER);
  writeContract(w, c);
  w.str(o.action).decimal(o.totalQuantity).str(o.orderType).double(o.lmtPrice).double(o.auxPrice)
    .str(o.tif).str(o.ocaGroup).str(o.account).str(o.openClose).int(o.origin ?? 0).str(o.orderRef)
    .int(o.permId).bool(o.outsideRth).int(o.hidden ? 1 : 0).double(o.discretionaryAmt ?? 0)
    .str(o.goodAfterTime).str(o.faGroup).str(o.faMethod).str(o.faPercentage).str(o.modelCode)
    .str(o.goodTillDate).str(o.rule80A).double(o.percentOffset).str(o.settlingFirm)
    .int(o.shortSaleSlot ?? 0).str(o.designatedLocation).int(o.exemptCode ?? -1)
    .double(o.startingPrice).double(o.stockRefPrice).double(o.delta)
    .double(o.stockRangeLower).double(o.stockRangeUpper).intMax(o.displaySize)
    .bool(o.sweepToFill).bool(o.allOrNone).intMax(o.minQty).int(o.ocaType ?? 0).int(o.triggerMethod ?? 0);
  // volatility block without the open-order-only attributes
  w.double(o.volatility).int(o.volatilityType ?? 0).str(o.deltaNeutralOrderType).double(o.deltaNeutralAuxPrice);
  if (o.deltaNeutralOrderType) {
    w.int(o.deltaNeutralConId ?? 0).bool(o.deltaNeutralShortSale)
      .int(o.deltaNeutralShortSaleSlot ?? 0).str(o.deltaNeutralDesignatedLocation);
  }
  w.int(o.continuousUpdate ?? 0).int(o.referencePriceType ?? 0);
  w.double(o.trailStopPrice).double(o.trailingPercent);
  writeComboLegs(w, c, o);
  writeScale(w, o);
  w.str(o.hedgeType);
  if (o.hedgeType) w.str(o.hedgeParam);
  w.str(o.clearingAccount).str(o.clearingIntent).bool(o.notHeld);
  writeDeltaNeutralContract(w, c);
  writeAlgo(w, o);
  w.bool(o.solicited).str(s.status).bool(o.randomizeSize).bool(o.randomizePrice);
  if (v >= V.PEGGED_TO_BENCHMARK) {
    writePegBench(w, o);
    writeConditions(w, o.conditions, o.conditionsIgnoreRth, o.conditionsCancelOrder);
  }
  w.double(o.trailStopPrice).double(o.lmtPriceOffset);
  if (v >= V.CASH_QTY) w.double(o.cashQty);
  if (v >= V.AUTO_PRICE_FOR_HEDGE) w.bool(o.dontUseAutoPriceForHedge);
  if (v >= V.ORDER_CONTAINER) w.bool(o.isOmsContainer);
  w.str(o.autoCancelDate).decimal(done.filledQuantity).int(o.refFuturesConId ?? 0).bool(o.autoCancelParent)
    .str(o.shareholder).bool(o.imbalanceOnly).bool(o.routeMarketableToBbo).int(o.parentPermId ?? 0)
    .str(done.completedTime).str(done.completedStatus);
  if (v >= V.PEGBEST_PEGMID_OFFSETS) writePegBestMid(w, o);
  if (v >= V.CUSTOMER_ACCOUNT) w.str(o.customerAccount);
  if (v >= V.PROFESSIONAL_CUSTOMER) w.bool(o.professionalCustomer);
  return w.fields;
}

export function completedOrdersEnd(): string[] {
  return new FieldWriter().int(ToClient.COMPLETED_ORDERS_END).fields;
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

/** ORDER_STATUS: version 6 before MARKET_CAP_PRICE, none after (then mktCapPrice comes last). */
export function orderStatus(v: number, s: OrderStatusFields): string[] {
  const w = new FieldWriter().int(ToClient.ORDER_STATUS);
  if (v < V.MARKET_CAP_PRICE) w.int(6);
  w.int(s.orderId).str(s.status).decimal(s.filled).decimal(s.remaining)
    .double(s.avgFillPrice).int(s.permId).int(s.parentId).double(s.lastFillPrice).int(s.clientId)
    .str(s.whyHeld);
  if (v >= V.MARKET_CAP_PRICE) w.double(s.mktCapPrice ?? 0);
  return w.fields;
}

export function openOrderEnd(): string[] {
  return new FieldWriter().int(ToClient.OPEN_ORDER_END).int(1).fields;
}
