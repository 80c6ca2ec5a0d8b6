import type { FieldReader } from '../fields';
import { V } from '../versions';

export function parseReqScannerParameters(r: FieldReader): { kind: 'reqScannerParameters' } {
  r.int('version');
  return { kind: 'reqScannerParameters' };
}

export interface ReqScannerSubscription {
  kind: 'reqScannerSubscription';
  reqId: number;
  numberOfRows?: number;
  instrument: string;
  locationCode: string;
  scanCode: string;
  abovePrice?: number;
  belowPrice?: number;
  aboveVolume?: number;
}

/** REQ_SCANNER_SUBSCRIPTION: version 4 before SCANNER_GENERIC_OPTS, which dropped it and added filter options. */
export function parseReqScannerSubscription(r: FieldReader, v: number): ReqScannerSubscription {
  if (v < V.SCANNER_GENERIC_OPTS) r.int('version');
  const reqId = r.int('reqId');
  const numberOfRows = r.optInt('numberOfRows');
  const out: ReqScannerSubscription = {
    kind: 'reqScannerSubscription', reqId, instrument: r.str('instrument'), locationCode: r.str('locationCode'), scanCode: r.str('scanCode'),
  };
  if (numberOfRows !== undefined) out.numberOfRows = numberOfRows;
  const above = r.optDouble('abovePrice');
  const below = r.optDouble('belowPrice');
  const volume = r.optInt('aboveVolume');
  if (above !== undefined) out.abovePrice = above;
  if (below !== undefined) out.belowPrice = below;
  if (volume !== undefined) out.aboveVolume = volume;
  for (const f of ['marketCapAbove', 'marketCapBelow', 'moodyRatingAbove', 'moodyRatingBelow', 'spRatingAbove', 'spRatingBelow',
    'maturityDateAbove', 'maturityDateBelow', 'couponRateAbove', 'couponRateBelow', 'excludeConvertible',
    'averageOptionVolumeAbove', 'scannerSettingPairs', 'stockTypeFilter']) r.str(f);
  if (v >= V.SCANNER_GENERIC_OPTS) r.str('scannerSubscriptionFilterOptions');
  r.str('scannerSubscriptionOptions');
  return out;
}

export function parseCancelScannerSubscription(r: FieldReader): { kind: 'cancelScannerSubscription'; reqId: number } {
  r.int('version');
  return { kind: 'cancelScannerSubscription', reqId: r.int('reqId') };
}
