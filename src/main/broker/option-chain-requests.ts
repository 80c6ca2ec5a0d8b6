import type { GreeksView } from '../../shared/portfolio';
import { describeGatewayError } from './gateway-errors';
import { ErrorCode } from './ib-codes';
import { MODEL_TICKS, readOptionComputation } from './option-computation';
import { positiveOrNull } from './ib-mappers';

/** One exchange's option chain as reqSecDefOptParams gives it. */
export interface ChainParams {
  exchange: string;
  tradingClass: string;
  /** IB's multiplier for the chain; null when IB sent none (never assumed to be 100: minis, index and non-US options differ). */
  multiplier: number | null;
  expirations: string[];
  strikes: number[];
}

/** A snapshot of one option's quote with IB's model greeks. */
export interface OptionSnapshot {
  bid: number | null;
  ask: number | null;
  last: number | null;
  greeks: GreeksView | null;
  /** Some figure came from a delayed tick (about 15 minutes behind). */
  delayed: boolean;
  /** What IB said about this one option (a warning, or why it has no figures), in plain words. */
  notes: string[];
}

/** Codes IB sends on a snapshot that still goes on (delayed, or part of the data): the option is marked, not failed. */
const SNAPSHOT_WARNINGS = new Set<number>([ErrorCode.DISPLAYING_DELAYED_DATA, ErrorCode.PART_OF_REQUESTED_DATA_NOT_SUBSCRIBED]);
const DELAYED_TICKS = new Set([66, 67, 68]);

interface Pending<T> {
  resolve(value: T): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  value: T;
}

const price = (x: number): number | null => (Number.isFinite(x) && x > 0 && x < 1e300 ? x : null);

/**
 * The one-shot requests behind the option chain tool: chain parameters and
 * market data snapshots of single options. Each has a deadline; all fail
 * when the connection goes.
 */
export class OptionChainRequests {
  private readonly params = new Map<number, Pending<ChainParams[]>>();
  private readonly snapshots = new Map<number, Pending<OptionSnapshot>>();

  private expect<T>(map: Map<number, Pending<T>>, reqId: number, value: T, timeoutMs: number, late: string, settleLate = false): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const pending = map.get(reqId);
        map.delete(reqId);
        // A snapshot that got part of its answer is still an answer; what is missing stays unknown.
        if (settleLate && pending) resolve(pending.value);
        else reject(new Error(late));
      }, timeoutMs);
      map.set(reqId, { resolve, reject, timer, value });
    });
  }

  expectParams(reqId: number, timeoutMs: number): Promise<ChainParams[]> {
    return this.expect(this.params, reqId, [], timeoutMs, 'The gateway did not send the option chain in time.');
  }

  expectSnapshot(reqId: number, timeoutMs: number): Promise<OptionSnapshot> {
    return this.expect(this.snapshots, reqId, { bid: null, ask: null, last: null, greeks: null, delayed: false, notes: [] }, timeoutMs, '', true);
  }

  onParams(reqId: number, exchange: string, tradingClass: string, multiplier: string, expirations: string[], strikes: number[]): void {
    this.params.get(reqId)?.value.push({ exchange, tradingClass, multiplier: positiveOrNull(multiplier), expirations: [...expirations].sort(), strikes: [...strikes].sort((a, b) => a - b) });
  }

  onParamsEnd(reqId: number): void {
    this.finish(this.params, reqId);
  }

  onTickPrice(reqId: number, tickType: number, value: number): void {
    const pending = this.snapshots.get(reqId);
    if (!pending) return;
    if (DELAYED_TICKS.has(tickType) && price(value) !== null) pending.value.delayed = true;
    if (tickType === 1 || tickType === 66) pending.value.bid = price(value);
    if (tickType === 2 || tickType === 67) pending.value.ask = price(value);
    if (tickType === 4 || tickType === 68) pending.value.last = price(value);
  }

  onOptionComputation(args: readonly unknown[]): void {
    const c = readOptionComputation(args);
    const pending = c ? this.snapshots.get(c.reqId) : undefined;
    if (!c || !pending) return;
    if (MODEL_TICKS.has(c.tickType) || pending.value.greeks === null) pending.value.greeks = c.greeks;
  }

  onSnapshotEnd(reqId: number): void {
    this.finish(this.snapshots, reqId);
  }

  /**
   * An error on one option's snapshot marks that option and answers with
   * what came (a chain is many snapshots: one option without a subscription
   * must not fail the rest); a warning leaves the snapshot running. An error
   * on the chain parameters fails the chain.
   */
  onError(reqId: number, code: number, message: string): boolean {
    const snapshot = this.snapshots.get(reqId);
    if (snapshot) {
      snapshot.value.notes.push(describeGatewayError(code, message));
      if (!SNAPSHOT_WARNINGS.has(code)) this.finish(this.snapshots, reqId);
      return true;
    }
    for (const map of [this.params] as Map<number, Pending<unknown>>[]) {
      const pending = map.get(reqId);
      if (!pending) continue;
      clearTimeout(pending.timer);
      map.delete(reqId);
      pending.reject(new Error(describeGatewayError(code, message)));
      return true;
    }
    return false;
  }

  failAll(reason: string): void {
    for (const map of [this.params, this.snapshots] as Map<number, Pending<unknown>>[]) {
      for (const [id, pending] of map) {
        clearTimeout(pending.timer);
        pending.reject(new Error(reason));
        map.delete(id);
      }
    }
  }

  private finish<T>(map: Map<number, Pending<T>>, reqId: number): void {
    const pending = map.get(reqId);
    if (!pending) return;
    clearTimeout(pending.timer);
    map.delete(reqId);
    pending.resolve(pending.value);
  }
}
