import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readSeal } from './audit-chain-key';
import { auditHeadPath, readAuditHead } from './audit-head';
import { auditKeyFilePath, readAuditKeyFile } from './audit-key';
import { exportAudit, verifyAuditChain, type AuditExportFormat, type ChainPosition } from './audit-log';
import { openDatabaseReadOnly } from './database';
import { schemaVersion } from './migrate';
import { databaseFileName } from './open-store';

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

export const auditUsage = `Usage:
  audit verify <data-dir> [--key <file>]
  audit export <data-dir> --from <ISO date/time> --to <ISO date/time> --format jsonl|csv [--out <file>]

--from is inclusive and --to exclusive; a date without a time means 00:00 UTC.
verify reads the audit key from --key, or from <data-dir>.audit-key beside the data directory.
--out never overwrites an existing file; without it the export goes to standard output.
`;

interface AuditArgs {
  command: string | undefined;
  dataDir: string | undefined;
  options: { key?: string | undefined; from?: string | undefined; to?: string | undefined; format?: string | undefined; out?: string | undefined };
}

/** Strict: a misspelt option or one without its value is refused, never ignored (a typo in --key would verify with another key). */
function readArgs(args: string[]): AuditArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { key: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [command, dataDir, ...extra] = parsed.positionals;
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  return { command, dataDir, options: parsed.values };
}

function time(value: string | undefined, name: string): number {
  const ms = value === undefined ? Number.NaN : Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`${name} needs a date such as 2026-11-01 or 2026-11-01T14:30:00Z.`);
  return ms;
}

class UsageError extends Error {}

/**
 * Verify the audit chain or export a date range, reading the store without
 * changing it. Returns the process exit code: 0 ok, 1 the chain is broken,
 * 2 a usage or file problem.
 */
export function runAuditCommand(args: string[], io: CommandIo): number {
  try {
    const { command, dataDir, options } = readArgs(args);
    if ((command !== 'verify' && command !== 'export') || dataDir === undefined) throw new UsageError('');
    const file = path.join(dataDir, databaseFileName);
    if (!fs.existsSync(file)) {
      io.err(`No Countersign data at ${file}.\n`);
      return 2;
    }
    const db = openDatabaseReadOnly(file);
    try {
      if (schemaVersion(db) < 2) {
        io.out('This data directory has no audit log yet.\n');
        return 0;
      }
      if (command === 'verify') {
        const keyFile = options.key ?? auditKeyFilePath(dataDir);
        const key = readAuditKeyFile(keyFile);
        let head: ChainPosition | undefined;
        if (key === undefined) {
          if (readSeal(db) !== undefined) {
            io.err(`This audit log is keyed and there is no audit key at ${keyFile}; pass --key <file>.\n`);
            return 2;
          }
        } else {
          const reading = readAuditHead(auditHeadPath(dataDir), key);
          if (reading.kind === 'unreadable' || (reading.kind === 'missing' && readSeal(db) !== undefined)) {
            const problem = reading.kind === 'unreadable' ? reading.problem : `The audit head record ${auditHeadPath(dataDir)} is missing.`;
            io.out(`Audit log BROKEN: ${problem}\n`);
            return 1;
          }
          if (reading.kind === 'ok') head = reading.head;
        }
        const report = verifyAuditChain(db, { ...(key ? { key } : {}), ...(head ? { head } : {}) });
        if (report.ok) {
          io.out(`Audit log intact: ${report.rows} rows, every link and hash checked.\n`);
          return 0;
        }
        io.out(`Audit log BROKEN at row ${report.firstBadSeq}: ${report.problem}\n`);
        return 1;
      }
      const from = time(options.from, '--from');
      const to = time(options.to, '--to');
      if (to <= from) throw new UsageError('--to must be after --from.');
      const format = options.format;
      if (format !== 'jsonl' && format !== 'csv') throw new UsageError('--format is jsonl or csv.');
      const text = exportAudit(db, from, to, format as AuditExportFormat);
      const out = options.out;
      if (out === undefined) io.out(text);
      else {
        fs.writeFileSync(out, text, { flag: 'wx' });
        io.err(`Wrote ${out}.\n`);
      }
      return 0;
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message ? error.message + '\n' : ''}${auditUsage}`);
      return 2;
    }
    io.err(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
