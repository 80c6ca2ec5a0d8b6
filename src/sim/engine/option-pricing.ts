// Black-Scholes prices and greeks for listed equity options, with an
// implied-volatility smile: what the simulator quotes and what it reports in
// option computation ticks.

export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  /** Per one volatility point (0.01). */
  vega: number;
  /** Per calendar day. */
  theta: number;
}

const SQRT2 = Math.SQRT2;

/** Abramowitz-Stegun erf: error below 1.5e-7, plenty for quotes in cents. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return sign * y;
}

const cdf = (x: number): number => 0.5 * (1 + erf(x / SQRT2));
const pdf = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** `years` to expiry, `rate` continuously compounded, no dividends. */
export function blackScholes(call: boolean, spot: number, strike: number, years: number, vol: number, rate: number): Greeks {
  const t = Math.max(years, 1 / (365 * 24));
  const sqrtT = Math.sqrt(t);
  const d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * t) / (vol * sqrtT);
  const d2 = d1 - vol * sqrtT;
  const disc = Math.exp(-rate * t);
  const price = call ? spot * cdf(d1) - strike * disc * cdf(d2) : strike * disc * cdf(-d2) - spot * cdf(-d1);
  const delta = call ? cdf(d1) : cdf(d1) - 1;
  const gamma = pdf(d1) / (spot * vol * sqrtT);
  const vega = (spot * pdf(d1) * sqrtT) / 100;
  const thetaYear = -(spot * pdf(d1) * vol) / (2 * sqrtT) + (call ? -rate * strike * disc * cdf(d2) : rate * strike * disc * cdf(-d2));
  return { price: Math.max(price, 0), delta, gamma, vega, theta: thetaYear / 365 };
}

/** A skewed smile: puts below spot richer than calls above, short expiries steeper. */
export function smileVol(baseVol: number, spot: number, strike: number, years: number): number {
  const m = Math.log(strike / spot);
  const steep = 1 / Math.sqrt(Math.max(years, 1 / 52));
  return Math.max(0.05, baseVol * (1 - 0.35 * m * Math.min(steep, 4) + 1.2 * m * m * Math.min(steep, 4)));
}
