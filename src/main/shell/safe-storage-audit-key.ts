import fs from 'node:fs';
import { safeStorage } from 'electron';
import { AuditKeyError, auditKeyFilePath, auditKeyFromHex, fileAuditKeySource, newAuditKey, writeNewKeyFile, type AuditKeySource } from '../store/audit-key';
import type { Log } from '../log';
import { keychainEncrypts } from './safe-storage-vault';

/** Beside the data directory, like the plain key file: copying the data folder alone copies no key. */
export function sealedAuditKeyPath(dataDirectory: string): string {
  return `${auditKeyFilePath(dataDirectory)}.sealed`;
}

/**
 * The audit chain's key in the desktop app: 32 random bytes sealed by the OS
 * keychain (safeStorage) in a file beside the data directory, unsealed once
 * at start (the asynchronous API; the store asks for the key synchronously).
 * Someone holding the data folder and the sealed file still cannot re-chain
 * an edited row without the person's OS login.
 *
 * A key that exists is never replaced: a plain key file from an earlier
 * version stays in use, and a sealed key the keychain will not unseal stops
 * the store from opening (shown as a store problem) rather than a new key
 * being made, which would leave every keyed row unverifiable. Where there is
 * no keychain (Linux without a keyring: 'basic_text' is not encryption), the
 * key is kept as plain Node keeps it, a 0600 file beside the data directory.
 */
export async function openSafeStorageAuditKey(dataDirectory: string, platform: NodeJS.Platform = process.platform, log?: Log): Promise<AuditKeySource> {
  const plain = fileAuditKeySource(dataDirectory);
  const sealed = sealedAuditKeyPath(dataDirectory);
  if (fs.existsSync(plain.location) && !fs.existsSync(sealed)) return plain;
  const secure = await keychainEncrypts(platform);
  if (!fs.existsSync(sealed)) {
    if (!secure) {
      log?.warn(`No OS keychain is available: the audit key is kept in ${plain.location} (readable by this OS user only)`);
      return plain;
    }
    return { location: sealed, obtain: await createSealed(sealed) };
  }
  if (!secure) return failing(sealed, 'cannot be unsealed: no OS keychain is available now');
  try {
    const { result } = await safeStorage.decryptStringAsync(fs.readFileSync(sealed));
    const key = auditKeyFromHex(result);
    return key ? { location: sealed, obtain: () => key } : failing(sealed, 'is damaged');
  } catch (error) {
    return failing(sealed, `could not be unsealed by the OS keychain (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function createSealed(file: string): Promise<AuditKeySource['obtain']> {
  const key = newAuditKey();
  let encrypted: Buffer;
  try {
    encrypted = await safeStorage.encryptStringAsync(key.toString('hex'));
  } catch (error) {
    return () => failed(file, `could not be sealed by the OS keychain (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    writeNewKeyFile(file, encrypted);
  } catch (error) {
    return () => failed(file, `could not be written (${error instanceof Error ? error.message : String(error)})`);
  }
  return () => key;
}

function failing(file: string, why: string): AuditKeySource {
  return { location: file, obtain: () => failed(file, why) };
}

function failed(file: string, why: string): never {
  throw new AuditKeyError(`The audit key ${file} ${why}; it was left as it is, and the audit log cannot be written until it can be read.`);
}
