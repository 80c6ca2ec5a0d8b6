import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeSafeStorage } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { createSafeStorageVault } = await import('../../../src/main/shell/safe-storage-vault');

const CANARY = 'sk-ant-api03-CANARY-0123456789abcdefghij';
const keyFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'countersign-vault-')), 'claude-key.bin');

describe('the API key vault', () => {
  afterEach(() => {
    fakeSafeStorage.backend = 'gnome_libsecret';
    fakeSafeStorage.encryptionAvailable = true;
  });

  it('keeps the key encrypted on disk and reads it back', () => {
    const file = keyFile();
    const vault = createSafeStorageVault(file, 'linux');
    vault.save(CANARY);
    expect(readFileSync(file).toString()).not.toContain(CANARY);
    expect(vault.read()).toBe(CANARY);
    vault.clear();
    expect(vault.read()).toBeUndefined();
  });

  it("refuses Linux's basic_text backend: no key is stored in plain text", () => {
    fakeSafeStorage.backend = 'basic_text';
    const vault = createSafeStorageVault(keyFile(), 'linux');
    expect(vault.available()).toBe(false);
    expect(() => vault.save(CANARY)).toThrow();
  });

  it('refuses when the OS offers no encryption at all', () => {
    fakeSafeStorage.encryptionAvailable = false;
    expect(createSafeStorageVault(keyFile(), 'darwin').available()).toBe(false);
  });
});
