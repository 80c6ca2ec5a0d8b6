import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../src/main/backend';
import type { AuditKeySource } from '../../../src/main/store/audit-key';
import { auditKeyFilePath } from '../../../src/main/store/audit-key';
import { appendAudit } from '../../../src/main/store/audit-log';
import { dispatchCall } from '../../../src/main/ipc/dispatch';
import type { AuditStatus } from '../../../src/shared/queue';
import { cutTail } from '../../support/tamper-audit';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

function backendOn(dataDirectory: string, auditKey?: AuditKeySource) {
  return createBackend({ dataDirectory, host: 'harness', version: 'test', log: quiet, connectOnStart: false, now: new TradingHoursClock().read, ...(auditKey ? { auditKey } : {}) });
}

function memoryKey(): AuditKeySource {
  const key = randomBytes(32);
  return { location: 'the test’s memory', obtain: () => key };
}

function dataDirectory(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-audit-')), 'data');
}

describe('the audit chain as the person sees it', () => {
  it('reports a log cut while the app was closed in AppInfo, from the first call', async () => {
    const dir = dataDirectory();
    const key = memoryKey();
    const first = backendOn(dir, key);
    for (let n = 0; n < 4; n++) await first.handlers.haltTrading(undefined);
    await first.stop();
    cutTail(dir, 1);

    const second = backendOn(dir, key);
    const info = await dispatchCall(second.handlers, 'getAppInfo', undefined, quiet);
    expect(info).toMatchObject({ ok: true, value: { auditProblem: expect.stringMatching(/missing: the log was cut/) as string } });
    const verification = await dispatchCall(second.handlers, 'verifyAudit', undefined, quiet);
    expect(verification).toMatchObject({ ok: true, value: { ok: false } });
    await second.stop();
    // The key came from the injected source: no key file was written beside the data directory.
    expect(fs.existsSync(auditKeyFilePath(dir))).toBe(false);
  });

  it('sends an auditStatus event when a burst of writes finds the log cut underneath the running app', async () => {
    const dir = dataDirectory();
    const backend = backendOn(dir);
    const statuses: AuditStatus[] = [];
    backend.events.subscribe((name, payload) => {
      if (name === 'auditStatus') statuses.push(payload as AuditStatus);
    });
    await backend.start();
    const info = await dispatchCall(backend.handlers, 'getAppInfo', undefined, quiet);
    expect(info).toMatchObject({ ok: true });
    expect((info as { value: { auditProblem?: string } }).value.auditProblem).toBeUndefined();
    for (let n = 0; n < 3; n++) await backend.handlers.haltTrading(undefined);
    const store = backend.store!;
    await waitFor(() => statuses.some((s) => s.ok && s.rows >= 3), 'the burst to be verified');
    cutTail(dir, 1);
    appendAudit(store.db, { at: Date.now(), actor: 'system', action: 'tick', details: {} });
    const broken = await waitFor(() => statuses.find((s) => !s.ok), 'the auditStatus event');
    expect(broken.problem).toMatch(/recorded outside the database|missing/);
    expect(await dispatchCall(backend.handlers, 'getAppInfo', undefined, quiet)).toMatchObject({ value: { auditProblem: broken.problem } });
    await backend.stop();
  });
});
