// Every execution the simulated broker made, kept for the life of the engine
// so a client that reconnects (or restarts) can reconcile by reqExecutions.
import { Liquidities } from '@stoqey/ib';
import { executionTime, parseIbDateTime } from './eastern-time';
import type { Contract, ExecutionQuery, FillRecord, OpenOrderRecord } from './types';

export interface FillFacts {
  at: number;
  rec: OpenOrderRecord;
  account: string;
  exchange: string;
  buying: boolean;
  shares: number;
  price: number;
  commission: number;
  commissionCurrency: string;
  /** A combo's leg: the leg's contract and its own cumulative quantity and price (the order record has the combo's). */
  contract?: Contract;
  cumQty?: number;
  avgPrice?: number;
  /** Realized P&L when the fill closed some of a position. */
  realized: number | undefined;
  removedLiquidity: boolean;
  /** IB made the trade itself (a close-out ahead of delivery): the execution's liquidation flag. */
  liquidation?: boolean;
}

interface Stored extends FillRecord {
  at: number;
}

const copy = (f: FillRecord): FillRecord => ({ execution: { ...f.execution }, contract: { ...f.contract }, commission: { ...f.commission } });

export class ExecutionLog {
  private readonly fills: Stored[] = [];
  private seq = 0;
  private readonly prefix: string;

  /** `session` makes execIds differ between simulator runs with different seeds. */
  constructor(session: number) {
    this.prefix = (session >>> 0).toString(16).padStart(8, '0');
  }

  /** The log as saved across restarts: every fill and the execId counter. */
  saved(): { fills: (FillRecord & { at: number })[]; seq: number } {
    return { fills: this.fills.map((f) => ({ ...copy(f), at: f.at })), seq: this.seq };
  }

  /** Carries on from a saved log: its fills are replayable by reqExecutions and new execIds follow its counter. */
  restore(fills: readonly (FillRecord & { at: number })[], seq: number): void {
    this.fills.length = 0;
    for (const f of fills) this.fills.push({ ...copy(f), at: f.at });
    this.seq = Math.max(this.seq, seq);
  }

  /** Only the counter, after a reset: the fills are gone but their execIds are never handed out again. */
  continueFrom(seq: number): void {
    this.seq = Math.max(this.seq, seq);
  }

  /** Records a fill (the order record already updated with it) and returns it as the client sees it. */
  record(f: FillFacts): FillRecord {
    const rec = f.rec;
    // Shaped like IB's "0000e0d5.6571a1b2.01.01": unique per execution.
    const execId = `${this.prefix}.${(++this.seq).toString(16).padStart(8, '0')}.01.01`;
    const stored: Stored = {
      at: f.at,
      contract: { ...(f.contract ?? rec.contract) },
      execution: {
        orderId: rec.orderId, clientId: rec.clientId, execId, time: executionTime(f.at), acctNumber: f.account,
        exchange: f.exchange, side: f.buying ? 'BOT' : 'SLD', shares: f.shares, price: f.price, permId: rec.permId,
        liquidation: f.liquidation ? 1 : 0, cumQty: f.cumQty ?? rec.filled, avgPrice: f.avgPrice ?? rec.avgFillPrice, orderRef: rec.order.orderRef ?? '', evRule: '',
        evMultiplier: 0, modelCode: '', lastLiquidity: f.removedLiquidity ? Liquidities.Removed : Liquidities.Added,
        pendingPriceRevision: false,
      },
      commission: {
        execId, commission: f.commission, currency: f.commissionCurrency,
        // IB sends realized P&L only for fills that close a position; otherwise the "unset" double.
        realizedPNL: f.realized === undefined ? Number.MAX_VALUE : Math.round(f.realized * 100) / 100,
        yield: Number.MAX_VALUE, yieldRedemptionDate: 0,
      },
    };
    this.fills.push(stored);
    return copy(stored);
  }

  /** reqExecutions' filter: every field optional; time means "at or after". */
  query(filter: ExecutionQuery): FillRecord[] {
    const side = filter.side?.toUpperCase();
    const wantSide = side === 'BUY' || side === 'BOT' ? 'BOT' : side === 'SELL' || side === 'SLD' ? 'SLD' : undefined;
    const since = filter.time ? parseIbDateTime(filter.time) : undefined;
    const out: FillRecord[] = [];
    for (const f of this.fills) {
      if (filter.clientId !== undefined && f.execution.clientId !== filter.clientId) continue;
      if (filter.account && f.execution.acctNumber !== filter.account) continue;
      if (filter.symbol && f.contract.symbol !== filter.symbol.toUpperCase()) continue;
      if (filter.secType && f.contract.secType !== filter.secType.toUpperCase()) continue;
      if (wantSide && f.execution.side !== wantSide) continue;
      if (since !== undefined && f.at < since) continue;
      out.push(copy(f));
    }
    return out;
  }
}
