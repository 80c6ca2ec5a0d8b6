import type { ContractDetails } from '@stoqey/ib';
import type { DraftContract, SecType } from '../../shared/draft';

/**
 * An instrument is what IB's contract details say it is. Whatever Claude or
 * the person typed is only the request: each field it names must agree with
 * IB, and the draft then carries IB's values (type, currency, exchange,
 * multiplier, trading class), never the request's. A disagreement is refused
 * with the reason, because a draft labelled in the wrong currency or with the
 * wrong multiplier misstates every figure the person checks before approving.
 */
export type ContractResolution = { ok: true; contract: DraftContract } | { ok: false; reason: string };

/** IB files ETFs under STK; its stockType says which one it is. */
function ourSecType(ibSecType: string | undefined, stockType: string | undefined): SecType | undefined {
  if (ibSecType === 'STK') return stockType?.toUpperCase() === 'ETF' ? 'ETF' : 'STK';
  if (ibSecType === 'OPT' || ibSecType === 'FUT') return ibSecType;
  return undefined;
}

const family = (t: SecType): string => (t === 'ETF' ? 'STK' : t);
// IB accepts "BRK B" and "BRK.B" alike.
const sameSymbol = (a: string, b: string): boolean => a.toUpperCase().replace('.', ' ') === b.toUpperCase().replace('.', ' ');
const positive = (n: number | undefined): number | undefined => (n !== undefined && Number.isFinite(n) && n > 0 && n < 1e300 ? n : undefined);
const text = (s: string | undefined): string | undefined => (s !== undefined && s.trim() !== '' ? s.trim() : undefined);

export function contractFromIb(requested: DraftContract, details: ContractDetails): ContractResolution {
  const ib = details.contract;
  const conId = ib?.conId;
  if (!ib || !conId) return { ok: false, reason: `IB does not know ${requested.symbol} as a ${requested.secType}.` };
  const name = `${text(ib.symbol) ?? requested.symbol} (IB contract ${conId})`;
  const refuse = (what: string): ContractResolution => ({ ok: false, reason: `${what}; the draft was not made. Use IB's contract as find_contract returns it.` });

  if (requested.conId !== undefined && requested.conId !== conId) return refuse(`IB answered with contract ${conId}, not ${requested.conId}`);
  const symbol = text(ib.symbol);
  if (!symbol) return refuse(`IB's contract ${conId} has no symbol`);
  if (!sameSymbol(symbol, requested.symbol)) return refuse(`IB's contract ${conId} is ${symbol}, not ${requested.symbol}`);
  const secType = ourSecType(ib.secType, details.stockType);
  if (!secType) return refuse(`${name} is a ${String(ib.secType)}, which Countersign does not trade`);
  if (family(secType) !== family(requested.secType)) return refuse(`IB lists ${name} as ${secType}, not ${requested.secType}`);
  const currency = text(ib.currency)?.toUpperCase();
  if (!currency) return refuse(`IB did not say which currency ${name} trades in`);
  if (currency !== requested.currency.toUpperCase()) return refuse(`IB lists ${symbol} in ${currency}, not ${requested.currency.toUpperCase()}`);
  const primaryExchange = text(ib.primaryExch);
  if (requested.primaryExchange !== undefined && primaryExchange !== undefined && requested.primaryExchange.toUpperCase() !== primaryExchange.toUpperCase()) {
    return refuse(`IB lists ${symbol} on ${primaryExchange}, not ${requested.primaryExchange}`);
  }
  const exchange = text(ib.exchange)?.toUpperCase() ?? 'SMART';
  const routable = new Set(['SMART', exchange, primaryExchange?.toUpperCase(), ...(details.validExchanges ?? '').toUpperCase().split(',')]);
  if (!routable.has(requested.exchange.toUpperCase())) return refuse(`IB does not route ${symbol} to ${requested.exchange}`);
  const multiplier = secType === 'STK' || secType === 'ETF' ? undefined : positive(Number(ib.multiplier));
  if (requested.multiplier !== undefined && requested.multiplier !== (multiplier ?? 1)) {
    return refuse(`IB's multiplier for ${name} is ${multiplier ?? 1}, not ${requested.multiplier}`);
  }
  const expiry = text(ib.lastTradeDateOrContractMonth);
  const strike = positive(ib.strike);
  // IB writes the right as C/P, or as CALL/PUT in some answers.
  const rightText = String(ib.right ?? '').toUpperCase();
  const right = rightText === 'C' || rightText === 'CALL' ? 'C' : rightText === 'P' || rightText === 'PUT' ? 'P' : undefined;
  if (requested.expiry !== undefined && !(expiry ?? '').startsWith(requested.expiry)) return refuse(`IB's ${name} expires ${expiry ?? 'never'}, not ${requested.expiry}`);
  if (requested.strike !== undefined && requested.strike !== strike) return refuse(`IB's ${name} has strike ${strike ?? 'none'}, not ${requested.strike}`);
  if (requested.right !== undefined && requested.right !== right) return refuse(`IB's ${name} is a ${right ?? 'contract without a right'}, not ${requested.right}`);
  if (secType === 'FUT' || secType === 'OPT') {
    if (!expiry) return refuse(`IB did not give an expiry for ${name}`);
    if (multiplier === undefined) return refuse(`IB did not give a multiplier for ${name}`);
  }
  if (secType === 'OPT' && (strike === undefined || right === undefined)) return refuse(`IB did not give the strike and right of ${name}`);

  const tradingClass = text(ib.tradingClass);
  const magnifier = positive(details.priceMagnifier);
  const priceMagnifier = magnifier !== undefined && Number.isInteger(magnifier) ? magnifier : undefined;
  return {
    ok: true,
    contract: {
      symbol: symbol.toUpperCase(),
      secType,
      conId,
      exchange: requested.exchange.toUpperCase() === 'SMART' ? 'SMART' : requested.exchange.toUpperCase(),
      ...(primaryExchange === undefined ? {} : { primaryExchange }),
      currency,
      ...(secType === 'OPT' || secType === 'FUT' ? { expiry: expiry as string } : {}),
      ...(secType === 'OPT' && strike !== undefined && right !== undefined ? { strike, right } : {}),
      ...(multiplier === undefined ? {} : { multiplier }),
      ...(tradingClass === undefined ? {} : { tradingClass }),
      ...(priceMagnifier === undefined ? {} : { priceMagnifier }),
    },
  };
}
