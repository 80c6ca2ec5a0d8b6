// Requests for reference data and history beyond bars: symbol search,
// market rules, option chains, head timestamp, histogram, historical ticks,
// user info and Wall Street Horizon calendars.
import type { Contract } from '@stoqey/ib';
import type { FieldReader } from '../fields';
import { V } from '../versions';
import { readContract } from './contract-fields';

/** The 13-field contract of Encoder.encodeContract: the shared block plus includeExpired. */
function readContractWithExpired(r: FieldReader): Contract {
  const c = readContract(r);
  if (r.bool('includeExpired')) c.includeExpired = true;
  return c;
}

export function parseReqMatchingSymbols(r: FieldReader): { kind: 'reqMatchingSymbols'; reqId: number; pattern: string } {
  return { kind: 'reqMatchingSymbols', reqId: r.int('reqId'), pattern: r.str('pattern') };
}

export function parseReqMarketRule(r: FieldReader): { kind: 'reqMarketRule'; marketRuleId: number } {
  return { kind: 'reqMarketRule', marketRuleId: r.int('marketRuleId') };
}

export interface ReqSecDefOptParams { kind: 'reqSecDefOptParams'; reqId: number; underlyingSymbol: string; futFopExchange: string; underlyingSecType: string; underlyingConId: number }

export function parseReqSecDefOptParams(r: FieldReader): ReqSecDefOptParams {
  return {
    kind: 'reqSecDefOptParams', reqId: r.int('reqId'), underlyingSymbol: r.str('underlyingSymbol'),
    futFopExchange: r.str('futFopExchange'), underlyingSecType: r.str('underlyingSecType'), underlyingConId: r.int('underlyingConId'),
  };
}

export interface ReqHeadTimestamp { kind: 'reqHeadTimestamp'; reqId: number; contract: Contract; useRTH: boolean; whatToShow: string; formatDate: number }

export function parseReqHeadTimestamp(r: FieldReader): ReqHeadTimestamp {
  const reqId = r.int('reqId');
  const contract = readContractWithExpired(r);
  return { kind: 'reqHeadTimestamp', reqId, contract, useRTH: r.bool('useRTH'), whatToShow: r.str('whatToShow'), formatDate: r.int('formatDate') || 1 };
}

export function parseCancelHeadTimestamp(r: FieldReader): { kind: 'cancelHeadTimestamp'; reqId: number } {
  return { kind: 'cancelHeadTimestamp', reqId: r.int('reqId') };
}

export interface ReqHistogramData { kind: 'reqHistogramData'; reqId: number; contract: Contract; useRTH: boolean; timePeriod: string }

export function parseReqHistogramData(r: FieldReader): ReqHistogramData {
  const reqId = r.int('reqId');
  const contract = readContractWithExpired(r);
  return { kind: 'reqHistogramData', reqId, contract, useRTH: r.bool('useRTH'), timePeriod: r.str('timePeriod') };
}

export function parseCancelHistogramData(r: FieldReader): { kind: 'cancelHistogramData'; reqId: number } {
  return { kind: 'cancelHistogramData', reqId: r.int('reqId') };
}

export interface ReqHistoricalTicks {
  kind: 'reqHistoricalTicks'; reqId: number; contract: Contract; startDateTime: string; endDateTime: string;
  numberOfTicks: number; whatToShow: string; useRth: boolean; ignoreSize: boolean;
}

export function parseReqHistoricalTicks(r: FieldReader): ReqHistoricalTicks {
  const reqId = r.int('reqId');
  const contract = readContractWithExpired(r);
  const out: ReqHistoricalTicks = {
    kind: 'reqHistoricalTicks', reqId, contract, startDateTime: r.str('startDateTime'), endDateTime: r.str('endDateTime'),
    numberOfTicks: r.int('numberOfTicks'), whatToShow: r.str('whatToShow'), useRth: r.bool('useRth'), ignoreSize: r.bool('ignoreSize'),
  };
  r.str('miscOptions');
  return out;
}

export function parseReqUserInfo(r: FieldReader): { kind: 'reqUserInfo'; reqId: number } {
  return { kind: 'reqUserInfo', reqId: r.int('reqId') };
}

export function parseReqWshMetaData(r: FieldReader): { kind: 'reqWshMetaData'; reqId: number } {
  return { kind: 'reqWshMetaData', reqId: r.int('reqId') };
}

export function parseCancelWshMetaData(r: FieldReader): { kind: 'cancelWshMetaData'; reqId: number } {
  return { kind: 'cancelWshMetaData', reqId: r.int('reqId') };
}

export interface ReqWshEventData { kind: 'reqWshEventData'; reqId: number; conId?: number; filter?: string; startDate?: string; endDate?: string; totalLimit?: number }

/** Filters from WSH_EVENT_DATA_FILTERS, a date window from WSH_EVENT_DATA_FILTERS_DATE. */
export function parseReqWshEventData(r: FieldReader, v: number): ReqWshEventData {
  const out: ReqWshEventData = { kind: 'reqWshEventData', reqId: r.int('reqId') };
  const conId = r.optInt('conId');
  if (conId !== undefined) out.conId = conId;
  if (v >= V.WSH_EVENT_DATA_FILTERS) {
    const filter = r.optStr('filter');
    if (filter !== undefined) out.filter = filter;
    r.str('fillWatchlist');
    r.str('fillPortfolio');
    r.str('fillCompetitors');
  }
  if (v >= V.WSH_EVENT_DATA_FILTERS_DATE) {
    const start = r.optStr('startDate');
    const end = r.optStr('endDate');
    const limit = r.optInt('totalLimit');
    if (start !== undefined) out.startDate = start;
    if (end !== undefined) out.endDate = end;
    if (limit !== undefined) out.totalLimit = limit;
  }
  return out;
}

export function parseCancelWshEventData(r: FieldReader): { kind: 'cancelWshEventData'; reqId: number } {
  return { kind: 'cancelWshEventData', reqId: r.int('reqId') };
}
