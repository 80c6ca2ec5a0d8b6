import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend } from '../../src/main/backend';
import type { PortfolioDelta } from '../../src/shared/portfolio';
import type { SessionState } from '../../src/shared/session';

// Runs inside the bundled backend (see backend-bundle.config.ts): start-up
// as the app does it, against the demo gateway it starts in-process, from
// backend.start() to the first positions handed to the window. Each run has
// a fresh data directory. Prints one JSON line: the phases of every run.

const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);
const START = Date.UTC(2026, 10, 18, 16, 0, 0);
const origin = performance.now();
const now = (): number => START + Math.floor(performance.now() - origin);

function hasPositions(delta: PortfolioDelta): boolean {
  return (delta.positions?.length ?? 0) > 0 || (delta.reset?.positions.length ?? 0) > 0;
}

const runs: Record<string, number>[] = [];
for (let run = 0; run < RUNS; run += 1) {
  const dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-startup-'));
  const createStarted = performance.now();
  const backend = createBackend({
    dataDirectory,
    host: 'harness',
    version: 'bench',
    log: { info: () => {}, warn: () => {}, error: (message) => process.stderr.write(`${message}\n`) },
    now,
  });
  const marks: Record<string, number> = { created: performance.now() - createStarted };
  let started = 0;
  let resolveFirst: () => void = () => {};
  const first = new Promise<void>((resolve) => (resolveFirst = resolve));
  backend.events.subscribe((name, payload) => {
    const at = performance.now() - started;
    if (name === 'sessionState') {
      const phase = (payload as SessionState).phase;
      if (marks[phase] === undefined && started) marks[phase] = at;
    }
    if (name === 'portfolio' && marks['first positions'] === undefined && hasPositions(payload as PortfolioDelta)) {
      JSON.stringify(payload);
      marks['first positions'] = performance.now() - started;
      resolveFirst();
    }
  });
  started = performance.now();
  await backend.start();
  marks['start() returned'] = performance.now() - started;
  await first;
  runs.push(marks);
  await backend.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
  rmSync(`${dataDirectory}.audit-key`, { force: true });
}
process.stdout.write(`${JSON.stringify(runs)}\n`);
process.exit(0);
