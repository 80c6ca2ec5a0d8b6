import type { CommissionReport, Contract, Execution, Order, OrderState } from '@stoqey/ib';
import type { ExecutionView, OpenOrderView } from '../../shared/portfolio';
import { toNumber, type HeldContract } from './portfolio-model';

/**
 * IB's objects into the domain's views. The library leaves almost every
 * field optional; these fix one reading of each absence, in one place.
 */

/** Types whose size is their multiplier: without IB's, the position cannot be valued (100 is wrong for minis, index and most non-US options). */
const SIZED_BY_MULTIPLIER = new Set(['OPT', 'FOP', 'FUT', 'WAR', 'IOPT']);

/**
 * The price magnifier a contract is known to have before IB's contract
 * details say: IB never magnifies a US stock or option, a currency pair or a
 * coin. Anything else (an LSE share quotes in pence, a grain future in cents)
 * waits for the details: null.
 */
export function knownPriceMagnifier(secType: string, currency: string): number | null {
  if (secType === 'CASH' || secType === 'CRYPTO') return 1;
  return currency === 'USD' && (secType === 'STK' || secType === 'OPT') ? 1 : null;
}

/**
 * A contract the portfolio can hold and quote: IB's conId is the instrument,
 * nothing else identifies it. A derivative is named by its local symbol and
 * keeps its terms (underlying, expiry, strike, right, multiplier); any
 * security type is kept as IB names it, even one Countersign does not model.
 * A derivative's missing multiplier stays missing: guessing one misstates
 * the position's value by the guess.
 */
export function heldContractOf(contract: Contract): HeldContract | undefined {
  if (!contract.conId) return undefined;
  const secType = String(contract.secType ?? 'STK');
  const derivative = secType !== 'STK' && secType !== 'CASH' && secType !== 'CRYPTO' && secType !== 'BOND';
  const expiry = (contract.lastTradeDateOrContractMonth ?? '').trim();
  const right = String(contract.right ?? '').toUpperCase();
  const strike = Number(contract.strike);
  const multiplier = positiveOrNull(contract.multiplier);
  const currency = contract.currency ?? 'USD';
  return {
    conId: contract.conId,
    symbol: (derivative ? contract.localSymbol : contract.symbol) || contract.localSymbol || contract.symbol || String(contract.conId),
    underlying: contract.symbol || contract.localSymbol || String(contract.conId),
    secType,
    currency,
    exchange: contract.primaryExch || contract.exchange || 'SMART',
    multiplier: multiplier ?? (SIZED_BY_MULTIPLIER.has(secType) ? null : 1),
    priceMagnifier: knownPriceMagnifier(secType, currency),
    expiry: derivative && expiry ? expiry : null,
    // IB sends an unset strike as the largest double.
    strike: derivative && Number.isFinite(strike) && strike > 0 && strike < 1e300 ? strike : null,
    right: right.startsWith('C') ? 'C' : right.startsWith('P') ? 'P' : null,
  };
}

/** A positive finite number IB sent (as a number or text), or null: IB sends an unset one as empty or the largest double. */
export function positiveOrNull(value: string | number | undefined | null): number | null {
  const n = toNumber(value);
  return n !== null && n > 0 ? n : null;
}

/** The managed-accounts list ("DU1,DU2,"), without blanks. */
export function accountsOf(list: string): string[] {
  return list.split(',').map((account) => account.trim()).filter(Boolean);
}

/** An open order as first seen: fills come later, from order status. */
export function openOrderView(orderId: number, contract: Contract, order: Order, state: OrderState): OpenOrderView {
  return {
    orderId,
    permId: order.permId ?? 0,
    clientId: order.clientId ?? 0,
    conId: contract.conId ?? 0,
    account: order.account ?? '',
    symbol: contract.localSymbol || contract.symbol || '',
    action: String(order.action ?? ''),
    quantity: Number(order.totalQuantity ?? 0),
    orderType: String(order.orderType ?? ''),
    limitPrice: toNumber(order.lmtPrice),
    stopPrice: toNumber(order.auxPrice),
    tif: String(order.tif ?? ''),
    status: String(state.status ?? ''),
    filled: 0,
    remaining: Number(order.totalQuantity ?? 0),
    avgFillPrice: null,
    orderRef: order.orderRef ?? '',
  };
}

/** An execution as first seen: its commission comes in a separate report. */
export function executionView(contract: Contract, execution: Execution): ExecutionView {
  return {
    execId: execution.execId ?? '',
    orderId: execution.orderId ?? 0,
    permId: execution.permId ?? 0,
    clientId: execution.clientId ?? -1,
    conId: contract.conId ?? 0,
    account: execution.acctNumber ?? '',
    symbol: contract.localSymbol || contract.symbol || '',
    side: execution.side ?? '',
    shares: Number(execution.shares ?? 0),
    price: Number(execution.price ?? 0),
    time: execution.time ?? '',
    orderRef: execution.orderRef ?? '',
    commission: null,
    commissionCurrency: null,
    realizedPnL: null,
  };
}

export interface CommissionView {
  execId: string;
  commission: number | null;
  currency: string | null;
  realizedPnL: number | null;
}

export function commissionView(report: CommissionReport): CommissionView {
  return {
    execId: report.execId ?? '',
    commission: toNumber(report.commission),
    currency: report.currency ?? null,
    realizedPnL: toNumber(report.realizedPNL),
  };
}
