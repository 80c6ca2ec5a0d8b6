import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { safeStorage } from 'electron';
import { KeyStorageRefused, type KeyVault } from '../chat/key-vault';
import type { Log } from '../log';

const KEYCHAIN_NAMES: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'macOS Keychain',
  win32: 'Windows credential protection (DPAPI)',
  linux: 'system keyring (GNOME Keyring or KWallet)',
};

/** Whether safeStorage really encrypts here: on Linux without a keyring Electron's 'basic_text' does not. */
export async function keychainEncrypts(platform: NodeJS.Platform): Promise<boolean> {
  return (await safeStorage.isAsyncEncryptionAvailable()) && !(platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
}

/**
 * The Anthropic key, encrypted with the OS keychain (Keychain on macOS,
 * DPAPI on Windows, libsecret/kwallet on Linux) and kept in one file in the
 * app's data folder. On Linux without a keyring Electron falls back to
 * 'basic_text', which is not encryption: then no key is stored at all.
 * Uses safeStorage's asynchronous API (the synchronous one is deprecated in
 * Electron 45 and can block the main process behind a keychain prompt); the
 * key is decrypted once at start and held in main's memory.
 */
export async function openSafeStorageVault(file: string, platform: NodeJS.Platform = process.platform, log?: Log): Promise<KeyVault> {
  const secure = await keychainEncrypts(platform);
  const keychain = KEYCHAIN_NAMES[platform] ?? 'system keychain';
  let key: string | undefined;
  if (secure && existsSync(file)) {
    try {
      const decrypted = await safeStorage.decryptStringAsync(readFileSync(file));
      key = decrypted.result;
      if (decrypted.shouldReEncrypt) writeFileSync(file, await safeStorage.encryptStringAsync(decrypted.result), { mode: 0o600 });
    } catch {
      // Another OS user's or keyring's key, or the keychain said no: ask for it again.
      log?.warn(`The stored Claude key could not be unlocked by the ${keychain}; it will be asked for again`);
    }
  }
  return {
    available: () => secure,
    read: () => key,
    async save(next) {
      if (!secure) throw new KeyStorageRefused('No secure storage is available for the API key.');
      let encrypted: Buffer;
      try {
        encrypted = await safeStorage.encryptStringAsync(next);
      } catch {
        throw new KeyStorageRefused(
          `The ${keychain} refused to store the key (for example "Deny" was chosen, or the keyring is locked). Nothing was saved. Save the key again and choose "Allow" or "Always Allow", or unlock the keyring first.`,
        );
      }
      writeFileSync(file, encrypted, { mode: 0o600 });
      key = next;
    },
    clear() {
      rmSync(file, { force: true });
      key = undefined;
    },
  };
}
