import { KNOWN_SEC_TYPES, type AccountView, type GreeksView, type PositionView, type QuoteView } from '../../shared/portfolio';
import { rateInBase } from '../../shared/portfolio-totals';

/**
 * One position valued as IB values it. IB's reqPnLSingle gives the
 * position's value, unrealized and daily P&L in the account's base currency;
 * those are shown as they are. What IB does not publish is computed from
 * IB's own inputs (quote, average cost, ExchangeRate) and marked so. What
 * could only be computed by guessing (a derivative without a multiplier, a
 * quote whose price magnifier IB has not given) is left unknown, saying why.
 */

export interface HeldContract {
  conId: number;
  /** Local symbol for derivatives (OCC symbol, ESZ6); the symbol otherwise. */
  symbol: string;
  /** The contract's symbol: the underlying for derivatives. */
  underlying: string;
  secType: string;
  currency: string;
  exchange: string;
  /** IB's multiplier; null for a derivative IB gave none for (it is never guessed). */
  multiplier: number | null;
  /**
   * IB's price magnifier (contract details): quote points per unit of the
   * currency, 100 for an LSE share quoted in pence. null until IB has said.
   */
  priceMagnifier: number | null;
  expiry: string | null;
  strike: number | null;
  right: 'C' | 'P' | null;
}

export interface PositionRecord {
  account: string;
  contract: HeldContract;
  quantity: number;
  avgCost: number;
}

/** IB's reqPnLSingle figures, in the account's base currency. */
export interface PositionPnl {
  /** The quantity IB's figures are for: after a fill, IB's figures lag the position until it catches up. */
  position: number | null;
  daily: number | null;
  unrealized: number | null;
  value: number | null;
}

const KNOWN = new Set<string>(KNOWN_SEC_TYPES);

/**
 * IB quotes a US bond in percent of its face and counts it in bonds of
 * 1,000 face: a point is worth 10 per bond. Other bonds (counted in face
 * amount in some markets) are not valued by the app: only IB's figures show.
 */
const US_BOND_POINT = 10;

/**
 * Money, in the contract's currency, one point of IB's quoted price is worth
 * per unit of quantity: the multiplier over the price magnifier (100 for an
 * option, 0.01 for an LSE share quoted in pence, 10 for a US bond). null when
 * IB has not given what it takes.
 */
function pointValue(c: HeldContract): number | null {
  if (c.priceMagnifier === null) return null;
  if (c.secType === 'BOND') return c.currency === 'USD' ? US_BOND_POINT / c.priceMagnifier : null;
  return c.multiplier === null ? null : c.multiplier / c.priceMagnifier;
}

/** Why the app computes no figure of this position itself, in the person's words; null when it can. */
function whyUnvalued(c: HeldContract): string | null {
  if (c.secType === 'BOND' && c.currency !== 'USD') return `IB counts ${c.currency} bonds in a face amount Countersign does not assume: only IB's figures are shown`;
  if (c.multiplier === null && c.secType !== 'BOND') return 'IB gave no multiplier for this contract: only IB\'s figures are shown';
  if (c.priceMagnifier === null) return 'IB has not yet said how this contract\'s quotes relate to its currency (its price magnifier): only IB\'s figures are shown';
  return null;
}

function midpoint(quote: QuoteView): number | null {
  return quote.bid !== null && quote.ask !== null && quote.bid > 0 && quote.ask > 0 ? (quote.bid + quote.ask) / 2 : null;
}

export function valuePosition(key: string, record: PositionRecord, quote: QuoteView | undefined, pnl: PositionPnl | undefined, account: AccountView | undefined, greeks: GreeksView | null): PositionView {
  const { contract, quantity, avgCost } = record;
  const point = pointValue(contract);
  const rate = account ? rateInBase(account, contract.currency) : contract.currency === 'USD' ? 1 : null;
  const quoted = quote ? (quote.last ?? midpoint(quote) ?? quote.close) : null;
  // IB's figures are for the quantity IB says they are for: after a fill they
  // describe the old position until IB catches up, and are not shown as this one's.
  const ib = pnl !== undefined && pnl.position === quantity ? pnl : undefined;
  const ibValue = ib?.value ?? null;

  // IB's value wins; the own-currency value is then IB's value at IB's rate.
  const baseFromIb = ibValue !== null && (ibValue !== 0 || quantity === 0);
  const computedValue = quoted !== null && point !== null ? quantity * point * quoted : null;
  const marketValue = baseFromIb && rate ? ibValue / rate : computedValue;
  const baseValue = baseFromIb ? ibValue : computedValue !== null && rate !== null ? computedValue * rate : null;
  // Per unit in the currency, as IB's portfolio shows it: an LSE share in pounds, an option's premium per share, a bond in percent.
  const points = baseFromIb && marketValue !== null && point !== null && quantity !== 0 ? marketValue / (quantity * point) : quoted;
  const marketPrice = points !== null && contract.priceMagnifier !== null ? points / contract.priceMagnifier : null;

  const unrealizedIb = ib?.unrealized ?? null;
  const unrealizedPnL = unrealizedIb ?? (marketValue !== null && rate !== null ? (marketValue - quantity * avgCost) * rate : null);
  const dailyIb = ib?.daily ?? null;
  const dailyPnL = dailyIb ?? (quoted !== null && quote?.close && point !== null && rate !== null ? quantity * point * (quoted - quote.close) * rate : null);
  const netLiq = account?.netLiquidation ?? null;

  return {
    key,
    account: record.account,
    conId: contract.conId,
    symbol: contract.symbol,
    underlying: contract.underlying,
    secType: contract.secType,
    knownType: KNOWN.has(contract.secType),
    currency: contract.currency,
    exchange: contract.exchange,
    multiplier: contract.multiplier,
    unvalued: whyUnvalued(contract),
    expiry: contract.expiry,
    strike: contract.strike,
    right: contract.right,
    quantity,
    avgCost,
    marketPrice,
    marketValue,
    fxRate: rate,
    baseValue,
    weightPct: baseValue !== null && netLiq ? (baseValue / netLiq) * 100 : null,
    unrealizedPnL,
    dailyPnL,
    sources: {
      marketValue: baseFromIb && rate === 1 ? 'ib' : 'computed',
      baseValue: baseFromIb ? 'ib' : 'computed',
      unrealizedPnL: unrealizedIb !== null ? 'ib' : 'computed',
      dailyPnL: dailyIb !== null ? 'ib' : 'computed',
    },
    greeks,
    delayed: quote?.delayed ?? false,
  };
}
