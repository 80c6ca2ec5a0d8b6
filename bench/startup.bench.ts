import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../src/main/backend';
import { startHarness } from '../src/harness/harness-server';
import { launchChromium } from '../test/e2e/support/chromium';
import { TradingHoursClock } from '../test/support/trading-hours-clock';

// Start-up to the first positions against the demo gateway (target < 300 ms):
//  1. the backend bundled as it ships, run by plain Node: backend.start() to
//     the first positions handed to the window, cold (the process's first
//     start) and warm, with the phases in between;
//  2. the same start-up seen in Chromium: the production renderer already
//     open on the harness, backend.start() to the first position row on
//     screen. The harness runs under tsx, so the simulator's code is loaded
//     (as the app's preload does) before the clock starts.

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);

const built = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--config', path.join(here, 'support/backend-bundle.config.ts')], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'pipe'],
});
if (built.status !== 0) throw new Error(`Could not bundle the backend for the start-up bench: ${built.stderr}`);
const bundled = spawnSync(process.execPath, [path.join(root, 'out/bench/startup-backend.js')], { cwd: root, env: { ...process.env, BENCH_RUNS: String(RUNS) }, encoding: 'utf8' });
if (bundled.status !== 0) throw new Error(`The bundled start-up run failed: ${bundled.stderr}`);
const runs = JSON.parse(bundled.stdout.trim().split('\n').at(-1) ?? '[]') as Record<string, number>[];

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ms = (value: number | undefined): string => (value === undefined ? '-' : `${value.toFixed(0)} ms`);
const cold = runs[0] ?? {};
const warm = runs.slice(1);
const phases = ['connecting', 'syncing', 'ready', 'first positions'];

// On screen, through the harness and Chromium.
await import('../src/sim/index');
const onScreen: number[] = [];
const browser = await launchChromium();
for (let run = 0; run < Math.min(RUNS, 5); run += 1) {
  const dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-startup-'));
  const backend = createBackend({
    dataDirectory,
    host: 'harness',
    version: 'bench',
    log: { info: () => {}, warn: () => {}, error: (m) => process.stderr.write(`${m}\n`) },
    now: new TradingHoursClock().read,
  });
  const harness = await startHarness({ backend });
  const page = await browser.newPage();
  await page.goto(harness.url);
  await page.getByTestId('positions-pane').waitFor();
  const started = performance.now();
  await backend.start();
  await page.getByTestId('position-row').first().waitFor({ timeout: 30_000 });
  onScreen.push(performance.now() - started);
  await page.close();
  await harness.close();
  await backend.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
  rmSync(`${dataDirectory}.audit-key`, { force: true });
}
await browser.close();

process.stdout.write(
  [
    `bundled backend, demo gateway in-process: backend.start() -> first positions handed to the window (target < 300 ms)`,
    `  cold (first start in the process):  ${ms(cold['first positions'])}  [${phases.map((p) => `${p} ${ms(cold[p])}`).join(', ')}]`,
    `  warm (median of ${warm.length}):              ${ms(median(warm.map((r) => r['first positions'] ?? NaN)))}  [${phases.map((p) => `${p} ${ms(median(warm.map((r) => r[p] ?? NaN)))}`).join(', ')}]`,
    `  backend built (store opened, before start): cold ${ms(cold['created'])}, warm median ${ms(median(warm.map((r) => r['created'] ?? NaN)))}`,
    `in Chromium: backend.start() -> first position row on screen: median ${ms(median(onScreen))}, best ${ms(Math.min(...onScreen))}, worst ${ms(Math.max(...onScreen))} over ${onScreen.length} (target < 300 ms)`,
    `machine load average (1 min): ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
    '',
  ].join('\n'),
);
process.exit(0);
