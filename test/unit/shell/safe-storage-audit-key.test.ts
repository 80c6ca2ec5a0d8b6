import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../../src/main/backend';
import { dispatchCall } from '../../../src/main/ipc/dispatch';
import type { AuditKeySource } from '../../../src/main/store/audit-key';
import { auditKeyFilePath } from '../../../src/main/store/audit-key';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { fakeSafeStorage } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { openSafeStorageAuditKey, sealedAuditKeyPath } = await import('../../../src/main/shell/safe-storage-audit-key');

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const folders: string[] = [];
function dataDirectory(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-audit-key-'));
  folders.push(folder);
  return path.join(folder, 'data');
}
const backendOn = (dataDirectory: string, auditKey: AuditKeySource) =>
  createBackend({ dataDirectory, host: 'harness', version: 'test', log: quiet, connectOnStart: false, now: new TradingHoursClock().read, auditKey });

// Issue 10, item 12: in the app the audit chain's key lives with the OS keychain.
describe("the app's audit key, sealed by the OS keychain", () => {
  afterEach(() => {
    fakeSafeStorage.backend = 'gnome_libsecret';
    fakeSafeStorage.encryptionAvailable = true;
    fakeSafeStorage.keychainDenies = false;
    for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('is created sealed (no plain key anywhere) and keeps the chain verifiable across a restart', async () => {
    const dir = dataDirectory();
    const first = backendOn(dir, await openSafeStorageAuditKey(dir, 'linux'));
    for (let n = 0; n < 3; n++) await first.handlers.haltTrading(undefined);
    await first.stop();
    expect(fs.existsSync(auditKeyFilePath(dir))).toBe(false);
    const sealed = fs.readFileSync(sealedAuditKeyPath(dir));
    expect(sealed.toString()).toMatch(/^enc:/);
    expect((fs.statSync(sealedAuditKeyPath(dir)).mode & 0o777).toString(8)).toBe('600');

    const second = backendOn(dir, await openSafeStorageAuditKey(dir, 'linux'));
    const verification = await dispatchCall(second.handlers, 'verifyAudit', undefined, quiet);
    expect(verification).toMatchObject({ ok: true, value: { ok: true } });
    await second.stop();
  });

  it('when the keychain refuses to unseal it, the store does not open, says why, and the sealed key is left as it was', async () => {
    const dir = dataDirectory();
    const first = backendOn(dir, await openSafeStorageAuditKey(dir, 'linux'));
    await first.handlers.haltTrading(undefined);
    await first.stop();
    const before = fs.readFileSync(sealedAuditKeyPath(dir));

    fakeSafeStorage.keychainDenies = true;
    const second = backendOn(dir, await openSafeStorageAuditKey(dir, 'linux'));
    const info = await dispatchCall(second.handlers, 'getAppInfo', undefined, quiet);
    expect(JSON.stringify(info)).toMatch(/audit key .* could not be unsealed by the OS keychain/);
    // Nothing can be drafted while the audit log cannot be written.
    expect((await dispatchCall(second.handlers, 'draftFromTicket', { text: 'buy 1 AAPL lmt 100' }, quiet)).ok).toBe(false);
    await second.stop();
    expect(fs.readFileSync(sealedAuditKeyPath(dir)).equals(before)).toBe(true);
    expect(fs.existsSync(auditKeyFilePath(dir))).toBe(false);
  });

  it('without a keychain (Linux basic_text) the key is a 0600 file beside the data directory, as in plain Node', async () => {
    fakeSafeStorage.backend = 'basic_text';
    const dir = dataDirectory();
    const source = await openSafeStorageAuditKey(dir, 'linux');
    expect(source.location).toBe(auditKeyFilePath(dir));
    source.obtain();
    expect(fs.existsSync(sealedAuditKeyPath(dir))).toBe(false);
    expect((fs.statSync(auditKeyFilePath(dir)).mode & 0o777).toString(8)).toBe('600');
  });

  it('a plain key file from an earlier version stays in use: a key that exists is never replaced', async () => {
    const dir = dataDirectory();
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.writeFileSync(auditKeyFilePath(dir), `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    const source = await openSafeStorageAuditKey(dir, 'linux');
    expect(source.obtain().toString('hex')).toBe('ab'.repeat(32));
    expect(fs.existsSync(sealedAuditKeyPath(dir))).toBe(false);
  });
});
