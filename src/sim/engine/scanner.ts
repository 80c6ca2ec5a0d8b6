// The market scanner: IB's parameter XML (the part the simulator serves) and
// the common US stock scans, ranked from the live walk.
import type { Listing } from './catalogue';
import type { Quote } from './types';

export const SCAN_CODES = ['TOP_PERC_GAIN', 'TOP_PERC_LOSE', 'MOST_ACTIVE', 'HOT_BY_VOLUME'] as const;
export type ScanCode = (typeof SCAN_CODES)[number];

const TITLES: Record<ScanCode, string> = {
  TOP_PERC_GAIN: 'Top % Gainers', TOP_PERC_LOSE: 'Top % Losers', MOST_ACTIVE: 'Most Active', HOT_BY_VOLUME: 'Hot by Volume',
};

export const LOCATIONS = ['STK.US.MAJOR', 'STK.US', 'STK.NASDAQ', 'STK.NYSE', 'STK.ARCA'] as const;

export function scannerParametersXml(): string {
  const scans = SCAN_CODES.map((c) => `<ScanType><displayName>${TITLES[c]}</displayName><scanCode>${c}</scanCode><instruments>STK,ETF.EQ.US</instruments><absoluteColumns>false</absoluteColumns></ScanType>`).join('');
  const locations = LOCATIONS.map((l) => `<Location><displayName>${l}</displayName><locationCode>${l}</locationCode><instruments>STK</instruments></Location>`).join('');
  return '<?xml version="1.0" encoding="UTF-8"?><ScanParameterResponse>' +
    '<InstrumentList><Instrument><name>US Stocks</name><type>STK</type><filters>PRICE,VOLUME</filters></Instrument></InstrumentList>' +
    `<LocationTree><Location><displayName>US Stocks</displayName><locationCode>STK.US</locationCode><LocationTree>${locations}</LocationTree></Location></LocationTree>` +
    `<ScanTypeList>${scans}</ScanTypeList>` +
    '<FilterList><RangeFilter><id>PRICE</id><category>Price</category><AbstractField><code>price</code></AbstractField></RangeFilter>' +
    '<RangeFilter><id>VOLUME</id><category>Volume</category><AbstractField><code>volume</code></AbstractField></RangeFilter></FilterList>' +
    '</ScanParameterResponse>';
}

export interface ScanQuery {
  scanCode: string;
  locationCode: string;
  numberOfRows?: number;
  abovePrice?: number;
  belowPrice?: number;
  aboveVolume?: number;
}

export function isScanCode(code: string): code is ScanCode {
  return (SCAN_CODES as readonly string[]).includes(code);
}

const EXCHANGE_OF: Record<string, Listing['primaryExch'][]> = {
  'STK.NASDAQ': ['NASDAQ'], 'STK.NYSE': ['NYSE'], 'STK.ARCA': ['ARCA'],
};

/** Ranks listings for one scan; at most 50 rows as at IB. */
export function runScan(listings: readonly Listing[], quote: (l: Listing) => Quote, q: ScanQuery & { scanCode: ScanCode }): Listing[] {
  const venues = EXCHANGE_OF[q.locationCode];
  const rows = listings
    .filter((l) => !l.symbol.startsWith('SYN') && (!venues || venues.includes(l.primaryExch)))
    .map((l) => ({ l, q: quote(l) }))
    .filter(({ q: qq }) => qq.last > 0 && (q.abovePrice === undefined || qq.last > q.abovePrice) && (q.belowPrice === undefined || qq.last < q.belowPrice)
      && (q.aboveVolume === undefined || qq.volume > q.aboveVolume));
  const change = (x: Quote): number => (x.close > 0 ? x.last / x.close - 1 : 0);
  const score: Record<ScanCode, (x: { l: Listing; q: Quote }) => number> = {
    TOP_PERC_GAIN: (x) => change(x.q),
    TOP_PERC_LOSE: (x) => -change(x.q),
    MOST_ACTIVE: (x) => x.q.volume,
    // Today's volume against what a typical day of this listing trades.
    HOT_BY_VOLUME: (x) => x.q.volume / (x.l.lotSize * 150_000),
  };
  const f = score[q.scanCode];
  const filtered = q.scanCode === 'TOP_PERC_GAIN' ? rows.filter((x) => change(x.q) > 0) : q.scanCode === 'TOP_PERC_LOSE' ? rows.filter((x) => change(x.q) < 0) : rows;
  return filtered.sort((a, b) => f(b) - f(a)).slice(0, Math.min(50, q.numberOfRows && q.numberOfRows > 0 ? q.numberOfRows : 50)).map((x) => x.l);
}
