import type { ContractDetails, OrderState } from '@stoqey/ib';
import { describeGatewayError } from './gateway-errors';
import { IbCode } from './ib-codes';

const UNSET = 1e300;

export interface HistoryBar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

interface Pending<T> {
  resolve(value: T): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * One-shot requests to the gateway that expect an answer: contract details
 * and what-if previews. Each has a deadline, and all fail at once when the
 * connection goes, so nothing waits forever on a dead socket.
 */
export class RequestBook {
  private readonly details = new Map<number, Pending<ContractDetails[]> & { rows: ContractDetails[] }>();
  private readonly whatIfs = new Map<number, Pending<OrderState> & { last?: OrderState }>();
  private readonly histories = new Map<number, Pending<HistoryBar[]> & { rows: HistoryBar[] }>();

  expectHistory(reqId: number, timeoutMs: number): Promise<HistoryBar[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.histories.delete(reqId);
        reject(new Error('The gateway did not send the price history in time.'));
      }, timeoutMs);
      this.histories.set(reqId, { resolve, reject, timer, rows: [] });
    });
  }

  /** IB ends a history with a bar whose date starts with "finished". */
  onHistoryBar(reqId: number, bar: HistoryBar & { date: string }): void {
    const pending = this.histories.get(reqId);
    if (!pending) return;
    if (bar.date.startsWith('finished')) {
      clearTimeout(pending.timer);
      this.histories.delete(reqId);
      pending.resolve(pending.rows);
      return;
    }
    pending.rows.push(bar);
  }

  expectDetails(reqId: number, timeoutMs: number): Promise<ContractDetails[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.details.delete(reqId);
        reject(new Error('The gateway did not answer the contract lookup in time.'));
      }, timeoutMs);
      this.details.set(reqId, { resolve, reject, timer, rows: [] });
    });
  }

  onDetails(reqId: number, details: ContractDetails): void {
    this.details.get(reqId)?.rows.push(details);
  }

  onDetailsEnd(reqId: number): void {
    const pending = this.details.get(reqId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.details.delete(reqId);
    pending.resolve(pending.rows);
  }

  expectWhatIf(orderId: number, timeoutMs: number): Promise<OrderState> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const pending = this.whatIfs.get(orderId);
        this.whatIfs.delete(orderId);
        // IB may first answer with the commission unset and never follow up:
        // an answer without a commission is still an answer.
        if (pending?.last) resolve(pending.last);
        else reject(new Error('The gateway did not answer the what-if in time.'));
      }, timeoutMs);
      this.whatIfs.set(orderId, { resolve, reject, timer });
    });
  }

  onWhatIf(orderId: number, state: OrderState): void {
    const pending = this.whatIfs.get(orderId);
    if (!pending) return;
    pending.last = state;
    const commissionKnown = state.commission !== undefined && Math.abs(state.commission) < UNSET && !!state.commissionCurrency;
    // The real gateway can send a first answer with the commission unset and
    // a complete one right after: wait for the complete one (or the deadline).
    if (!commissionKnown) return;
    clearTimeout(pending.timer);
    this.whatIfs.delete(orderId);
    pending.resolve(state);
  }

  /** True if the error answered one of these requests. */
  onError(reqId: number, code: number, message: string): boolean {
    const details = this.details.get(reqId);
    if (details) {
      clearTimeout(details.timer);
      this.details.delete(reqId);
      // 200: no security definition: an empty answer, not a failure.
      if (code === IbCode.NO_SECURITY_DEFINITION) details.resolve([]);
      else details.reject(new Error(describeGatewayError(code, message)));
      return true;
    }
    const history = this.histories.get(reqId);
    if (history) {
      clearTimeout(history.timer);
      this.histories.delete(reqId);
      history.reject(new Error(describeGatewayError(code, message)));
      return true;
    }
    const whatIf = this.whatIfs.get(reqId);
    if (whatIf) {
      clearTimeout(whatIf.timer);
      this.whatIfs.delete(reqId);
      whatIf.reject(new Error(describeGatewayError(code, message)));
      return true;
    }
    return false;
  }

  failAll(reason: string): void {
    for (const [id, pending] of this.details) {
      clearTimeout(pending.timer);
      pending.reject(new Error(reason));
      this.details.delete(id);
    }
    for (const [id, pending] of this.histories) {
      clearTimeout(pending.timer);
      pending.reject(new Error(reason));
      this.histories.delete(id);
    }
    for (const [id, pending] of this.whatIfs) {
      clearTimeout(pending.timer);
      pending.reject(new Error(reason));
      this.whatIfs.delete(id);
    }
  }
}
