// The simulator's memory with every asset class loaded and in use: one real
// client asks for contract details, quotes, depth, tick-by-tick, real-time
// bars and history across US stocks and ETFs, MLPs and ADRs, indices,
// futures, forex, foreign stocks, crypto and a 2,000-option chain, and keeps
// orders of each class working while the market walks for a while. The
// simulator runs in its own process; its resident set is sampled throughout.
// Budget: under 200 MB RSS.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BarSizeSetting, EventName, IBApi, OrderAction, OrderType, SecType, TickByTickDataType, WhatToShow, type Contract, type ContractDetails } from '@stoqey/ib';
import { Catalogue, contractOf } from '../src/sim/engine/catalogue';
import { worldListings } from '../src/sim/engine/world-catalogue';
import { WEDNESDAY_11_EASTERN } from '../test/support/trading-hours-clock';

const BUDGET_MB = 200;
const RUN_MS = 12_000;
const OPTIONS = Number(process.env.OPTS ?? 2000);
const here = path.dirname(fileURLToPath(import.meta.url));

const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'support', 'memory-sim-process.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines: string[] = [];
let pending = '';
const waiters: ((line: string) => void)[] = [];
child.stdout.on('data', (chunk: Buffer) => {
  pending += chunk.toString();
  let nl;
  while ((nl = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, nl);
    pending = pending.slice(nl + 1);
    const w = waiters.shift();
    if (w) w(line);
    else lines.push(line);
  }
});
const nextLine = (): Promise<string> => new Promise((resolve) => {
  const ready = lines.shift();
  if (ready !== undefined) resolve(ready);
  else waiters.push(resolve);
});
let heapPeak = 0;
async function sampleRss(): Promise<number> {
  child.stdin.write('rss\n');
  const m = JSON.parse(await nextLine()) as { rss: number; heapUsed: number };
  heapPeak = Math.max(heapPeak, m.heapUsed / 1024 / 1024);
  return m.rss / 1024 / 1024;
}

