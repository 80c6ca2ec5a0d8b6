import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../../src/main/backend';
import { CallFailure } from '../../../src/main/ipc/call-error';
import { dispatchCall } from '../../../src/main/ipc/dispatch';
import { TradingHoursClock } from '../../support/trading-hours-clock';

function backend() {
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const instance = createBackend({
    dataDirectory: mkdtempSync(path.join(os.tmpdir(), 'countersign-dispatch-')),
    host: 'harness',
    version: 'test',
    log,
    now: new TradingHoursClock().read,
  });
  return { instance, log };
}

describe('dispatching a call', () => {
  it('refuses names the contract does not list, including inherited ones', async () => {
    const { instance, log } = backend();
    for (const name of ['__proto__', 'constructor', 'toString', 42, undefined]) {
      expect(await dispatchCall(instance.handlers, name, undefined, log)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    }
  });

  it('turns a CallFailure into its typed error', async () => {
    const { instance, log } = backend();
    instance.handlers.getSettings = () => {
      throw new CallFailure('unavailable', 'The settings store is not open yet.');
    };
    expect(await dispatchCall(instance.handlers, 'getSettings', undefined, log)).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'The settings store is not open yet.' },
    });
  });

  it('hides the details of an unexpected failure from the renderer but logs it', async () => {
    const { instance, log } = backend();
    instance.handlers.getSettings = () => {
      throw new Error('disk I/O error at /home/me/secret/path');
    };
    const result = await dispatchCall(instance.handlers, 'getSettings', undefined, log);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('/home/me');
    expect(log.error).toHaveBeenCalled();
  });

  it('strips fields the contract does not declare from a response', async () => {
    const { instance, log } = backend();
    const original = instance.handlers.getAppInfo;
    instance.handlers.getAppInfo = async () => ({ ...(await original(undefined)), apiKey: 'sk-ant-canary' }) as never;
    const result = await dispatchCall(instance.handlers, 'getAppInfo', undefined, log);
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('sk-ant-canary');
  });
});
