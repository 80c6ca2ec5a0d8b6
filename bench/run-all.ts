import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm run bench`: runs every bench/*.bench.ts in its own Node process, one
// after the other (so they do not compete for the two cores), and lets each
// print its own figures. A name on the command line runs only that bench.

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

if (benches.length === 0) {
  process.stdout.write(only.length ? `No bench matches ${only.join(', ')}.\n` : 'No benchmarks in bench/.\n');
}

let failed = 0;
for (const bench of benches) {
  process.stdout.write(`\n== ${bench} ==\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, bench)], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
