import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createBackend } from '../src/main/backend';
import { startHarness } from '../src/harness/harness-server';
import { launchChromium } from '../test/e2e/support/chromium';
import { TradingHoursClock } from '../test/support/trading-hours-clock';
import { spawnSim } from './support/spawn-sim';

// The production renderer (`npm run bench` builds it): its size, what loads
// before the first positions, and the time from page load to the first
// positions on screen in Chromium (target < 500 ms), with the backend
// already synced so the figure is the renderer's own.

const HELD = Number(process.env['BENCH_HELD'] ?? 500);
const LOADS = Number(process.env['BENCH_LOADS'] ?? 7);
const here = path.dirname(fileURLToPath(import.meta.url));
const assets = path.resolve(here, '../out/renderer/assets');

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} kB`;
const files = readdirSync(assets).map((name) => {
  const bytes = statSync(path.join(assets, name)).size;
  return { name, bytes, gzip: gzipSync(readFileSync(path.join(assets, name))).length };
});
const total = files.reduce((sum, f) => sum + f.bytes, 0);
const entry = files.filter((f) => f.name.startsWith('index-'));
const entryBytes = entry.reduce((sum, f) => sum + f.bytes, 0);
const entryGzip = entry.reduce((sum, f) => sum + f.gzip, 0);

const gateway = await spawnSim(HELD);
const dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-'));
const backend = createBackend({
  dataDirectory,
  host: 'harness',
  version: 'bench',
  log: { info: () => {}, warn: () => {}, error: (m) => process.stderr.write(`${m}\n`) },
  now: new TradingHoursClock().read,
  startDemoGateway: async () => gateway,
});
await backend.start();
const harness = await startHarness({ backend });
const browser = await launchChromium();

// One warm-up load (Chromium's own start), then the measured ones.
const loads: number[] = [];
const loadedScripts: string[][] = [];
for (let i = 0; i <= LOADS; i += 1) {
  const page = await browser.newPage();
  await page.addInitScript(`(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="position-row"]')) {
        window.__firstPositions = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  })()`);
  await page.goto(harness.url);
  await page.getByTestId('position-row').first().waitFor({ timeout: 30_000 });
  const at = Number(await page.evaluate('window.__firstPositions'));
  const scripts = (await page.evaluate(
    `performance.getEntriesByType('resource').filter((e) => e.responseEnd <= window.__firstPositions && e.name.endsWith('.js')).map((e) => e.name.split('/').pop())`,
  )) as string[];
  if (i > 0) {
    loads.push(at);
    loadedScripts.push(scripts);
  }
  await page.close();
}
loads.sort((a, b) => a - b);
const median = loads[Math.floor(loads.length / 2)] ?? NaN;
const before = [...new Set(loadedScripts.flat())].filter((name) => !name.startsWith('bridge'));

process.stdout.write(
  [
    `renderer bundle (minified):             ${kb(total)} in ${files.length} files; entry ${kb(entryBytes)} (${kb(entryGzip)} gzip)`,
    ...files.sort((a, b) => b.bytes - a.bytes).map((f) => `  ${f.name.padEnd(36)} ${kb(f.bytes).padStart(7)}  (${kb(f.gzip)} gzip)`),
    `scripts loaded before first positions:  ${before.join(', ') || '(none listed)'}`,
    `machine load average (1 min):           ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
    `page load -> first positions (Chromium): median ${median.toFixed(0)} ms, best ${loads[0]?.toFixed(0)} ms, worst ${loads.at(-1)?.toFixed(0)} ms over ${LOADS} loads, ${HELD} positions (target < 500)`,
    '',
  ].join('\n'),
);

await browser.close();
await harness.close();
await backend.stop();
await gateway.close();
rmSync(dataDirectory, { recursive: true, force: true });
process.exit(0);
