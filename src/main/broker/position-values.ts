import { KNOWN_SEC_TYPES, type AccountView, type GreeksView, type PositionView, type QuoteView } from '../../shared/portfolio';
import { rateInBase } from '../../shared/portfolio-totals';

/**
 * One position valued as IB values it. IB's reqPnLSingle gives the
 * position's value, unrealized and daily P&L in the account's base currency;
 * those are shown as they are. What IB does not publish is computed from
 * IB's own inputs (quote, average cost, ExchangeRate) and marked so.
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
  multiplier: number;
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
  daily: number | null;
  unrealized: number | null;
  value: number | null;
}

const KNOWN = new Set<string>(KNOWN_SEC_TYPES);

function midpoint(quote: QuoteView): number | null {
  return quote.bid !== null && quote.ask !== null && quote.bid > 0 && quote.ask > 0 ? (quote.bid + quote.ask) / 2 : null;
}

export function valuePosition(key: string, record: PositionRecord, quote: QuoteView | undefined, pnl: PositionPnl | undefined, account: AccountView | undefined, greeks: GreeksView | null): PositionView {
  const { contract, quantity, avgCost } = record;
  const units = quantity * contract.multiplier;
  const rate = account ? rateInBase(account, contract.currency) : contract.currency === 'USD' ? 1 : null;
  const quoted = quote ? (quote.last ?? midpoint(quote) ?? quote.close) : null;
  const ibValue = pnl?.value ?? null;

  // IB's value wins; the own-currency value is then IB's value at IB's rate.
  const baseFromIb = ibValue !== null && (ibValue !== 0 || quantity === 0);
  const marketValue = baseFromIb && rate ? ibValue / rate : quoted === null ? null : units * quoted;
  const baseValue = baseFromIb ? ibValue : marketValue !== null && rate !== null ? marketValue * rate : null;
  const marketPrice = baseFromIb && marketValue !== null && units !== 0 ? marketValue / units : quoted;

  const unrealizedIb = pnl?.unrealized ?? null;
  const unrealizedPnL = unrealizedIb ?? (marketValue !== null && rate !== null ? (marketValue - quantity * avgCost) * rate : null);
  const dailyIb = pnl?.daily ?? null;
  const dailyPnL = dailyIb ?? (quoted !== null && quote?.close && rate !== null ? units * (quoted - quote.close) * rate : null);
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
