// What the simulated gateway can trade: liquid US stocks and ETFs. conIds are
// IB's real ones where we know them (AAPL 265598, SPY 756733 ...) so a client
// that caches conIds behaves as it would against TWS; the rest are stable
// made-up numbers. Prices are only starting points for the random walk.
import type { Contract } from './types';
import type { VenueId } from './venues';

/** What sets an instrument beyond US stocks and ETFs apart: its class, venue, currency and contract terms. */
export interface InstrumentSpec {
  secType: 'STK' | 'IND' | 'FUT' | 'CASH' | 'CRYPTO' | 'BOND';
  /** The exchange a contract names (CME, IDEALPRO, PAXOS, IBIS ...). */
  exchange: string;
  currency: string;
  localSymbol: string;
  tradingClass: string;
  minTick: number;
  marketRuleId: number;
  multiplier?: number;
  /** Futures: yyyyMMdd of the last trading day, and the contract month yyyyMM. */
  lastTradeDate?: string;
  contractMonth?: string;
  /**
   * Futures: how the contract settles, and for a physically delivered one the
   * exchange's first notice day (yyyyMMdd), ahead of which IB closes longs out.
   * IB's API carries neither; the app knows them from the exchanges' rules.
   */
  settlement?: 'cash' | 'physical';
  firstNoticeDate?: string;
  venue: VenueId;
  stockType?: string;
  /** LSE quotes in pence: prices are 100 x the currency. */
  priceMagnifier?: number;
  minSize?: number;
  sizeIncrement?: number;
  suggestedSizeIncrement?: number;
  validExchanges: string;
  orderTypes: string;
  /** Quotes carry a last price only (indices). */
  lastOnly?: boolean;
  /** Bonds: quoted in percent of a face value of 1,000 a bond, with their issue terms. */
  bond?: BondTerms;
}

export interface BondTerms {
  cusip: string;
  /** Annual coupon in percent. */
  coupon: number;
  /** yyyyMMdd. */
  maturity: string;
  issueDate: string;
  /** IB's short description, e.g. "T 4 1/4 11/15/34". */
  descAppend: string;
  bondType: string;
}

export interface Listing {
  symbol: string;
  conId: number;
  /** US listings: NASDAQ, NYSE, ARCA, BATS; elsewhere the listing exchange (IBIS, AEB, LSE, TSEJ ...). */
  primaryExch: string;
  longName: string;
  /** IB's industry / category (sector, used by allocation views). */
  industry: string;
  category: string;
  etf: boolean;
  /** Starting price in USD. */
  price: number;
  /** Annualised volatility, e.g. 0.3. */
  vol: number;
  /** Typical shares per trade print. */
  lotSize: number;
  /** US stock types beyond COMMON/ETF (MLP, ADR, REIT). */
  stockType?: string;
  /** Set for every instrument that is not a plain US stock or ETF. */
  spec?: InstrumentSpec;
}

type Row = [string, number, Listing['primaryExch'], string, string, string, number, number];

