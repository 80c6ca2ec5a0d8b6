// What becomes of a held option or future when its last trading day ends, as
// IB (and the OCC) settle it:
// - an equity option is exercised by exception: long and in the money by a
//   cent or more at the underlying's close it is exercised, short it is
//   assigned, and the shares change hands at the strike (a call buys, a put
//   sells); out of the money it lapses, worth nothing;
// - an index option (SPX, SPXW) settles in cash at its intrinsic value;
// - a future settles in cash at its final price: the last variation is paid.
//   IB never lets a physically delivered one (GC, CL, ZN) get this far: it
//   liquidates it on its close-out date (close-out.ts).
// This module only decides; every fill it returns is booked by settlement.ts.
import type { Holding } from './accounts';
import type { Fill } from './settlement';
import type { Terms } from './terms';

/** How a position ended, as its executions name it (their exchange). */
export type ExpiryKind = 'EXERCISE' | 'ASSIGNMENT' | 'EXPIRED' | 'CASH SETTLED' | 'FINAL SETTLEMENT';

export interface ExpiringOption {
  strike: number;
  right: 'C' | 'P';
  underlyingConId: number;
  /** The underlying's terms, for the shares a physical exercise delivers; without them the option can only settle in cash. */
  underlyingTerms?: Terms;
  /** Index options deliver cash, not the index. */
  cashSettled: boolean;
}

export interface ExpiryLeg {
  fill: Fill;
  /** The option or future itself, or the shares it delivered. */
  what: 'contract' | 'delivery';
}

export interface ExpiryOutcome {
  kind: ExpiryKind;
  legs: ExpiryLeg[];
}

const cents = (x: number): number => Math.round(x * 100) / 100;

/** In the money by this much or more at the close, an option is exercised (OCC exercise by exception: $0.01). */
export const EXERCISE_THRESHOLD = 0.01;

/** The fills that settle an expired option, given its underlying's close. No commission: IB charges none for exercise, assignment or lapse. */
export function optionExpiry(h: Holding, terms: Terms, o: ExpiringOption, underlyingClose: number): ExpiryOutcome {
  const q = h.qty;
  const intrinsic = Math.max(0, cents(o.right === 'C' ? underlyingClose - o.strike : o.strike - underlyingClose));
  const inTheMoney = intrinsic >= EXERCISE_THRESHOLD - 1e-9;
  const close = (price: number, basisPrice?: number): ExpiryLeg => ({
    what: 'contract',
    fill: { conId: h.conId, terms, signedQty: -q, price, commission: 0, commissionCurrency: terms.currency, ...(basisPrice !== undefined ? { basisPrice } : {}) },
  });
  if (o.cashSettled || !o.underlyingTerms) return { kind: inTheMoney ? 'CASH SETTLED' : 'EXPIRED', legs: [close(inTheMoney ? intrinsic : 0)] };
  if (!inTheMoney) return { kind: 'EXPIRED', legs: [close(0)] };
  // The option leaves at its own cost (nothing realized on it); its premium goes with the shares.
  const premium = h.avgCost / terms.factor;
  const side = o.right === 'C' ? 1 : -1;
  const delivery: ExpiryLeg = {
    what: 'delivery',
    fill: {
      conId: o.underlyingConId, terms: o.underlyingTerms, signedQty: side * q * terms.factor, price: o.strike,
      // A call's premium adds to what the shares cost (or to what they sold for); a put's takes from it.
      basisPrice: o.strike + side * premium, commission: 0, commissionCurrency: o.underlyingTerms.currency,
    },
  };
  return { kind: q > 0 ? 'EXERCISE' : 'ASSIGNMENT', legs: [close(0, premium), delivery] };
}

/** The fill that settles an expired future at its final price. */
export function futureExpiry(h: Holding, terms: Terms, finalPrice: number): ExpiryOutcome {
  return {
    kind: 'FINAL SETTLEMENT',
    legs: [{ what: 'contract', fill: { conId: h.conId, terms, signedQty: -h.qty, price: finalPrice, commission: 0, commissionCurrency: terms.currency } }],
  };
}
