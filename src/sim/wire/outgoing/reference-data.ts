// Answers for reference data and tick history: symbol samples, market rules,
// option chain parameters, head timestamp, histogram, historical ticks, user
// info and Wall Street Horizon calendars. None of these carry a version field.
import type { Contract } from '@stoqey/ib';
import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';
import { V } from '../versions';

export interface SymbolSample {
  contract: Contract;
  derivativeSecTypes: string[];
  /** The company name (BOND_ISSUERID+). */
  description: string;
}

export function symbolSamples(v: number, reqId: number, samples: readonly SymbolSample[]): string[] {
  const w = new FieldWriter().int(ToClient.SYMBOL_SAMPLES).int(reqId).int(samples.length);
  for (const s of samples) {
    const c = s.contract;
    w.int(c.conId).str(c.symbol).str(c.secType).str(c.primaryExch).str(c.currency).int(s.derivativeSecTypes.length);
    for (const t of s.derivativeSecTypes) w.str(t);
    if (v >= V.BOND_ISSUERID) w.str(s.description).str('');
  }
  return w.fields;
}

export function marketRule(id: number, increments: readonly { lowEdge: number; increment: number }[]): string[] {
  const w = new FieldWriter().int(ToClient.MARKET_RULE).int(id).int(increments.length);
  for (const p of increments) w.double(p.lowEdge).double(p.increment);
  return w.fields;
}

export interface OptionChain {
  exchange: string;
  underlyingConId: number;
  tradingClass: string;
  multiplier: number;
  expirations: readonly string[];
  strikes: readonly number[];
}

export function securityDefinitionOptionParameter(reqId: number, chain: OptionChain): string[] {
  const w = new FieldWriter().int(ToClient.SECURITY_DEFINITION_OPTION_PARAMETER).int(reqId)
    .str(chain.exchange).int(chain.underlyingConId).str(chain.tradingClass).str(String(chain.multiplier))
    .int(chain.expirations.length);
  for (const e of chain.expirations) w.str(e);
  w.int(chain.strikes.length);
  for (const k of chain.strikes) w.double(k);
  return w.fields;
}

export function securityDefinitionOptionParameterEnd(reqId: number): string[] {
  return new FieldWriter().int(ToClient.SECURITY_DEFINITION_OPTION_PARAMETER_END).int(reqId).fields;
}

export function headTimestamp(reqId: number, timestamp: string): string[] {
  return new FieldWriter().int(ToClient.HEAD_TIMESTAMP).int(reqId).str(timestamp).fields;
}

export function histogramData(reqId: number, items: readonly { price: number; size: number }[]): string[] {
  const w = new FieldWriter().int(ToClient.HISTOGRAM_DATA).int(reqId).int(items.length);
  for (const it of items) w.double(it.price).decimal(it.size);
  return w.fields;
}

export interface LastTick { time: number; price: number; size: number; exchange: string; specialConditions: string }
export interface BidAskTick { time: number; bid: number; ask: number; bidSize: number; askSize: number }
export interface MidTick { time: number; price: number }

/** HISTORICAL_TICKS (MIDPOINT): time, an unused int, price, size. */
export function historicalTicksMid(reqId: number, ticks: readonly MidTick[], done: boolean): string[] {
  const w = new FieldWriter().int(ToClient.HISTORICAL_TICKS).int(reqId).int(ticks.length);
  for (const t of ticks) w.int(t.time).int(0).double(t.price).decimal(0);
  return w.bool(done).fields;
}

export function historicalTicksBidAsk(reqId: number, ticks: readonly BidAskTick[], done: boolean): string[] {
  const w = new FieldWriter().int(ToClient.HISTORICAL_TICKS_BID_ASK).int(reqId).int(ticks.length);
  for (const t of ticks) w.int(t.time).int(0).double(t.bid).double(t.ask).decimal(t.bidSize).decimal(t.askSize);
  return w.bool(done).fields;
}

export function historicalTicksLast(reqId: number, ticks: readonly LastTick[], done: boolean): string[] {
  const w = new FieldWriter().int(ToClient.HISTORICAL_TICKS_LAST).int(reqId).int(ticks.length);
  for (const t of ticks) w.int(t.time).int(0).double(t.price).decimal(t.size).str(t.exchange).str(t.specialConditions);
  return w.bool(done).fields;
}

export function userInfo(reqId: number, whiteBrandingId: string): string[] {
  return new FieldWriter().int(ToClient.USER_INFO).int(reqId).str(whiteBrandingId).fields;
}

export function wshMetaData(reqId: number, json: string): string[] {
  return new FieldWriter().int(ToClient.WSH_META_DATA).int(reqId).str(json).fields;
}

export function wshEventData(reqId: number, json: string): string[] {
  return new FieldWriter().int(ToClient.WSH_EVENT_DATA).int(reqId).str(json).fields;
}
