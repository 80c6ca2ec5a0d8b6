import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSim } from './support/spawn-sim';

// Issue #14's memory budget: the backend built as it ships (bundled by
// electron-vite with the main process's settings, run by plain Node, not
// tsx), with 2,000 positions, 100,000 audit rows and 10,000 drafts. RSS and
// heap after start and through an hour of streaming at 2,000 ticks a second
// in simulated time. Target: RSS < 150 MB and no growth.

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const POSITIONS = Number(process.env['BENCH_POSITIONS'] ?? 2000);

const built = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--config', path.join(here, 'support/backend-bundle.config.ts')], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'pipe'],
});
if (built.status !== 0) throw new Error(`Could not bundle the backend for the memory bench: ${built.stderr}`);

interface Sample {
  simMinutes: number;
  rssMB: number;
  heapMB: number;
  heapTotalMB: number;
  externalMB: number;
}
interface Result {
  seedMs: number;
  beforeStart: Sample;
  afterCreate: Sample;
  afterStart: Sample;
  samples: Sample[];
  positions: number;
  ticks: number;
  streamMs: number;
  serialisedMB: number;
}

const bundle = path.join(root, 'out/bench/memory-backend.js');
const dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-memory-'));

async function runBundle(mode: 'seed' | 'run', env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--expose-gc', bundle, mode], {
    cwd: root,
    env: { ...process.env, ...env, BENCH_DATA: dataDirectory, BENCH_POSITIONS: String(POSITIONS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`The bundled backend (${mode}) exited with ${code}.`);
  return output.trim().split('\n').at(-1) ?? '{}';
}

const { seedMs } = JSON.parse(await runBundle('seed', {})) as { seedMs: number };
// The gateway sends its first quotes and then stays quiet: the 2,000 ticks a second are the bench's own.
const gateway = await spawnSim(POSITIONS, 3_600_000);
const result = { seedMs, ...(JSON.parse(await runBundle('run', { BENCH_GATEWAY: JSON.stringify({ host: gateway.host, port: gateway.port }) })) as Omit<Result, 'seedMs'>) };
await gateway.close();
rmSync(dataDirectory, { recursive: true, force: true });
// The audit chain's key file lives beside the data directory.
rmSync(`${dataDirectory}.audit-key`, { force: true });

const warm = result.samples[1] ?? result.afterStart;
const last = result.samples.at(-1) ?? result.afterStart;
const peakRss = Math.max(...result.samples.map((s) => s.rssMB));
const heapGrowth = last.heapMB - warm.heapMB;
const rssGrowth = last.rssMB - warm.rssMB;
const minutes = last.simMinutes;
process.stdout.write(
  [
    `store seeded:                     10,000 drafts, 100,000 audit rows in ${(result.seedMs / 1000).toFixed(1)} s; ${result.positions} positions held`,
    `bundle loaded, before start:      RSS ${result.beforeStart.rssMB} MB, heap ${result.beforeStart.heapMB} MB`,
    `backend built (store open):       RSS ${result.afterCreate.rssMB} MB, heap ${result.afterCreate.heapMB} MB`,
    `after start (synced, GC):         RSS ${result.afterStart.rssMB} MB, heap ${result.afterStart.heapMB} MB (target RSS < 150)`,
    `streaming ${result.ticks.toLocaleString('en-US')} ticks (${minutes} simulated min at 2,000/s) in ${(result.streamMs / 1000).toFixed(0)} s real, ${result.serialisedMB} MB serialised to the window`,
    ...result.samples.map((s) => `  at ${String(s.simMinutes).padStart(2)} min:  RSS ${s.rssMB} MB, heap used ${s.heapMB} MB of ${s.heapTotalMB} MB held, external ${s.externalMB} MB`),
    `peak RSS while streaming:         ${peakRss} MB (target < 150)`,
    `growth from 5 min to ${minutes} min:      heap ${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(1)} MB, RSS ${rssGrowth >= 0 ? '+' : ''}${rssGrowth.toFixed(1)} MB (target: none; heap within ±2 MB)`,
    '',
  ].join('\n'),
);
process.exit(0);