const STOCKS: Row[] = [
  ['AAPL', 265598, 'NASDAQ', 'APPLE INC', 'Technology', 'Computers', 228.5, 0.26],
  ['MSFT', 272093, 'NASDAQ', 'MICROSOFT CORP', 'Technology', 'Software', 428.1, 0.24],
  ['NVDA', 4815747, 'NASDAQ', 'NVIDIA CORP', 'Technology', 'Semiconductors', 138.2, 0.5],
  ['AMZN', 3691937, 'NASDAQ', 'AMAZON.COM INC', 'Communications', 'Internet', 201.4, 0.32],
  ['GOOGL', 208813719, 'NASDAQ', 'ALPHABET INC-CL A', 'Communications', 'Internet', 172.3, 0.3],
  ['META', 107113386, 'NASDAQ', 'META PLATFORMS INC-CLASS A', 'Communications', 'Internet', 567.6, 0.36],
  ['TSLA', 76792991, 'NASDAQ', 'TESLA INC', 'Consumer, Cyclical', 'Auto Manufacturers', 251.4, 0.6],
  ['BRK B', 72063691, 'NYSE', 'BERKSHIRE HATHAWAY INC-CL B', 'Financial', 'Insurance', 455.2, 0.17],
  ['JPM', 1520593, 'NYSE', 'JPMORGAN CHASE & CO', 'Financial', 'Banks', 224.8, 0.22],
  ['V', 49462172, 'NYSE', 'VISA INC-CLASS A SHARES', 'Financial', 'Diversified Finan Serv', 288.9, 0.2],
  ['MA', 10776, 'NYSE', 'MASTERCARD INC - A', 'Financial', 'Diversified Finan Serv', 501.3, 0.21],
  ['UNH', 13842, 'NYSE', 'UNITEDHEALTH GROUP INC', 'Consumer, Non-cyclical', 'Healthcare-Services', 582.7, 0.28],
  ['JNJ', 8719, 'NYSE', 'JOHNSON & JOHNSON', 'Consumer, Non-cyclical', 'Pharmaceuticals', 160.3, 0.16],
  ['LLY', 9160, 'NYSE', 'ELI LILLY & CO', 'Consumer, Non-cyclical', 'Pharmaceuticals', 842.1, 0.32],
  ['PG', 13567, 'NYSE', 'PROCTER & GAMBLE CO/THE', 'Consumer, Non-cyclical', 'Cosmetics/Personal Care', 168.4, 0.15],
  ['KO', 8894, 'NYSE', 'COCA-COLA CO/THE', 'Consumer, Non-cyclical', 'Beverages', 66.7, 0.14],
  ['PEP', 11017, 'NASDAQ', 'PEPSICO INC', 'Consumer, Non-cyclical', 'Beverages', 163.2, 0.16],
  ['WMT', 13824, 'NYSE', 'WALMART INC', 'Consumer, Cyclical', 'Retail', 82.6, 0.18],
  ['COST', 272997, 'NASDAQ', 'COSTCO WHOLESALE CORP', 'Consumer, Cyclical', 'Retail', 905.5, 0.2],
  ['HD', 5047, 'NYSE', 'HOME DEPOT INC', 'Consumer, Cyclical', 'Retail', 395.0, 0.22],
  ['XOM', 13977, 'NYSE', 'EXXON MOBIL CORP', 'Energy', 'Oil&Gas', 117.9, 0.24],
  ['CVX', 5151, 'NYSE', 'CHEVRON CORP', 'Energy', 'Oil&Gas', 152.4, 0.24],
  ['BAC', 10098, 'NYSE', 'BANK OF AMERICA CORP', 'Financial', 'Banks', 41.7, 0.27],
  ['WFC', 10375, 'NYSE', 'WELLS FARGO & CO', 'Financial', 'Banks', 63.8, 0.28],
  ['GS', 4627828, 'NYSE', 'GOLDMAN SACHS GROUP INC', 'Financial', 'Banks', 512.3, 0.27],
  ['AVGO', 349145, 'NASDAQ', 'BROADCOM INC', 'Technology', 'Semiconductors', 172.6, 0.45],
  ['AMD', 4391, 'NASDAQ', 'ADVANCED MICRO DEVICES', 'Technology', 'Semiconductors', 155.8, 0.5],
  ['INTC', 270639, 'NASDAQ', 'INTEL CORP', 'Technology', 'Semiconductors', 22.9, 0.45],
  ['CSCO', 268084, 'NASDAQ', 'CISCO SYSTEMS INC', 'Communications', 'Telecommunications', 56.4, 0.2],
  ['ORCL', 272800, 'NYSE', 'ORACLE CORP', 'Technology', 'Software', 174.9, 0.32],
  ['CRM', 37003236, 'NYSE', 'SALESFORCE INC', 'Technology', 'Software', 289.4, 0.33],
  ['ADBE', 265768, 'NASDAQ', 'ADOBE INC', 'Technology', 'Software', 498.2, 0.33],
  ['NFLX', 15124833, 'NASDAQ', 'NETFLIX INC', 'Communications', 'Internet', 755.8, 0.38],
  ['DIS', 6459, 'NYSE', 'WALT DISNEY CO/THE', 'Communications', 'Media', 96.2, 0.26],
  ['IBM', 8314, 'NYSE', 'INTL BUSINESS MACHINES CORP', 'Technology', 'Computers', 208.3, 0.22],
  ['BA', 4762, 'NYSE', 'BOEING CO/THE', 'Industrial', 'Aerospace/Defense', 152.1, 0.36],
  ['CAT', 5437, 'NYSE', 'CATERPILLAR INC', 'Industrial', 'Machinery-Constr&Mining', 380.6, 0.28],
  ['MCD', 9408, 'NYSE', "MCDONALD'S CORP", 'Consumer, Cyclical', 'Retail', 293.7, 0.16],
  ['NKE', 10291, 'NYSE', 'NIKE INC -CL B', 'Consumer, Cyclical', 'Apparel', 78.4, 0.3],
  ['PFE', 11404, 'NYSE', 'PFIZER INC', 'Consumer, Non-cyclical', 'Pharmaceuticals', 28.6, 0.24],
];

