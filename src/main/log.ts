/**
 * The backend's logger. Secrets registered here (the Anthropic API key) are
 * replaced before anything is written, so a stray `log.error(err)` whose
 * message happens to quote a request header cannot leak the key.
 */
export interface Log {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export type LogSink = (line: string) => void;

export class RedactingLog implements Log {
  private readonly secrets = new Set<string>();

  constructor(
    private readonly now: () => number,
    private readonly sink: LogSink = (line) => process.stderr.write(`${line}\n`),
  ) {}

  registerSecret(secret: string): void {
    if (secret.length >= 8) this.secrets.add(secret);
  }

  info(message: string, detail?: unknown): void {
    this.write('info', message, detail);
  }

  warn(message: string, detail?: unknown): void {
    this.write('warn', message, detail);
  }

  error(message: string, detail?: unknown): void {
    this.write('error', message, detail);
  }

  private write(level: string, message: string, detail: unknown): void {
    let line = `${new Date(this.now()).toISOString()} ${level} ${message}`;
    if (detail !== undefined) line += ` ${describe(detail)}`;
    for (const secret of this.secrets) line = line.split(secret).join('[redacted]');
    this.sink(line);
  }
}

function describe(detail: unknown): string {
  if (detail instanceof Error) return `${detail.name}: ${detail.message}`;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}
