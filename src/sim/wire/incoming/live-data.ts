// Requests for live data beyond top-of-book: tick-by-tick, five-second
// real-time bars, market depth (its rows and which venues have it). Each is
// read field by field behind the same version guards as the library's Encoder.
import type { Contract, OptionType, SecType } from '@stoqey/ib';
import type { FieldReader } from '../fields';
import { readContract } from './contract-fields';
import { V } from '../versions';

export type TickByTickType = 'Last' | 'AllLast' | 'BidAsk' | 'MidPoint';

export interface ReqTickByTickData {
  kind: 'reqTickByTickData';
  reqId: number;
  contract: Contract;
  tickType: string;
  numberOfTicks: number;
  ignoreSize: boolean;
}

/** REQ_TICK_BY_TICK_DATA (no version field): numberOfTicks and ignoreSize from TICK_BY_TICK_IGNORE_SIZE on. */
export function parseReqTickByTickData(r: FieldReader, v: number): ReqTickByTickData {
  const reqId = r.int('reqId');
  const contract = readContract(r);
  const tickType = r.str('tickType');
  const numberOfTicks = v >= V.TICK_BY_TICK_IGNORE_SIZE ? r.int('numberOfTicks') : 0;
  const ignoreSize = v >= V.TICK_BY_TICK_IGNORE_SIZE ? r.bool('ignoreSize') : false;
  return { kind: 'reqTickByTickData', reqId, contract, tickType, numberOfTicks, ignoreSize };
}

export function parseCancelTickByTickData(r: FieldReader): { kind: 'cancelTickByTickData'; reqId: number } {
  return { kind: 'cancelTickByTickData', reqId: r.int('reqId') };
}

export interface ReqRealTimeBars {
  kind: 'reqRealTimeBars';
  reqId: number;
  contract: Contract;
  barSize: number;
  whatToShow: string;
  useRTH: boolean;
}

/** REQ_REAL_TIME_BARS version 3: the contract block, bar size, whatToShow, useRTH and the options string. */
export function parseReqRealTimeBars(r: FieldReader): ReqRealTimeBars {
  r.int('version');
  const reqId = r.int('reqId');
  const contract = readContract(r);
  const barSize = r.optInt('barSize') ?? 5;
  const whatToShow = r.str('whatToShow');
  const useRTH = r.bool('useRTH');
  r.str('realTimeBarsOptions');
  return { kind: 'reqRealTimeBars', reqId, contract, barSize, whatToShow, useRTH };
}

export function parseCancelRealTimeBars(r: FieldReader): { kind: 'cancelRealTimeBars'; reqId: number } {
  r.int('version');
  return { kind: 'cancelRealTimeBars', reqId: r.int('reqId') };
}

export interface ReqMktDepth {
  kind: 'reqMktDepth';
  reqId: number;
  contract: Contract;
  numRows: number;
  isSmartDepth: boolean;
}

/**
 * REQ_MKT_DEPTH version 5. Unlike the shared contract block, primaryExch is
 * only sent from MKT_DEPTH_PRIM_EXCHANGE on, and isSmartDepth from SMART_DEPTH.
 */
export function parseReqMktDepth(r: FieldReader, v: number): ReqMktDepth {
  r.int('version');
  const reqId = r.int('reqId');
  const c: Contract = {};
  const conId = r.optInt('conId');
  if (conId) c.conId = conId;
  const set = <K extends keyof Contract>(k: K, value: Contract[K] | undefined): void => {
    if (value !== undefined) c[k] = value;
  };
  set('symbol', r.optStr('symbol'));
  set('secType', r.optStr('secType') as SecType | undefined);
  set('lastTradeDateOrContractMonth', r.optStr('lastTradeDateOrContractMonth'));
  const strike = r.optDouble('strike');
  if (strike) c.strike = strike;
  set('right', r.optStr('right') as OptionType | undefined);
  const multiplier = r.optDouble('multiplier');
  if (multiplier) c.multiplier = multiplier;
  set('exchange', r.optStr('exchange'));
  if (v >= V.MKT_DEPTH_PRIM_EXCHANGE) set('primaryExch', r.optStr('primaryExch'));
  set('currency', r.optStr('currency'));
  set('localSymbol', r.optStr('localSymbol'));
  set('tradingClass', r.optStr('tradingClass'));
  const numRows = r.int('numRows');
  const isSmartDepth = v >= V.SMART_DEPTH ? r.bool('isSmartDepth') : false;
  r.str('mktDepthOptions');
  return { kind: 'reqMktDepth', reqId, contract: c, numRows, isSmartDepth };
}

export function parseCancelMktDepth(r: FieldReader, v: number): { kind: 'cancelMktDepth'; reqId: number; isSmartDepth: boolean } {
  r.int('version');
  const reqId = r.int('reqId');
  const isSmartDepth = v >= V.SMART_DEPTH ? r.bool('isSmartDepth') : false;
  return { kind: 'cancelMktDepth', reqId, isSmartDepth };
}

export function parseReqMktDepthExchanges(): { kind: 'reqMktDepthExchanges' } {
  return { kind: 'reqMktDepthExchanges' };
}