const ETFS: Row[] = [
  ['SPY', 756733, 'ARCA', 'SPDR S&P 500 ETF TRUST', 'Funds', 'Equity Fund', 585.7, 0.15],
  ['QQQ', 320227571, 'NASDAQ', 'INVESCO QQQ TRUST SERIES 1', 'Funds', 'Equity Fund', 503.2, 0.2],
  ['IWM', 9579970, 'ARCA', 'ISHARES RUSSELL 2000 ETF', 'Funds', 'Equity Fund', 228.1, 0.22],
  ['DIA', 73128548, 'ARCA', 'SPDR DJIA TRUST', 'Funds', 'Equity Fund', 432.6, 0.14],
  ['VTI', 12340038, 'ARCA', 'VANGUARD TOTAL STOCK MKT ETF', 'Funds', 'Equity Fund', 289.9, 0.15],
  ['VOO', 136155102, 'ARCA', 'VANGUARD S&P 500 ETF', 'Funds', 'Equity Fund', 538.4, 0.15],
  ['TLT', 15547841, 'NASDAQ', 'ISHARES 20+ YEAR TREASURY BD', 'Funds', 'Debt Fund', 92.5, 0.16],
  ['IEF', 15547844, 'NASDAQ', 'ISHARES 7-10 YEAR TREASURY BD', 'Funds', 'Debt Fund', 94.3, 0.07],
  ['BND', 43645865, 'NASDAQ', 'VANGUARD TOTAL BOND MARKET', 'Funds', 'Debt Fund', 72.8, 0.06],
  ['GLD', 51529211, 'ARCA', 'SPDR GOLD SHARES', 'Funds', 'Commodity Fund', 248.3, 0.15],
  ['XLF', 4215220, 'ARCA', 'FINANCIAL SELECT SECTOR SPDR', 'Funds', 'Equity Fund', 48.1, 0.18],
  ['XLE', 4215217, 'ARCA', 'ENERGY SELECT SECTOR SPDR', 'Funds', 'Equity Fund', 91.4, 0.22],
  ['XLK', 4215235, 'ARCA', 'TECHNOLOGY SELECT SECT SPDR', 'Funds', 'Equity Fund', 231.2, 0.22],
  ['SCHD', 90539345, 'ARCA', 'SCHWAB US DIVIDEND EQUITY ETF', 'Funds', 'Equity Fund', 28.9, 0.13],
];

function listing(row: Row, etf: boolean): Listing {
  const [symbol, conId, primaryExch, longName, industry, category, price, vol] = row;
  // Print sizes roughly scale with how cheap the share is.
  const lotSize = price < 50 ? 500 : price < 200 ? 200 : 100;
  return { symbol, conId, primaryExch, longName, industry, category, etf, price, vol, lotSize };
}

