import type { Contract } from '@stoqey/ib';
import type { FieldReader } from '../fields';
import { readContract, readShortComboLegs } from './contract-fields';
import { V } from '../versions';

export interface ReqHistoricalData {
  kind: 'reqHistoricalData';
  reqId: number;
  contract: Contract;
  endDateTime: string;
  barSizeSetting: string;
  durationStr: string;
  useRTH: boolean;
  whatToShow: string;
  formatDate: number;
  keepUpToDate: boolean;
  chartOptions: string;
}

/** REQ_HISTORICAL_DATA: version 6 before SYNT_REALTIME_BARS, which dropped it and added keepUpToDate. */
export function parseReqHistoricalData(r: FieldReader, v: number): ReqHistoricalData {
  if (v < V.SYNT_REALTIME_BARS) r.int('version');
  const reqId = r.int('reqId');
  const contract = readContract(r);
  if (r.bool('includeExpired')) contract.includeExpired = true;
  const endDateTime = r.str('endDateTime');
  const barSizeSetting = r.str('barSizeSetting');
  const durationStr = r.str('durationStr');
  const useRTH = r.bool('useRTH');
  const whatToShow = r.str('whatToShow');
  const formatDate = r.int('formatDate');
  readShortComboLegs(r, contract);
  const keepUpToDate = v >= V.SYNT_REALTIME_BARS ? r.bool('keepUpToDate') : false;
  const chartOptions = r.str('chartOptions');
  return { kind: 'reqHistoricalData', reqId, contract, endDateTime, barSizeSetting, durationStr, useRTH, whatToShow, formatDate: formatDate || 1, keepUpToDate, chartOptions };
}

export function parseCancelHistoricalData(r: FieldReader): { kind: 'cancelHistoricalData'; reqId: number } {
  r.int('version');
  return { kind: 'cancelHistoricalData', reqId: r.int('reqId') };
}
