// Public face of the simulated broker: pure TypeScript, no sockets. The wire
// layer (src/sim/session*.ts) talks to a BrokerEngine only through this file.
//
// Changes from the sketch in the task brief:
// - OpenOrderRecord also carries filled, remaining, avgFillPrice, lastFillPrice
//   and reason (why the engine cancelled or refused it), so orderStatus can be
//   encoded without recomputing anything.
// - BrokerEngine.close() stops the engine's tick timer.
// - ManualClock.advanceTo(ms) and ManualClock.pending() for tests.
// - BrokerEngine.gap(conId, price): the price jumps now (scenario control for tests and demos).
// - EngineOptions.marketHours: 'us-equities' (default) or 'always-open' (demo on a weekend).
export { ManualClock, SystemClock } from './clock';
export type { SimClock } from './clock';
export { BrokerEngine } from './broker-engine';
export type { EngineOptions } from './broker-engine';
export { MARGIN_ACCOUNT, CASH_ACCOUNT } from './accounts';
export type { MarketHours } from './trading-hours';
export { BROKER_STATE_VERSION, BrokerState, countersOnly } from './broker-state';
export type * from './types';
