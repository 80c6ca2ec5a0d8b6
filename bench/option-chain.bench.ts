// A 2,000-option chain with quotes and greeks for every strike, served to one
// real client: how long from the first market data request until every line
// has its bid, ask and model computation, and the simulator's memory with
// every asset class loaded. Budget: under 1 s, under 200 MB RSS.
// Pacing is off: at IB's 50 requests a second the requests alone would take 40 s.
import { EventName, IBApi, SecType, type ContractDetails } from '@stoqey/ib';
import { ManualClock } from '../src/sim/engine';
import { startSimGateway } from '../src/sim/index';

const OPTIONS = 2000;
/** Wednesday 2024-01-03 10:00 New York: regular trading hours. */
const clock = new ManualClock(Date.UTC(2024, 0, 3, 15, 0, 0));
const sim = await startSimGateway({ port: 0, seed: 7, clock, pacing: false });
const ib = new IBApi({ host: sim.host, port: sim.port, clientId: 1, maxReqPerSec: 100_000 });
ib.on(EventName.error, () => {});

function once<T extends unknown[]>(event: EventName, match: (...args: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const bus = ib as unknown as NodeJS.EventEmitter;
    const handler = (...args: unknown[]): void => {
      if (!match(...(args as T))) return;
      bus.off(event, handler);
      resolve(args as T);
    };
    bus.on(event, handler);
  });
}

const ready = once(EventName.nextValidId, () => true);
ib.connect();
await ready;

const chainDone = once(EventName.securityDefinitionOptionParameterEnd, () => true);
let expirations: string[] = [];
(ib as unknown as NodeJS.EventEmitter).on(EventName.securityDefinitionOptionParameter, (_id: number, ex: string, _u: number, _tc: string, _m: number, exps: string[]) => {
  if (ex === 'SMART') expirations = exps;
});
ib.reqSecDefOptParams(1, 'SPY', '', SecType.STK, 756733);
await chainDone;

const conIds: number[] = [];
(ib as unknown as NodeJS.EventEmitter).on(EventName.contractDetails, (_id: number, d: ContractDetails) => {
  if (d.contract.conId) conIds.push(d.contract.conId);
});
for (let i = 0; conIds.length < OPTIONS && i < expirations.length; i++) {
  const end = once<[number]>(EventName.contractDetailsEnd, (id) => id === 100 + i);
  ib.reqContractDetails(100 + i, { symbol: 'SPY', secType: SecType.OPT, exchange: 'SMART', currency: 'USD', lastTradeDateOrContractMonth: expirations[i] });
  await end;
}
const chain = conIds.slice(0, OPTIONS);

const have = new Map<number, number>();
const BID = 1;
const ASK = 2;
const MODEL = 4;
let complete = 0;
const allDone = new Promise<void>((resolve) => {
  const mark = (reqId: number, bit: number): void => {
    const before = have.get(reqId) ?? 0;
    const after = before | bit;
    if (after === before) return;
    have.set(reqId, after);
    if (after === (BID | ASK | MODEL) && ++complete === chain.length) resolve();
  };
  const bus = ib as unknown as NodeJS.EventEmitter;
  bus.on(EventName.tickPrice, (id: number, type: number) => (type === 1 ? mark(id, BID) : type === 2 ? mark(id, ASK) : undefined));
  bus.on(EventName.tickOptionComputation, (id: number, type: number) => (type === 13 ? mark(id, MODEL) : undefined));
});

const started = performance.now();
chain.forEach((conId, k) => ib.reqMktData(1000 + k, { conId, exchange: 'SMART' }, '', false, false));
await allDone;
const elapsed = performance.now() - started;
const rss = process.memoryUsage().rss / 1024 / 1024;

process.stdout.write(`option chain: ${chain.length} SPY options across ${new Set(chain.map((c) => Math.floor(c / 256))).size} expiries, quotes and greeks for every line in ${elapsed.toFixed(0)} ms (budget 1000 ms)\n`);
process.stdout.write(`simulator + client RSS with every asset class loaded: ${rss.toFixed(0)} MB (budget 200 MB)\n`);
ib.disconnect();
await sim.close();
process.exit(0);
