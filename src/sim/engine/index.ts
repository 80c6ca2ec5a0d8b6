// Public face of the simulated broker: pure TypeScript, no sockets. The wire
// layer (src/sim/session*.ts) talks to a BrokerEngine only through this file.
//
// Changes from the sketch in the task brief:
// - OpenOrderRecord also carries filled, remaining, avgFillPrice, lastFillPrice
//   and reason (why the engine cancelled or refused it), so orderStatus can be
//   encoded without recomputing anything.
// - BrokerEngine.close() stops the engine's tick timer.
// - ManualClock.advanceTo(ms) and ManualClock.pending() for tests.
import type {
  AccountPnl, AccountValue, BarQuery, Contract, ContractDetails, EngineEvents, ExecutionQuery, FillRecord,
  OpenOrderRecord, Order, PlaceResult, PortfolioRow, PositionPnl, PositionRow, Quote, SummaryValue, Bar,
} from './types';
import type { SimClock } from './clock';

export { ManualClock, SystemClock } from './clock';
export type { SimClock } from './clock';
export type * from './types';

export interface EngineOptions {
  seed: number;
  clock: SimClock;
  /** How often the market walks, on the sim clock. Default 250. */
  tickIntervalMs?: number;
  /** Synthetic symbols added to the catalogue (SYN0001...) for load tests. */
  extraSymbols?: number;
  /** How many symbols the margin account holds (default 10); beyond the catalogue, synthetic ones. */
  heldSymbols?: number;
}

// Being replaced by `export class BrokerEngine` (same members) in the next commit.
export interface BrokerEngine {
  readonly accounts: string[];
  findContracts(query: Contract): ContractDetails[];
  resolve(contract: Contract): ContractDetails | undefined;
  quote(conId: number): Quote;
  bars(conId: number, q: BarQuery): Bar[];
  accountValues(account: string): AccountValue[];
  accountSummary(account: string): SummaryValue[];
  positions(account?: string): PositionRow[];
  portfolio(account: string): PortfolioRow[];
  pnl(account: string): AccountPnl;
  pnlSingle(account: string, conId: number): PositionPnl | undefined;
  placeOrder(clientId: number, orderId: number, contract: Contract, order: Order): PlaceResult;
  cancelOrder(orderId: number, clientId: number): boolean;
  cancelAll(): void;
  openOrders(forClientId: number | 'all'): OpenOrderRecord[];
  executions(filter: ExecutionQuery): FillRecord[];
  on<E extends keyof EngineEvents>(event: E, fn: EngineEvents[E]): () => void;
  rejectNextOrder(reason?: string): void;
  close(): void;
}
