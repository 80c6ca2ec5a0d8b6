import type { Contract, Order, OrderCondition, OrderType, SecType, OrderAction, TimeInForce, OptionType } from '@stoqey/ib';
import {
  ExecutionCondition, MarginCondition, OrderConditionType, PercentChangeCondition, PriceCondition,
  TimeCondition, VolumeCondition, ConjunctionConnection,
} from '@stoqey/ib';
import type { FieldReader } from '../fields';
import { V } from '../versions';

export interface PlaceOrderRequest {
  orderId: number;
  contract: Contract;
  order: Order;
}

function isBag(secType: string | undefined): boolean {
  return secType?.toUpperCase() === 'BAG';
}
function isPegBench(t: string | undefined): boolean {
  return t === 'PEG BENCH' || t === 'PEGBENCH';
}
function isPegBest(t: string | undefined): boolean {
  return t === 'PEG BEST' || t === 'PEGBEST';
}
function isPegMid(t: string | undefined): boolean {
  return t === 'PEG MID' || t === 'PEGMID';
}

/** Keeps only the keys that carry a value, so a parsed order compares equal to the one the client built. */
function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * PLACE_ORDER, the reverse of the client's Encoder.placeOrder behind the same
 * server-version guards (version field before ORDER_CONTAINER; faProfile
 * before FA_PROFILE_DESUPPORT; two RFQ fields between RFQ_FIELDS and
 * UNDO_RFQ_FIELDS ...). `r` is positioned after the message id. At 193 a
 * plain STK limit order is 118 fields; whatIf sits at index 84.
 */