/** Where a US stock can be routed (contract details' validExchanges). */
export const VALID_EXCHANGES = 'SMART,AMEX,NYSE,CBOE,PHLX,ISE,CHX,ARCA,ISLAND,DRCTEDGE,BEX,BATS,EDGEA,BYX,IEX,LTSE,MEMX,PEARL,NYSENAT';
// IB also accepts the primary exchange's own name (NASDAQ) in a request.
const ROUTABLE = new Set([...VALID_EXCHANGES.split(','), 'NASDAQ']);

export const SYNTHETIC_CONID_BASE = 900_000_000;

function synthetic(i: number): Listing {
  const n = String(i + 1).padStart(4, '0');
  // Deterministic spread of prices between ~$10 and ~$500 without needing the RNG.
  const price = Math.round((10 + ((i * 7919) % 490) + ((i * 104729) % 100) / 100) * 100) / 100;
  return {
    symbol: `SYN${n}`, conId: SYNTHETIC_CONID_BASE + i + 1, primaryExch: 'NASDAQ',
    longName: `SYNTHETIC HOLDINGS ${n} INC`, industry: 'Technology', category: 'Software',
    etf: false, price, vol: 0.3, lotSize: 100,
  };
}

export class Catalogue {
  readonly listings: Listing[];
  /** Listings from here on walk on their own random stream, so adding them leaves the core book's path unchanged. */
  worldStart = Number.POSITIVE_INFINITY;
  private readonly byConId = new Map<number, Listing>();
  private readonly bySymbol = new Map<string, Listing>();
  private readonly world: Listing[] = [];

  constructor(extraSymbols = 0) {
    this.listings = [...STOCKS.map((r) => listing(r, false)), ...ETFS.map((r) => listing(r, true))];
    for (let i = 0; i < extraSymbols; i++) this.listings.push(synthetic(i));
    for (const l of this.listings) {
      this.byConId.set(l.conId, l);
      this.bySymbol.set(l.symbol, l);
    }
  }

  /** Grows the synthetic tail so at least `count` listings exist. */
  ensure(count: number): void {
    let i = this.listings.length - STOCKS.length - ETFS.length;
    while (this.listings.length < count) {
      const l = synthetic(i++);
      this.listings.push(l);
      this.byConId.set(l.conId, l);
      this.bySymbol.set(l.symbol, l);
    }
  }

  /** Adds the instruments beyond the core US book; call once, after the synthetic tail is complete. */
  addWorld(listings: readonly Listing[]): void {
    this.worldStart = this.listings.length;
    for (const l of listings) {
      this.listings.push(l);
      this.byConId.set(l.conId, l);
      if (l.spec) this.world.push(l);
      else this.bySymbol.set(l.symbol, l);
    }
  }

  byId(conId: number): Listing | undefined {
    return this.byConId.get(conId);
  }

  bySym(symbol: string): Listing | undefined {
    // IB accepts "BRK B" and "BRK.B" alike for Berkshire's B shares.
    return this.bySymbol.get(symbol.toUpperCase()) ?? this.bySymbol.get(symbol.toUpperCase().replace('.', ' '));
  }

  /**
   * Matches a request the way TWS does for stocks: conId wins; otherwise the
   * symbol, with secType STK (or unset), currency USD (or unset), and an
   * exchange of SMART, the primary exchange, or unset. With `onDay`
   * (yyyyMMdd), a future whose last trading day is before it has expired and
   * is found no more: the listings were taken when the simulator started.
   */
  find(query: Contract, onDay?: string): Listing[] {
    if (query.conId) {
      const l = this.byConId.get(query.conId);
      if (l?.spec) return (!query.symbol || query.symbol.toUpperCase() === l.symbol) && live(l, onDay) ? [l] : [];
      return l && (!query.symbol || this.bySym(query.symbol) === l) ? [l] : [];
    }
    const type = String(query.secType ?? '').toUpperCase();
    if (type && type !== 'STK') return findWorld(this.world, query, onDay);
    const us = this.findUs(query);
    return us.length > 0 ? us : findWorld(this.world, query, onDay);
  }

