import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { safeStorage } from 'electron';
import type { KeyVault } from '../chat/key-vault';

/**
 * The Anthropic key, encrypted with the OS keychain (Keychain on macOS,
 * DPAPI on Windows, libsecret/kwallet on Linux) and kept in one file in the
 * app's data folder. On Linux without a keyring Electron falls back to
 * 'basic_text', which is not encryption: then no key is stored at all.
 */
export function createSafeStorageVault(file: string, platform: NodeJS.Platform = process.platform): KeyVault {
  const available = (): boolean => {
    if (!safeStorage.isEncryptionAvailable()) return false;
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false;
    return true;
  };
  return {
    available,
    read() {
      if (!available() || !existsSync(file)) return undefined;
      try {
        return safeStorage.decryptString(readFileSync(file));
      } catch {
        // A key encrypted under another OS user or keyring cannot be read: ask for it again.
        return undefined;
      }
    },
    save(key) {
      if (!available()) throw new Error('No secure storage is available for the API key.');
      writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}