export function parsePlaceOrder(r: FieldReader, v: number): PlaceOrderRequest {
  if (v < V.ORDER_CONTAINER) r.int('version');
  const orderId = r.int('orderId');
  const contract: Contract = defined({
    conId: r.optInt('conId'),
    symbol: r.optStr('symbol'),
    secType: r.optStr('secType') as SecType | undefined,
    lastTradeDateOrContractMonth: r.optStr('lastTradeDateOrContractMonth'),
    strike: r.optDouble('strike'),
    right: r.optStr('right') as OptionType | undefined,
    multiplier: r.optDouble('multiplier'),
    exchange: r.optStr('exchange'),
    primaryExch: r.optStr('primaryExch'),
    currency: r.optStr('currency'),
    localSymbol: r.optStr('localSymbol'),
    tradingClass: r.optStr('tradingClass'),
    secIdType: r.optStr('secIdType'),
    secId: r.optStr('secId'),
  });
  const o: Order = {
    orderType: undefined as unknown as OrderType,
  };
  o.action = r.optStr('action') as OrderAction | undefined;
  o.totalQuantity = r.optDouble('totalQuantity');
  o.orderType = r.str('orderType') as OrderType;
  o.lmtPrice = r.optDouble('lmtPrice');
  o.auxPrice = r.optDouble('auxPrice');
  o.tif = r.optStr('tif') as TimeInForce | undefined;
  o.ocaGroup = r.optStr('ocaGroup');
  o.account = r.optStr('account');
  o.openClose = r.optStr('openClose');
  o.origin = r.optInt('origin');
  o.orderRef = r.optStr('orderRef');
  o.transmit = r.optBool('transmit');
  o.parentId = r.optInt('parentId');
  o.blockOrder = r.optBool('blockOrder');
  o.sweepToFill = r.optBool('sweepToFill');
  o.displaySize = r.optInt('displaySize');
  o.triggerMethod = r.optInt('triggerMethod');
  o.outsideRth = r.optBool('outsideRth');
  o.hidden = r.optBool('hidden');
  if (isBag(contract.secType)) {
    const nLegs = r.int('comboLegs count');
    if (nLegs > 0) {
      contract.comboLegs = [];
      for (let i = 0; i < nLegs; i++) {
        contract.comboLegs.push(defined({
          conId: r.int('leg conId'),
          ratio: r.int('leg ratio'),
          action: r.str('leg action'),
          exchange: r.str('leg exchange'),
          openClose: r.optInt('leg openClose'),
          shortSaleSlot: r.optInt('leg shortSaleSlot'),
          designatedLocation: r.optStr('leg designatedLocation'),
          exemptCode: r.optInt('leg exemptCode'),
        }) as NonNullable<Contract['comboLegs']>[number]);
      }
    }
    const nOrderLegs = r.int('orderComboLegs count');
    if (nOrderLegs > 0) {
      o.orderComboLegs = [];
      for (let i = 0; i < nOrderLegs; i++) o.orderComboLegs.push(defined({ price: r.optDouble('leg price') }) as { price: number });
    }
    const nSmart = r.int('smartComboRoutingParams count');
    if (nSmart > 0) {
      o.smartComboRoutingParams = [];
      for (let i = 0; i < nSmart; i++) o.smartComboRoutingParams.push({ tag: r.str('tag'), value: r.str('value') });
    }
  }
  r.str('deprecated sharesAllocation');
  o.discretionaryAmt = r.optDouble('discretionaryAmt');
  o.goodAfterTime = r.optStr('goodAfterTime');
  o.goodTillDate = r.optStr('goodTillDate');
  o.faGroup = r.optStr('faGroup');
  o.faMethod = r.optStr('faMethod');
  o.faPercentage = r.optStr('faPercentage');
  if (v < V.FA_PROFILE_DESUPPORT) r.str('deprecated faProfile');
  if (v >= V.MODELS_SUPPORT) o.modelCode = r.optStr('modelCode');
  o.shortSaleSlot = r.optInt('shortSaleSlot');
  o.designatedLocation = r.optStr('designatedLocation');
  o.exemptCode = r.optInt('exemptCode');
  o.ocaType = r.optInt('ocaType');
  o.rule80A = r.optStr('rule80A');
  o.settlingFirm = r.optStr('settlingFirm');
  o.allOrNone = r.optBool('allOrNone');
  o.minQty = r.optInt('minQty');
  o.percentOffset = r.optDouble('percentOffset');
  o.eTradeOnly = r.optBool('eTradeOnly');
  o.firmQuoteOnly = r.optBool('firmQuoteOnly');
  o.nbboPriceCap = r.optDouble('nbboPriceCap');
  o.auctionStrategy = r.optInt('auctionStrategy');
  o.startingPrice = r.optDouble('startingPrice');
  o.stockRefPrice = r.optDouble('stockRefPrice');
  o.delta = r.optDouble('delta');
  o.stockRangeLower = r.optDouble('stockRangeLower');
  o.stockRangeUpper = r.optDouble('stockRangeUpper');
  o.overridePercentageConstraints = r.optBool('overridePercentageConstraints');
  o.volatility = r.optDouble('volatility');
  o.volatilityType = r.optInt('volatilityType');
  o.deltaNeutralOrderType = r.optStr('deltaNeutralOrderType');
  o.deltaNeutralAuxPrice = r.optDouble('deltaNeutralAuxPrice');
  if (o.deltaNeutralOrderType) {
    o.deltaNeutralConId = r.optInt('deltaNeutralConId');
    o.deltaNeutralSettlingFirm = r.optStr('deltaNeutralSettlingFirm');
    o.deltaNeutralClearingAccount = r.optStr('deltaNeutralClearingAccount');
    o.deltaNeutralClearingIntent = r.optStr('deltaNeutralClearingIntent');
    o.deltaNeutralOpenClose = r.optStr('deltaNeutralOpenClose');
    o.deltaNeutralShortSale = r.optBool('deltaNeutralShortSale');
    o.deltaNeutralShortSaleSlot = r.optInt('deltaNeutralShortSaleSlot');
    o.deltaNeutralDesignatedLocation = r.optStr('deltaNeutralDesignatedLocation');
  }
  o.continuousUpdate = r.optInt('continuousUpdate');
  o.referencePriceType = r.optInt('referencePriceType');
  o.trailStopPrice = r.optDouble('trailStopPrice');
  o.trailingPercent = r.optDouble('trailingPercent');
  o.scaleInitLevelSize = r.optInt('scaleInitLevelSize');
  o.scaleSubsLevelSize = r.optInt('scaleSubsLevelSize');
  // The client appends the scale block whenever scalePriceIncrement is set, even to 0.
  const scaleIncrementToken = r.str('scalePriceIncrement');
  o.scalePriceIncrement = scaleIncrementToken === '' ? undefined : Number.parseFloat(scaleIncrementToken);
  if (scaleIncrementToken !== '') {
    o.scalePriceAdjustValue = r.optDouble('scalePriceAdjustValue');
    o.scalePriceAdjustInterval = r.optInt('scalePriceAdjustInterval');
    o.scaleProfitOffset = r.optDouble('scaleProfitOffset');
    o.scaleAutoReset = r.optBool('scaleAutoReset');
    o.scaleInitPosition = r.optInt('scaleInitPosition');
    o.scaleInitFillQty = r.optInt('scaleInitFillQty');
    o.scaleRandomPercent = r.optBool('scaleRandomPercent');
  }
  o.scaleTable = r.optStr('scaleTable');
  const activeStart = r.optStr('activeStartTime');
  const activeStop = r.optStr('activeStopTime');
  // Typed as TagValue[] by the library but sent as plain strings.
  if (activeStart !== undefined) (o as unknown as Record<string, unknown>).activeStartTime = activeStart;
  if (activeStop !== undefined) (o as unknown as Record<string, unknown>).activeStopTime = activeStop;
  o.hedgeType = r.optStr('hedgeType');
  if (o.hedgeType) o.hedgeParam = r.optStr('hedgeParam');
  o.optOutSmartRouting = r.optBool('optOutSmartRouting');
  o.clearingAccount = r.optStr('clearingAccount');
  o.clearingIntent = r.optStr('clearingIntent');
  o.notHeld = r.optBool('notHeld');
  if (r.bool('deltaNeutralContract flag')) {
    contract.deltaNeutralContract = {
      conId: r.int('deltaNeutral conId'),
      delta: r.double('deltaNeutral delta'),
      price: r.double('deltaNeutral price'),
    };
  }
  o.algoStrategy = r.optStr('algoStrategy');
  if (o.algoStrategy) {
    const n = r.int('algoParams count');
    if (n > 0) {
      o.algoParams = [];
      for (let i = 0; i < n; i++) o.algoParams.push({ tag: r.str('tag'), value: r.str('value') });
    }
  }
  o.algoId = r.optStr('algoId');
  o.whatIf = r.optBool('whatIf');
  const misc = r.optStr('orderMiscOptions');
  if (misc !== undefined) (o as unknown as Record<string, unknown>).orderMiscOptions = misc;
  o.solicited = r.optBool('solicited');
  o.randomizeSize = r.optBool('randomizeSize');
  o.randomizePrice = r.optBool('randomizePrice');
  if (v >= V.PEGGED_TO_BENCHMARK) {
    if (isPegBench(o.orderType)) {
      o.referenceContractId = r.optInt('referenceContractId');
      o.isPeggedChangeAmountDecrease = r.optBool('isPeggedChangeAmountDecrease');
      o.peggedChangeAmount = r.optDouble('peggedChangeAmount');
      o.referenceChangeAmount = r.optDouble('referenceChangeAmount');
      o.referenceExchangeId = r.optStr('referenceExchangeId');
    }
    const nConditions = r.int('conditions count');
    if (nConditions > 0) {
      o.conditions = [];
      for (let i = 0; i < nConditions; i++) o.conditions.push(readCondition(r));
      o.conditionsIgnoreRth = r.optBool('conditionsIgnoreRth');
      o.conditionsCancelOrder = r.optBool('conditionsCancelOrder');
    }
    o.adjustedOrderType = r.optStr('adjustedOrderType');
    o.triggerPrice = r.optDouble('triggerPrice');
    o.lmtPriceOffset = r.optDouble('lmtPriceOffset');
    o.adjustedStopPrice = r.optDouble('adjustedStopPrice');
    o.adjustedStopLimitPrice = r.optDouble('adjustedStopLimitPrice');
    o.adjustedTrailingAmount = r.optDouble('adjustedTrailingAmount');
    o.adjustableTrailingUnit = r.optInt('adjustableTrailingUnit');
  }
  if (v >= V.EXT_OPERATOR) o.extOperator = r.optStr('extOperator');
  if (v >= V.SOFT_DOLLAR_TIER) {
    const tierName = r.optStr('softDollarTier name');
    const tierValue = r.optStr('softDollarTier value');
    if (tierName !== undefined || tierValue !== undefined) o.softDollarTier = defined({ name: tierName, value: tierValue });
  }
  if (v >= V.CASH_QTY) o.cashQty = r.optDouble('cashQty');
  if (v >= V.DECISION_MAKER) {
    o.mifid2DecisionMaker = r.optStr('mifid2DecisionMaker');
    o.mifid2DecisionAlgo = r.optStr('mifid2DecisionAlgo');
  }
  if (v >= V.MIFID_EXECUTION) {
    o.mifid2ExecutionTrader = r.optStr('mifid2ExecutionTrader');
    o.mifid2ExecutionAlgo = r.optStr('mifid2ExecutionAlgo');
  }
  if (v >= V.AUTO_PRICE_FOR_HEDGE) o.dontUseAutoPriceForHedge = r.optBool('dontUseAutoPriceForHedge');
  if (v >= V.ORDER_CONTAINER) o.isOmsContainer = r.optBool('isOmsContainer');
  if (v >= V.D_PEG_ORDERS) o.discretionaryUpToLimitPrice = r.optBool('discretionaryUpToLimitPrice');
  if (v >= V.PRICE_MGMT_ALGO) o.usePriceMgmtAlgo = r.optBool('usePriceMgmtAlgo');
  if (v >= V.DURATION) o.duration = r.optInt('duration');
  if (v >= V.POST_TO_ATS) o.postToAts = r.optInt('postToAts');
  if (v >= V.AUTO_CANCEL_PARENT) o.autoCancelParent = r.optBool('autoCancelParent');
  if (v >= V.ADVANCED_ORDER_REJECT) o.advancedErrorOverride = r.optStr('advancedErrorOverride');
  if (v >= V.MANUAL_ORDER_TIME) o.manualOrderTime = r.optStr('manualOrderTime');
  if (v >= V.PEGBEST_PEGMID_OFFSETS) readPegBestMid(r, contract, o);
  if (v >= V.CUSTOMER_ACCOUNT) o.customerAccount = r.optStr('customerAccount');
  if (v >= V.PROFESSIONAL_CUSTOMER) o.professionalCustomer = r.optBool('professionalCustomer');
  if (v >= V.RFQ_FIELDS && v < V.UNDO_RFQ_FIELDS) {
    r.str('rfq id');
    r.str('rfq max');
  }
  if (v >= V.INCLUDE_OVERNIGHT) o.includeOvernight = r.optBool('includeOvernight');
  if (v >= V.CME_TAGGING_FIELDS) o.manualOrderIndicator = r.optInt('manualOrderIndicator');
  return { orderId, contract, order: defined(o) };
}

