import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend } from '../main/backend';
import { systemWallClock } from '../main/clock';
import { startHarness } from './harness-server';

// `npm run dev:web`: the backend in this Node process, the renderer in any
// browser on this machine. Development only.

const dataDirectory = process.env['COUNTERSIGN_DATA_DIR'] ?? mkdtempSync(path.join(os.tmpdir(), 'countersign-web-'));
const backend = createBackend({ dataDirectory, host: 'harness', version: process.env['npm_package_version'] ?? 'dev', now: systemWallClock });
await backend.start();
const harness = await startHarness({ backend, port: Number(process.env['COUNTERSIGN_HARNESS_PORT'] ?? 0) });

process.stdout.write(`Countersign harness running. Data: ${dataDirectory}\nOpen: ${harness.url}\n`);

const shutdown = async (): Promise<void> => {
  await harness.close();
  await backend.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