  private findUs(query: Contract): Listing[] {
    if (!query.symbol) return [];
    const l = this.bySym(query.symbol);
    if (!l) return [];
    if (query.secType && query.secType !== 'STK') return [];
    if (query.currency && query.currency !== 'USD') return [];
    const ex = query.exchange?.toUpperCase();
    if (ex && !ROUTABLE.has(ex)) return [];
    // Clients often name NASDAQ by its IB venue code ISLAND.
    const primary = query.primaryExch?.toUpperCase();
    if (primary && primary !== l.primaryExch && !(primary === 'ISLAND' && l.primaryExch === 'NASDAQ')) return [];
    return [l];
  }
}

const upper = (s: string | undefined): string => (s ?? '').trim().toUpperCase();

/** Still trading on `onDay`: anything but a future past its last trading day. */
const live = (l: Listing, onDay: string | undefined): boolean => !onDay || !l.spec?.lastTradeDate || l.spec.lastTradeDate >= onDay;

/** TWS's matching for instruments beyond US stocks: each class by the fields that identify it. */
function findWorld(world: readonly Listing[], q: Contract, onDay?: string): Listing[] {
  const type = upper(q.secType) || 'STK';
  const symbol = upper(q.symbol);
  const local = upper(q.localSymbol);
  const exchange = upper(q.exchange);
  const currency = upper(q.currency);
  const wantType = type === 'CONTFUT' ? 'FUT' : type;
  const hits = world.filter((l) => {
    const s = l.spec!;
    if (s.secType !== wantType || !live(l, onDay)) return false;
    if (symbol && l.symbol !== symbol && !(wantType === 'CASH' && s.localSymbol === symbol)) return false;
    // Bonds are told apart by CUSIP (IB's secIdType CUSIP, or the local symbol).
    const secId = upper(q.secId);
    if (secId && s.bond?.cusip !== secId) return false;
    if (local && s.localSymbol.toUpperCase() !== local) return false;
    if (!symbol && !local && !secId) return false;
    if (currency && s.currency !== currency) return false;
    if (exchange && exchange !== 'SMART' && exchange !== s.exchange && exchange !== l.primaryExch) return false;
    if (exchange === 'SMART' && wantType !== 'STK' && wantType !== 'BOND') return false;
    const month = (q.lastTradeDateOrContractMonth ?? '').trim();
    if (month && !(s.contractMonth?.startsWith(month) || s.lastTradeDate?.startsWith(month))) return false;
    if (q.multiplier && s.multiplier && Number(q.multiplier) !== s.multiplier) return false;
    return true;
  });
  if (type !== 'CONTFUT') return hits;
  // The continuous future stands for the front month.
  const front = [...hits].sort((a, b) => (a.spec!.lastTradeDate ?? '').localeCompare(b.spec!.lastTradeDate ?? ''))[0];
  return front ? [front] : [];
}

export function contractOf(l: Listing): Contract {
  const s = l.spec;
  if (s) {
    return {
      conId: l.conId, symbol: l.symbol, secType: s.secType as Contract['secType'], exchange: s.exchange,
      ...(s.secType === 'STK' ? { primaryExch: l.primaryExch } : {}),
      currency: s.currency, localSymbol: s.localSymbol, tradingClass: s.tradingClass,
      ...(s.multiplier ? { multiplier: s.multiplier } : {}),
      ...(s.lastTradeDate ? { lastTradeDateOrContractMonth: s.lastTradeDate } : {}),
    };
  }
  return {
    conId: l.conId, symbol: l.symbol, secType: 'STK' as Contract['secType'], exchange: 'SMART',
    primaryExch: l.primaryExch, currency: 'USD', localSymbol: l.symbol, tradingClass: l.etf ? l.symbol : 'NMS',
  };
}
