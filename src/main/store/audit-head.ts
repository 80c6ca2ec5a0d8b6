import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { mac } from './audit-chain-key';
import type { ChainPosition } from './audit-log';

/**
 * The newest verified row of the audit chain (row count, seq and hash), kept
 * outside the database and MACed with the audit key: rows cut from the end of
 * the log, even with sqlite_sequence lowered to match, no longer reach it.
 */
export const auditHeadFileName = 'audit-head.json';

const StoredHead = z.object({ rows: z.number().int().nonnegative(), seq: z.number().int().nonnegative(), hash: z.string(), mac: z.string() }).strict();

export type HeadReading = { kind: 'missing' } | { kind: 'unreadable'; problem: string } | { kind: 'ok'; head: ChainPosition };

function headMac(key: Buffer, head: ChainPosition): string {
  return mac(key, 'audit-head', head.rows, head.seq, head.hash);
}

export function auditHeadPath(dataDirectory: string): string {
  return path.join(dataDirectory, auditHeadFileName);
}

export function readAuditHead(file: string, key: Buffer): HeadReading {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', problem: `The audit head record ${file} cannot be read (${error instanceof Error ? error.message : String(error)}).` };
  }
  let parsed: z.infer<typeof StoredHead>;
  try {
    parsed = StoredHead.parse(JSON.parse(text));
  } catch {
    return { kind: 'unreadable', problem: `The audit head record ${file} is damaged.` };
  }
  const head = { rows: parsed.rows, seq: parsed.seq, hash: parsed.hash };
  if (headMac(key, head) !== parsed.mac) {
    return { kind: 'unreadable', problem: `The audit head record ${file} was not written with this audit key: it was edited, or the key was replaced.` };
  }
  return { kind: 'ok', head };
}

/** Written to a temporary file, flushed, then renamed over the old head: a crash leaves the old or the new head, never half of one. */
export function writeAuditHead(file: string, key: Buffer, head: ChainPosition): void {
  const temporary = `${file}.next`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify({ ...head, mac: headMac(key, head) })}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}
