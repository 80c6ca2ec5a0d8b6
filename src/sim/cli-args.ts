// The standalone simulator's command line, read by node:util's parseArgs
// (strict: a misspelt option is refused, never ignored).
import { parseArgs } from 'node:util';

export interface CliOptions {
  host: string;
  port: number;
  seed: number;
  tickMs: number | undefined;
  held: number | undefined;
  extra: number | undefined;
  alwaysOpen: boolean;
  pacing: boolean;
}

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw new Error(`--${name} expects a non-negative integer, got "${value}"`);
  return n;
}

/** The options, 'help', or an Error whose message says what is wrong (try --help). */
export function parseCliArgs(argv: string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        host: { type: 'string' },
        port: { type: 'string' },
        seed: { type: 'string' },
        'tick-ms': { type: 'string' },
        held: { type: 'string' },
        'extra-symbols': { type: 'string' },
        'always-open': { type: 'boolean' },
        'no-pacing': { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)} (try --help)`, { cause: error });
  }
  const v = parsed.values;
  if (v.help) return 'help';
  return {
    host: v.host ?? '127.0.0.1',
    port: count('port', v.port) ?? 4002,
    seed: count('seed', v.seed) ?? 7,
    tickMs: count('tick-ms', v['tick-ms']),
    held: count('held', v.held),
    extra: count('extra-symbols', v['extra-symbols']),
    alwaysOpen: v['always-open'] ?? false,
    pacing: !(v['no-pacing'] ?? false),
  };
}
