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
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new AuditKeyError(`The audit key ${file} is damaged (it is not ${keyBytes} bytes of hex); it was left as it is.`);
  return Buffer.from(hex, 'hex');
}

function createKeyFile(file: string): Buffer {
  const key = randomBytes(keyBytes);
  // 'wx': never over an existing key, even one created a moment ago by another start.
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${key.toString('hex')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
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
