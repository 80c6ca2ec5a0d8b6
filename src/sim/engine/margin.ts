// Margin of a set of positions as a Reg T account (or an IRA-style cash
// account) at IB sees it, in USD: stocks at 50% to open and 25% (30% short)
// to hold; long options and crypto paid in full (they lend nothing); a short
// option covered by shares or by a long option of the same series family
// (a vertical spread) needs only what the spread can lose; a naked short
// option Reg T's premium plus 20% of the underlying less the out-of-the-money
// amount (at least 10%); a future its exchange margin per contract.
import type { AccountKind } from './accounts';
import type { Terms } from './terms';

export interface MarginPosition {
  conId: number;
  qty: number;
  terms: Terms;
}

export interface MarginPrices {
  /** Last price of an instrument (an option's premium per share). */
  last(conId: number): number;
  /** USD per unit of a currency. */
  fx(currency: string): number;
}

export interface MarginFigures {
  init: number;
  maint: number;
}

const LONG_INIT = 0.5;
const LONG_MAINT = 0.25;
const SHORT_INIT = 0.5;
const SHORT_MAINT = 0.3;

/** Stock-only margin, as the book of US shares has always used it. */
export function stockMargin(kind: AccountKind, qty: number, price: number): MarginFigures {
  const value = Math.abs(qty) * price;
  // A cash account carries every position at 100%: what it owns is paid for in full.
  if (kind === 'cash') return { init: value, maint: value };
  return qty >= 0 ? { init: value * LONG_INIT, maint: value * LONG_MAINT } : { init: value * SHORT_INIT, maint: value * SHORT_MAINT };
}

/** Reg T naked short option requirement per contract unit (per share of the multiplier). */
function nakedShort(t: Terms, premium: number, underlying: number): number {
  const strike = t.strike ?? 0;
  const otm = t.right === 'C' ? Math.max(0, strike - underlying) : Math.max(0, underlying - strike);
  const floor = t.right === 'C' ? 0.1 * underlying : 0.1 * strike;
  return premium + Math.max(0.2 * underlying - otm, floor);
}

/** What a vertical can lose per share of the multiplier: the strike distance when the short leg is the nearer one. */
function spreadLoss(short: Terms, long: Terms): number {
  const ks = short.strike ?? 0;
  const kl = long.strike ?? 0;
  return short.right === 'C' ? Math.max(0, kl - ks) : Math.max(0, ks - kl);
}

export function positionsMargin(kind: AccountKind, positions: readonly MarginPosition[], p: MarginPrices): MarginFigures {
  let init = 0;
  let maint = 0;
  const add = (m: MarginFigures): void => {
    init += m.init;
    maint += m.maint;
  };
  // Units of cover left: shares per underlying, long options per conId.
  const shares = new Map<number, number>();
  const longOptions: { pos: MarginPosition; left: number }[] = [];
  const shortOptions: MarginPosition[] = [];
  for (const pos of positions) {
    if (pos.qty === 0) continue;
    const t = pos.terms;
    const fx = p.fx(t.currency);
    const price = p.last(pos.conId);
    const value = Math.abs(pos.qty) * price * t.factor * fx;
    switch (t.secType) {
      case 'STK':
        add(stockMargin(kind, pos.qty, price * t.factor * fx));
        if (pos.qty > 0) shares.set(pos.conId, (shares.get(pos.conId) ?? 0) + pos.qty);
        break;
      case 'CRYPTO':
        add({ init: value, maint: value });
        break;
      case 'BOND':
        add(kind === 'cash' ? { init: value, maint: value } : { init: value * 0.1, maint: value * 0.1 });
        break;
      case 'FUT': {
        const m = t.futureMargin ?? { init: value * 0.1, maint: value * 0.09 };
        add({ init: Math.abs(pos.qty) * m.init * fx, maint: Math.abs(pos.qty) * m.maint * fx });
        break;
      }
      case 'OPT':
        if (pos.qty > 0) {
          add({ init: value, maint: value });
          longOptions.push({ pos, left: pos.qty });
        } else {
          shortOptions.push(pos);
        }
        break;
      case 'CASH':
        break;
    }
  }
  for (const s of shortOptions) {
    const t = s.terms;
    const fx = p.fx(t.currency);
    const und = t.underlyingConId ?? 0;
    const perUnit = t.factor * fx;
    let open = -s.qty;
    if (t.right === 'C' && open > 0) {
      // Covered calls: 100 shares per contract cover it completely.
      const free = Math.floor((shares.get(und) ?? 0) / t.factor);
      const covered = Math.min(open, free);
      shares.set(und, (shares.get(und) ?? 0) - covered * t.factor);
      open -= covered;
    }
    for (const l of longOptions) {
      if (open === 0) break;
      const lt = l.pos.terms;
      if (l.left === 0 || lt.underlyingConId !== und || lt.right !== t.right || (lt.expiry ?? '') < (t.expiry ?? '')) continue;
      const paired = Math.min(open, l.left);
      l.left -= paired;
      open -= paired;
      const loss = paired * spreadLoss(t, lt) * perUnit;
      add({ init: loss, maint: loss });
    }
    if (open > 0) {
      const premium = p.last(s.conId);
      const underlying = p.last(und);
      // An IRA may only write a put it has the cash for: the whole strike is set aside.
      const each = kind === 'cash' ? (t.right === 'P' ? (t.strike ?? 0) : underlying) : nakedShort(t, premium, underlying);
      add({ init: open * each * perUnit, maint: open * each * perUnit });
    }
  }
  return { init, maint };
}
