import type { GreeksView } from '../../shared/portfolio';

/**
 * IB's option computation tick, read by name. @stoqey/ib 1.6.10 decodes the
 * message as TWS writes it (checked at every version we negotiate, see
 * test/unit/broker/option-computation.test.ts): from server version 156
 * (PRICE_BASED_VOLATILITY) it reads the tick attribute before the implied
 * volatility and passes it as the third argument, `undefined` below 156.
 * Its issue #249 was a listener that skipped that slot and so read every
 * greek one place off; reading the arguments here, in one place, by
 * position, keeps that from happening anywhere in the app.
 */

/** Bid, ask, last and model computations; delayed ones are 80..83. */
export const MODEL_TICKS = new Set([13, 83]);
export const COMPUTATION_TICKS = new Set([10, 11, 12, 13, 80, 81, 82, 83]);

export interface OptionComputation {
  reqId: number;
  tickType: number;
  /** 0 return-based, 1 price-based; null below server version 156. */
  tickAttrib: number | null;
  greeks: GreeksView;
  optionPrice: number | null;
}

const finite = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) && Math.abs(x) < 1e300 ? x : null);

/** The library's tickOptionComputation arguments, in its order: reqId, tickType, tickAttrib, iv, delta, optPrice, pvDividend, gamma, vega, theta, undPrice. */
export function readOptionComputation(args: readonly unknown[]): OptionComputation | undefined {
  const [reqId, tickType, tickAttrib, impliedVol, delta, optPrice, , gamma, vega, theta, undPrice] = args;
  if (typeof reqId !== 'number' || typeof tickType !== 'number' || !COMPUTATION_TICKS.has(tickType)) return undefined;
  const d = finite(delta);
  const iv = finite(impliedVol);
  // Gamma and vega of a long option per unit are never negative, nor is a price: TWS writes -2 and -1 for
  // "not computed", so a negative one is an unknown, not a figure to show or to add into an exposure.
  const atLeastZero = (x: unknown): number | null => {
    const n = finite(x);
    return n !== null && n >= 0 ? n : null;
  };
  const positivePrice = (x: unknown): number | null => {
    const n = finite(x);
    return n !== null && n > 0 ? n : null;
  };
  return {
    reqId,
    tickType,
    tickAttrib: finite(tickAttrib),
    greeks: {
      // A delta outside [-1, 1] or a negative volatility is not a greek: a slot read out of place, shown as unknown.
      delta: d !== null && Math.abs(d) <= 1 ? d : null,
      gamma: atLeastZero(gamma),
      theta: finite(theta),
      vega: atLeastZero(vega),
      impliedVol: iv !== null && iv >= 0 ? iv : null,
      underlyingPrice: positivePrice(undPrice),
    },
    optionPrice: atLeastZero(optPrice),
  };
}
