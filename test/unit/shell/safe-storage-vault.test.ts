import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../../src/main/backend';
import { KeyStorageRefused } from '../../../src/main/chat/key-vault';
import { fakeSafeStorage } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { openSafeStorageVault } = await import('../../../src/main/shell/safe-storage-vault');

const CANARY = 'sk-ant-api03-CANARY-0123456789abcdefghij';
const folders: string[] = [];
const keyFile = (): string => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'countersign-vault-'));
  folders.push(folder);
  return path.join(folder, 'claude-key.bin');
};
const silentLog = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

describe('the API key vault', () => {
  afterEach(() => {
    fakeSafeStorage.backend = 'gnome_libsecret';
    fakeSafeStorage.encryptionAvailable = true;
    fakeSafeStorage.keychainDenies = false;
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('keeps the key encrypted on disk with the asynchronous API and reads it back after a restart', async () => {
    const file = keyFile();
    const encrypt = vi.spyOn(fakeSafeStorage, 'encryptStringAsync');
    const vault = await openSafeStorageVault(file, 'linux');
    await vault.save(CANARY);
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect(readFileSync(file).toString()).not.toContain(CANARY);
    expect((await openSafeStorageVault(file, 'linux')).read()).toBe(CANARY);
    vault.clear();
    expect(vault.read()).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    encrypt.mockRestore();
  });

  it("refuses Linux's basic_text backend: no key is stored in plain text", async () => {
    fakeSafeStorage.backend = 'basic_text';
    const vault = await openSafeStorageVault(keyFile(), 'linux');
    expect(vault.available()).toBe(false);
    await expect(async () => vault.save(CANARY)).rejects.toThrow();
  });

  it('refuses when the OS offers no encryption at all', async () => {
    fakeSafeStorage.encryptionAvailable = false;
    expect((await openSafeStorageVault(keyFile(), 'darwin')).available()).toBe(false);
  });

  it('says the keychain refused when the person clicks Deny, and stores nothing', async () => {
    const file = keyFile();
    const vault = await openSafeStorageVault(file, 'darwin');
    fakeSafeStorage.keychainDenies = true;
    await expect(async () => vault.save(CANARY)).rejects.toThrow(KeyStorageRefused);
    await expect(async () => vault.save(CANARY)).rejects.toThrow(/macOS Keychain refused/);
    expect(existsSync(file)).toBe(false);
    expect(vault.read()).toBeUndefined();
  });

  it('a key the keychain will not unlock at start is asked for again, not an error', async () => {
    const file = keyFile();
    await (await openSafeStorageVault(file, 'win32')).save(CANARY);
    fakeSafeStorage.keychainDenies = true;
    const vault = await openSafeStorageVault(file, 'win32', silentLog);
    expect(vault.read()).toBeUndefined();
    expect(silentLog.warn).toHaveBeenCalledWith(expect.stringContaining('could not be unlocked'));
  });

  it('tells the window, through the contract, that the keychain refused: not "Something went wrong"', async () => {
    const dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-vault-backend-'));
    folders.push(dataDirectory);
    const keyVault = await openSafeStorageVault(path.join(dataDirectory, 'claude-key.bin'), 'darwin');
    const backend = createBackend({ dataDirectory, host: 'electron', version: 'test', log: silentLog, connectOnStart: false, keyVault, now: () => Date.UTC(2026, 10, 18, 16) });
    fakeSafeStorage.keychainDenies = true;
    const { dispatchCall } = await import('../../../src/main/ipc/dispatch');
    const result = await dispatchCall(backend.handlers, 'setClaudeKey', { key: CANARY }, silentLog);
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/macOS Keychain refused[\s\S]*Allow/) } });
    expect(JSON.stringify(result)).not.toContain('Something went wrong');
    expect(JSON.stringify(result)).not.toContain(CANARY);
    await backend.stop();
  });
});
