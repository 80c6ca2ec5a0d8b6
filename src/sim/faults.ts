// Connection-level faults of a real IB Gateway, scriptable from tests and the
// CLI. Order-level faults (reject next order) live in the engine; this file
// only forwards them.
import type { BrokerEngine, SimClock } from './engine';
import { SimCode } from './wire/ib-codes';

/** Shared switches the sessions consult on every read and write. */
export class FaultState {
  /** Socket stays open, nothing is answered or processed (a hung gateway). */
  silent = false;
  /** Between 1100 and 1101/1102: market data stops. */
  connectivityLost = false;
  /** Sim-clock time until which new connections are dropped (nightly reset). */
  refuseUntil = -Infinity;
  /** Order acknowledgements (open order, order status, executions) are held this long on the sim clock. */
  ackDelayMs = 0;
  /** What-if answers come first without commission (Double.MAX_VALUE, empty currency), then complete. */
  incompleteWhatIf = false;
}

export interface SimFaults {
  /** Destroy every client socket. */
  dropConnections(): void;
  /** Keep sockets open but answer nothing (incl. reqCurrentTime) and ignore requests. */
  goSilent(on?: boolean): void;
  /** 1100 to every client; market data stops. */
  connectivityLost(): void;
  /** 1102 (subscriptions kept) or 1101 (market data subscriptions lost: client must resubscribe). */
  connectivityRestored(dataKept: boolean): void;
  /** 10197 on every market-data subscription, then the sessions are closed. */
  competingSession(): void;
  /** Drop everyone and refuse connections for `durationMs` of sim time. */
  resetWindow(durationMs: number): void;
  /** The next placeOrder is rejected with 201 and this reason. */
  rejectNextOrder(reason?: string): void;
  /** Hold order acknowledgements for `ms` of sim time (0 turns it off). */
  delayAcks(ms: number): void;
  /** The real Gateway sometimes answers a what-if first without its commission; simulate that. */
  incompleteWhatIf(on?: boolean): void;
  /**
   * A Gateway auto-restart that lost its order-id counter: from now on every
   * client is offered `next` as its next valid id (seen in the wild to re-use ids).
   */
  restartOrderIds(next: number): void;
  /** The Gateway restarts and comes back without its working orders and with its id counter at 1. */
  restartForgettingOrders(): void;
  /** Report this AccountType for the account from now on ('' leaves it unset, as IB does for some account structures). */
  reportAccountType(account: string, value: string): void;
}

/** What a fault needs to reach: every live session. */
export interface FaultTarget {
  restartOrderIds(next: number): void;
  sessions(): Iterable<{
    destroy(): void;
    notice(code: number, message: string): void;
    onConnectivityRestored(dataKept: boolean): void;
    competingSessionTakeover(): void;
  }>;
}

export const NOTICE = {
  connectivityLost: [SimCode.CONNECTIVITY_LOST, 'Connectivity between IB and Trader Workstation has been lost.'],
  restoredDataLost: [SimCode.RESTORED_DATA_LOST, 'Connectivity between IB and Trader Workstation has been restored - data lost.'],
  restoredDataKept: [SimCode.RESTORED_DATA_KEPT, 'Connectivity between IB and Trader Workstation has been restored - data maintained.'],
} as const;

export function createFaults(state: FaultState, target: FaultTarget, engine: BrokerEngine, clock: SimClock): SimFaults {
  return {
    dropConnections() {
      for (const s of [...target.sessions()]) s.destroy();
    },
    goSilent(on = true) {
      state.silent = on;
    },
    connectivityLost() {
      // The notice goes out before the switch: the gateway tells clients it lost its link.
      for (const s of target.sessions()) s.notice(...NOTICE.connectivityLost);
      state.connectivityLost = true;
    },
    connectivityRestored(dataKept: boolean) {
      state.connectivityLost = false;
      for (const s of target.sessions()) {
        s.onConnectivityRestored(dataKept);
        const [code, text] = dataKept ? NOTICE.restoredDataKept : NOTICE.restoredDataLost;
        s.notice(code, text);
      }
    },
    competingSession() {
      for (const s of [...target.sessions()]) s.competingSessionTakeover();
    },
    resetWindow(durationMs: number) {
      state.refuseUntil = clock.now() + Math.max(0, durationMs);
      for (const s of [...target.sessions()]) s.destroy();
    },
    rejectNextOrder(reason?: string) {
      engine.rejectNextOrder(reason);
    },
    delayAcks(ms: number) {
      state.ackDelayMs = Math.max(0, ms);
    },
    restartOrderIds(next: number) {
      target.restartOrderIds(next);
    },
    restartForgettingOrders() {
      for (const s of [...target.sessions()]) s.destroy();
      engine.forgetOpenOrders();
      target.restartOrderIds(1);
    },
    incompleteWhatIf(on = true) {
      state.incompleteWhatIf = on;
    },
    reportAccountType(account: string, value: string) {
      engine.reportAccountType(account, value);
    },
  };
}
