import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The audit key exists but cannot be used; it is never replaced (that would make every keyed row unverifiable). */
export class AuditKeyError extends Error {
  override readonly name = 'AuditKeyError';
}

/**
 * Where the audit chain's key is kept. It lives outside the database, so
 * someone holding only the data file cannot recompute the chain after an
 * edit. The desktop app may keep it with the OS keychain (safeStorage); plain
 * Node keeps it in a file beside the data directory.
 */
export interface AuditKeySource {
  /** Where the key is, named in messages. */
  readonly location: string;
  /** The key, created on first use. Throws AuditKeyError when a key exists but cannot be read. */
  obtain(): Buffer;
}

const keyBytes = 32;

/** A sibling of the data directory (not inside it): copying the data folder alone does not copy the key. */
export function auditKeyFilePath(dataDirectory: string): string {
  const absolute = path.resolve(dataDirectory);
  return path.join(path.dirname(absolute), `${path.basename(absolute)}.audit-key`);
}

/** The key in `file`, or undefined when there is no such file. */
export function readAuditKeyFile(file: string): Buffer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw new AuditKeyError(`The audit key ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const key = auditKeyFromHex(text);
  if (!key) throw new AuditKeyError(`The audit key ${file} is damaged (it is not ${keyBytes} bytes of hex); it was left as it is.`);
  return key;
}

/** A key written as hex, or undefined when the text is not one. */
export function auditKeyFromHex(text: string): Buffer | undefined {
  const hex = text.trim();
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

/** A fresh random key. */
export function newAuditKey(): Buffer {
  return randomBytes(keyBytes);
}

/**
 * Writes a new key file, readable by this OS user only, flushed to disk.
 * 'wx': never over an existing key, even one created a moment ago by another start.
 */
export function writeNewKeyFile(file: string, contents: Buffer): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeSync(fd, contents);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function createKeyFile(file: string): Buffer {
  const key = newAuditKey();
  writeNewKeyFile(file, Buffer.from(`${key.toString('hex')}\n`));
  return key;
}

export function fileAuditKeySource(dataDirectory: string): AuditKeySource {
  const file = auditKeyFilePath(dataDirectory);
  return {
    location: file,
    obtain(): Buffer {
      const existing = readAuditKeyFile(file);
      if (existing) return existing;
      try {
        return createKeyFile(file);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'EEXIST') return readAuditKeyFile(file) as Buffer;
        throw new AuditKeyError(`The audit key ${file} could not be created: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
