import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventName } from '@stoqey/ib';
import { createBackend } from '../../src/main/backend';
import { createDraft, transition } from '../../src/main/approvals/lifecycle';
import { openStore } from '../../src/main/store/open-store';
import type { BrokerSession } from '../../src/main/broker/broker-session';
import type { RiskVerdict } from '../../src/shared/draft';

// Runs inside the bundled backend (see backend-bundle.config.ts). `seed`
// fills a store with 10,000 drafts and 100,000 audit rows; `run` starts the backend
// against the demo gateway holding 2,000 positions, then streams an hour of
// ticks at 2,000 a second in simulated time (the clocks jump 100 ms per batch
// of 200 ticks, and the portfolio is flushed to a subscriber that serialises
// it as the window would). Prints one JSON line of samples.

const DRAFTS = Number(process.env['BENCH_DRAFTS'] ?? 10_000);
const ROWS_PER_DRAFT = 10;
const POSITIONS = Number(process.env['BENCH_POSITIONS'] ?? 2000);
const MINUTES = Number(process.env['BENCH_SIM_MINUTES'] ?? 60);
const TICKS_PER_SECOND = 2000;
const BATCH_MS = 100;
const gateway = JSON.parse(process.env['BENCH_GATEWAY'] ?? '{}') as { host: string; port: number };
const gc = (globalThis as { gc?: () => void }).gc;

// Wednesday 2026-11-18 11:00 US/Eastern: regular hours, far from IB's reset window.
const START = Date.UTC(2026, 10, 18, 16, 0, 0);
const origin = performance.now();
let jumped = 0;
const monotonic = (): number => performance.now() - origin + jumped;
const now = (): number => START + Math.floor(monotonic());

const pass: RiskVerdict = { check: 'price-collar', label: 'Price collar', outcome: 'pass', explanation: 'Within 5%.' };

function seed(dataDirectory: string): void {
  const store = openStore(dataDirectory, undefined, { now });
  let at = now() - 30 * 86_400_000;
  const chunk = 250;
  for (let start = 0; start < DRAFTS; start += chunk) {
    store.db.transaction(() => {
      for (let i = start; i < Math.min(DRAFTS, start + chunk); i += 1) {
        let draft = createDraft(
          {
            account: 'DU1234567',
            contract: { symbol: 'AAPL', secType: 'STK' },
            order: { side: i % 2 ? 'BUY' : 'SELL', quantity: 1 + (i % 50), orderType: 'LMT', limitPrice: 150 + (i % 40) },
            author: i % 3 ? 'claude' : 'person',
            rationale: `Seeded draft ${i} for the memory bench.`,
            risks: [],
          },
          (at += 1000),
        );
        store.drafts.insert(draft, { actor: 'claude', at, action: 'draft.created' });
        for (let k = 1; k < ROWS_PER_DRAFT - 1; k += 1) {
          const next = transition(draft, 'pending', { now: (at += 1), verdicts: [pass] });
          store.drafts.save(draft, next, { actor: 'system', at, action: 'draft.rechecked', details: { verdicts: [pass] } });
          draft = next;
        }
        // All but the newest few are history; those few wait in the queue.
        if (i < DRAFTS - 20) {
          const closed = transition(draft, 'rejected', { now: (at += 1) });
          store.drafts.save(draft, closed, { actor: 'person', at, action: 'draft.rejected' });
        } else {
          const checked = transition(draft, 'pending', { now: (at += 1), verdicts: [pass] });
          store.drafts.save(draft, checked, { actor: 'system', at, action: 'draft.rechecked', details: { verdicts: [pass] } });
        }
      }
    })();
  }
  store.close();
}

interface Sample {
  simMinutes: number;
  rssMB: number;
  heapMB: number;
  /** What V8 holds from the system for its heap, used or not. */
  heapTotalMB: number;
  /** Outside the JS heap: Buffers and the like (SQLite's own memory is in neither). */
  externalMB: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;
function sample(simMinutes: number): Sample {
  gc?.();
  const usage = process.memoryUsage();
  return { simMinutes, rssMB: mb(usage.rss), heapMB: mb(usage.heapUsed), heapTotalMB: mb(usage.heapTotal), externalMB: mb(usage.external) };
}

// Two processes: one seeds the store, a fresh one runs the backend on it, so
// the figures carry nothing of the seeding.
const dataDirectory = process.env['BENCH_DATA'] ?? mkdtempSync(path.join(os.tmpdir(), 'countersign-memory-'));
if (process.argv[2] === 'seed') {
  const seedStarted = performance.now();
  seed(dataDirectory);
  process.stdout.write(`${JSON.stringify({ seedMs: performance.now() - seedStarted })}\n`);
  process.exit(0);
}
const beforeStart = sample(0);

const backend = createBackend({
  dataDirectory,
  host: 'harness',
  version: 'bench',
  log: { info: () => {}, warn: () => {}, error: (message) => process.stderr.write(`${message}\n`) },
  now,
  monotonic,
  startDemoGateway: async () => ({ ...gateway, close: async () => {} }),
});
const afterCreate = sample(0);
let serialisedBytes = 0;
backend.events.subscribe((_name, payload) => {
  serialisedBytes += JSON.stringify(payload).length;
});
await backend.start();
const session = backend.broker.current as BrokerSession;
const deadline = performance.now() + 120_000;
while ((!session.isReady || (backend.broker.portfolio()?.positions.length ?? 0) < POSITIONS) && performance.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const positions = backend.broker.portfolio()?.positions.length ?? 0;
const afterStart = sample(0);

// The subscriptions the session holds, by request id: ticks go in where the socket's would.
const internals = session as unknown as { link: { api: { emit(event: string, ...args: unknown[]): boolean } }; marketData: { byReqId: Map<number, unknown> } };
const reqIds = [...internals.marketData.byReqId.keys()];
const stream = (backend.broker as unknown as { stream: { flush(): void } }).stream;
const api = internals.link.api;
const perBatch = (TICKS_PER_SECOND * BATCH_MS) / 1000;
const batches = (MINUTES * 60_000) / BATCH_MS;
const samples: Sample[] = [afterStart];
const streamStarted = performance.now();
let tick = 0;
for (let batch = 1; batch <= batches; batch += 1) {
  for (let i = 0; i < perBatch; i += 1, tick += 1) {
    const reqId = reqIds[(tick * 7919) % reqIds.length] as number;
    const tickType = [1, 2, 4][tick % 3] as number;
    api.emit(EventName.tickPrice, reqId, tickType, 100 + ((tick % 1000) / 100), {});
  }
  jumped += BATCH_MS;
  stream.flush();
  // Let the backend's own timers and the socket run between simulated batches.
  if (batch % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  if (batch % ((5 * 60_000) / BATCH_MS) === 0) samples.push(sample((batch * BATCH_MS) / 60_000));
}
const streamMs = performance.now() - streamStarted;
if (process.env['BENCH_DETAIL']) {
  const { readFileSync } = await import('node:fs');
  const v8 = await import('node:v8');
  process.stderr.write(readFileSync('/proc/self/smaps_rollup', 'utf8'));
  for (const space of v8.getHeapSpaceStatistics()) process.stderr.write(`${space.space_name} ${mb(space.space_size)} used ${mb(space.space_used_size)}\n`);
}

process.stdout.write(
  `${JSON.stringify({ beforeStart, afterCreate, afterStart, samples, positions, ticks: tick, streamMs, serialisedMB: mb(serialisedBytes), reqIds: reqIds.length })}\n`,
);
await backend.stop();
process.exit(0);