function readPegBestMid(r: FieldReader, contract: Contract, o: Order): void {
  if (contract.exchange === 'IBKRATS') o.minTradeQty = r.optInt('minTradeQty');
  let sendMidOffsets = false;
  if (isPegBest(o.orderType)) {
    o.minCompeteSize = r.optInt('minCompeteSize');
    const offsetToken = r.str('competeAgainstBestOffset');
    // The client sends Infinity (printed "Infinity") to mean "up to mid".
    o.competeAgainstBestOffset = offsetToken === '' ? undefined : Number.parseFloat(offsetToken);
    if (o.competeAgainstBestOffset === Infinity) sendMidOffsets = true;
  } else if (isPegMid(o.orderType)) {
    sendMidOffsets = true;
  }
  if (sendMidOffsets) {
    o.midOffsetAtWhole = r.optDouble('midOffsetAtWhole');
    o.midOffsetAtHalf = r.optDouble('midOffsetAtHalf');
  }
}

function conjunction(s: string): ConjunctionConnection {
  return s.toLowerCase().startsWith('o') ? ConjunctionConnection.OR : ConjunctionConnection.AND;
}

function readCondition(r: FieldReader): OrderCondition {
  const type = r.int('condition type');
  const conj = conjunction(r.str('conjunctionConnection'));
  switch (type) {
    case OrderConditionType.Execution: {
      const secType = r.str('secType');
      const exchange = r.str('exchange');
      const symbol = r.str('symbol');
      return new ExecutionCondition(exchange, secType as SecType, symbol, conj);
    }
    case OrderConditionType.Margin: {
      const isMore = r.bool('isMore');
      const percent = r.double('percent');
      return new MarginCondition(percent, isMore, conj);
    }
    case OrderConditionType.PercentChange: {
      const isMore = r.bool('isMore');
      const percent = r.double('percent');
      const conId = r.optInt('conId');
      const exchange = r.optStr('exchange');
      return new PercentChangeCondition(percent, conId, exchange, isMore, conj);
    }
    case OrderConditionType.Price: {
      const isMore = r.bool('isMore');
      const price = r.double('price');
      const conId = r.optInt('conId');
      const exchange = r.optStr('exchange');
      const triggerMethod = r.int('triggerMethod');
      return new PriceCondition(price, triggerMethod, conId, exchange, isMore, conj);
    }
    case OrderConditionType.Time: {
      const isMore = r.bool('isMore');
      const time = r.str('time');
      return new TimeCondition(time, isMore, conj);
    }
    case OrderConditionType.Volume: {
      const isMore = r.bool('isMore');
      const volume = r.int('volume');
      const conId = r.optInt('conId');
      const exchange = r.optStr('exchange');
      return new VolumeCondition(volume, conId, exchange, isMore, conj);
    }
    default:
      throw new Error(`unknown order condition type ${type}`);
  }
}
