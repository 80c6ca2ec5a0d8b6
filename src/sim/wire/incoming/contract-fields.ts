import type { Contract, OptionType, SecType } from '@stoqey/ib';
import type { FieldReader } from '../fields';

/**
 * The contract block most requests share: conId, symbol, secType,
 * lastTradeDateOrContractMonth, strike, right, multiplier, exchange,
 * primaryExch, currency, localSymbol, tradingClass. Empty fields stay unset.
 */
export function readContract(r: FieldReader): Contract {
  const c: Contract = {};
  const conId = r.optInt('conId');
  if (conId) c.conId = conId;
  assign(c, 'symbol', r.optStr('symbol'));
  assign(c, 'secType', r.optStr('secType') as SecType | undefined);
  assign(c, 'lastTradeDateOrContractMonth', r.optStr('lastTradeDateOrContractMonth'));
  const strike = r.optDouble('strike');
  if (strike) c.strike = strike;
  assign(c, 'right', r.optStr('right') as OptionType | undefined);
  const multiplier = r.optDouble('multiplier');
  if (multiplier) c.multiplier = multiplier;
  assign(c, 'exchange', r.optStr('exchange'));
  assign(c, 'primaryExch', r.optStr('primaryExch'));
  assign(c, 'currency', r.optStr('currency'));
  assign(c, 'localSymbol', r.optStr('localSymbol'));
  assign(c, 'tradingClass', r.optStr('tradingClass'));
  return c;
}

function assign<K extends keyof Contract>(c: Contract, key: K, value: Contract[K] | undefined): void {
  if (value !== undefined) c[key] = value;
}

/** Combo legs as reqMktData / reqHistoricalData send them for BAG contracts (4 fields each). */
export function readShortComboLegs(r: FieldReader, c: Contract): void {
  if (c.secType?.toUpperCase() !== 'BAG') return;
  const n = r.int('comboLegs count');
  if (n <= 0) return;
  c.comboLegs = [];
  for (let i = 0; i < n; i++) {
    c.comboLegs.push({ conId: r.int('leg conId'), ratio: r.int('leg ratio'), action: r.str('leg action'), exchange: r.str('leg exchange') } as NonNullable<Contract['comboLegs']>[number]);
  }
}
