// Starts the backend on a data directory (argv[2]) without a gateway and prints
// what the person would see: AppInfo.storeProblem, or that the store opened.
// Run as another user by read-only-store.test.ts.
import { createBackend } from '../../../../src/main/backend';
import { TradingHoursClock } from '../../../support/trading-hours-clock';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const backend = createBackend({ dataDirectory: process.argv[2]!, host: 'harness', version: 'test', log: quiet, connectOnStart: false, now: new TradingHoursClock().read });
const info = backend.handlers.getAppInfo(undefined) as { storeProblem?: string };
process.stdout.write(JSON.stringify({ storeProblem: info.storeProblem ?? null, desk: backend.desk !== undefined }));
void backend.stop();
