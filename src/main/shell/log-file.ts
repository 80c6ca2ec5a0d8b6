import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LogSink } from '../log';

/**
 * Log lines go to the terminal and to a file in the data folder: an
 * installed app has no terminal, and a start-up failure dialog points the
 * person at this file. Appended synchronously, so the line that explains a
 * crash is on disk before the crash.
 */
export function terminalAndFileSink(file: string): LogSink {
  mkdirSync(path.dirname(file), { recursive: true });
  return (line) => {
    process.stderr.write(`${line}\n`);
    try {
      appendFileSync(file, `${line}\n`);
    } catch {
      // A full or read-only disk must not take the app down with it; the terminal still has the line.
    }
  };
}