const { host, port } = JSON.parse(await nextLine()) as { host: string; port: number };
const ib = new IBApi({ host, port, clientId: 1, maxReqPerSec: 100_000 });
ib.on(EventName.error, () => {});
const bus = ib as unknown as NodeJS.EventEmitter;
function once<T extends unknown[]>(event: EventName, match: (...args: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
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
const idle = await sampleRss();

// Every instrument the catalogue lists, US and world alike.
const catalogue = new Catalogue();
catalogue.addWorld(worldListings(WEDNESDAY_11_EASTERN));
const instruments: Contract[] = catalogue.listings.map((l) => ({ ...contractOf(l), exchange: contractOf(l).exchange || 'SMART' }));
let reqId = 10;
let detailsEnds = 0;
bus.on(EventName.contractDetailsEnd, () => detailsEnds++);
for (const c of instruments) ib.reqContractDetails(reqId++, { conId: c.conId, exchange: c.exchange });
for (const c of instruments) ib.reqMktData(reqId++, { conId: c.conId, exchange: c.exchange }, '', false, false);
for (const c of instruments.filter((x) => x.secType !== 'IND').slice(0, 40)) ib.reqMktDepth(reqId++, { conId: c.conId, exchange: c.exchange }, 10, c.secType === 'STK');
for (const c of instruments.filter((x) => x.secType !== 'CASH').slice(0, 20)) ib.reqTickByTickData(reqId++, { conId: c.conId, exchange: c.exchange }, TickByTickDataType.AllLast, 0, false);
for (const c of instruments.slice(0, 40)) ib.reqRealTimeBars(reqId++, { conId: c.conId, exchange: c.exchange }, 5, c.secType === 'CASH' ? WhatToShow.MIDPOINT : WhatToShow.TRADES, false);
let histories = 0;
bus.on(EventName.historicalData, (_id: number, date: string) => { if (date.startsWith('finished')) histories++; });
for (const c of instruments) ib.reqHistoricalData(reqId++, { conId: c.conId, exchange: c.exchange }, '', '1 Y', BarSizeSetting.DAYS_ONE, c.secType === 'CASH' ? WhatToShow.MIDPOINT : WhatToShow.TRADES, 0, 1, false);
for (const c of instruments.slice(0, 20)) ib.reqHistoricalData(reqId++, { conId: c.conId, exchange: c.exchange }, '', '1 D', BarSizeSetting.SECONDS_FIVE, c.secType === 'CASH' ? WhatToShow.MIDPOINT : WhatToShow.TRADES, 0, 1, false);

// A 2,000-option SPY chain, every line quoted.
let expirations: string[] = [];
bus.on(EventName.securityDefinitionOptionParameter, (_id: number, ex: string, _u: number, _tc: string, _m: number, exps: string[]) => { if (ex === 'SMART') expirations = exps; });
const chainDone = once(EventName.securityDefinitionOptionParameterEnd, () => true);
ib.reqSecDefOptParams(1, 'SPY', '', SecType.STK, 756733);
await chainDone;
const options: number[] = [];
bus.on(EventName.contractDetails, (_id: number, d: ContractDetails) => { if (d.contract.secType === 'OPT' && d.contract.conId) options.push(d.contract.conId); });
for (let i = 0; options.length < OPTIONS && i < expirations.length; i++) {
  const id = reqId++;
  const end = once<[number]>(EventName.contractDetailsEnd, (x) => x === id);
  ib.reqContractDetails(id, { symbol: 'SPY', secType: SecType.OPT, exchange: 'SMART', currency: 'USD', lastTradeDateOrContractMonth: expirations[i] });
  await end;
}
for (const conId of options.slice(0, OPTIONS)) ib.reqMktData(reqId++, { conId, exchange: 'SMART' }, '', false, false);

// Orders of every class, resting away from the market, and a what-if for each.
let orderId = 1;
const rest = (c: Contract, qty: number, lmt: number): void => {
  ib.placeOrder(orderId++, c, { action: OrderAction.BUY, totalQuantity: qty, orderType: OrderType.MKT, whatIf: true, transmit: true });
  ib.placeOrder(orderId++, c, { action: OrderAction.BUY, totalQuantity: qty, orderType: OrderType.LMT, lmtPrice: lmt, tif: 'GTC' as never, transmit: true });
};
for (const c of instruments.filter((x) => x.secType !== 'IND')) {
  const tick = c.secType === 'FUT' ? 0.25 : c.secType === 'CASH' ? 0.0001 : c.currency === 'JPY' ? 1 : 0.01;
  rest({ conId: c.conId, exchange: c.exchange }, c.secType === 'CASH' ? 25_000 : c.secType === 'CRYPTO' ? 0.01 : 1, c.secType === 'CASH' ? 0.5 : tick * Math.max(1, Math.round(1 / tick)));
}
for (const conId of options.slice(0, 50)) rest({ conId, exchange: 'SMART' }, 1, 0.01);

// Let the market walk with everything subscribed, sampling the simulator's memory.
let peak = 0;
const started = performance.now();
while (performance.now() - started < RUN_MS) {
  await new Promise((r) => setTimeout(r, 1000));
  peak = Math.max(peak, await sampleRss());
}
const settled = await sampleRss();

process.stdout.write(`instruments: ${instruments.length} catalogue lines (${[...new Set(instruments.map((c) => c.secType))].join(', ')}) + ${Math.min(OPTIONS, options.length)} SPY options quoted; ` +
  `${detailsEnds} details answers, ${histories} histories, ${orderId - 1} orders and what-ifs\n`);
process.stdout.write(`simulator RSS: idle ${idle.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, after ${RUN_MS / 1000} s ${settled.toFixed(0)} MB, heap peak ${heapPeak.toFixed(0)} MB (budget ${BUDGET_MB} MB)${peak < BUDGET_MB ? '' : '  OVER BUDGET'}\n`);
ib.disconnect();
child.kill('SIGTERM');
process.exit(peak < BUDGET_MB ? 0 : 1);
