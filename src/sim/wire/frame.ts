// Framing of the TWS socket protocol (v100+): every message is a 4-byte
// big-endian payload length followed by NUL-terminated fields. The one
// exception is the client hello: raw "API\0", then a 4-byte length, then the
// version range "v100..193" without a trailing NUL.

const HELLO_PREFIX = Buffer.from('API\0', 'latin1');
/** Same ceiling as the client's MAX_V100_MESSAGE_LENGTH: anything bigger is a broken stream. */
export const MAX_MESSAGE_LENGTH = 0xffffff;

export function encodeFrame(fields: readonly string[]): Buffer {
  // One allocation per frame: a market move writes thousands of these.
  const text = fields.length ? fields.join('\0') + '\0' : '';
  const size = Buffer.byteLength(text, 'utf8');
  const out = Buffer.allocUnsafe(4 + size);
  out.writeUInt32BE(size, 0);
  out.write(text, 4, 'utf8');
  return out;
}

/** The client's hello, as the library writes it. */
export function encodeHello(minVersion: number, maxVersion: number): Buffer {
  const range = Buffer.from(minVersion < maxVersion ? `v${minVersion}..${maxVersion}` : `v${minVersion}`, 'utf8');
  const len = Buffer.allocUnsafe(4);
  len.writeUInt32BE(range.length, 0);
  return Buffer.concat([HELLO_PREFIX, len, range]);
}

export interface Hello {
  minVersion: number;
  maxVersion: number;
  /** Anything after the range ("connectOptions"), kept verbatim. */
  options: string;
}

export function parseVersionRange(text: string): Hello | undefined {
  const m = /^v(\d+)(?:\.\.(\d+))?(?:\s+(.*))?$/s.exec(text.trim());
  if (!m) return undefined;
  const min = Number.parseInt(m[1] as string, 10);
  const max = m[2] !== undefined ? Number.parseInt(m[2], 10) : min;
  return { minVersion: min, maxVersion: max, options: m[3] ?? '' };
}

export type Inbound =
  | { kind: 'hello'; hello: Hello }
  | { kind: 'message'; fields: string[] }
  | { kind: 'invalid'; reason: string };

/**
 * Incremental parser for what a client writes: the hello first, then framed
 * messages. TCP may split or coalesce writes arbitrarily, so bytes are
 * buffered until a whole unit is available.
 */
export class InboundParser {
  private buf: Buffer = Buffer.alloc(0);
  private helloDone = false;
  private broken = false;

  constructor(opts: { expectHello?: boolean } = {}) {
    this.helloDone = opts.expectHello === false;
  }

  push(chunk: Buffer): Inbound[] {
    if (this.broken) return [];
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: Inbound[] = [];
    for (;;) {
      if (!this.helloDone) {
        if (this.buf.length < HELLO_PREFIX.length) {
          if (!HELLO_PREFIX.subarray(0, this.buf.length).equals(this.buf)) return this.fail(out, 'not an API client hello');
          return out;
        }
        if (!this.buf.subarray(0, HELLO_PREFIX.length).equals(HELLO_PREFIX)) return this.fail(out, 'not an API client hello');
        if (this.buf.length < HELLO_PREFIX.length + 4) return out;
        const len = this.buf.readUInt32BE(HELLO_PREFIX.length);
        if (len > 1024) return this.fail(out, `hello too long (${len} bytes)`);
        const end = HELLO_PREFIX.length + 4 + len;
        if (this.buf.length < end) return out;
        const text = this.buf.subarray(HELLO_PREFIX.length + 4, end).toString('utf8');
        this.buf = this.buf.subarray(end);
        this.helloDone = true;
        const hello = parseVersionRange(text);
        if (!hello) return this.fail(out, `unreadable version range "${text}"`);
        out.push({ kind: 'hello', hello });
        continue;
      }
      if (this.buf.length < 4) return out;
      const len = this.buf.readUInt32BE(0);
      if (len > MAX_MESSAGE_LENGTH) return this.fail(out, `message of ${len} bytes exceeds the maximum`);
      if (this.buf.length < 4 + len) return out;
      const payload = this.buf.subarray(4, 4 + len).toString('utf8');
      this.buf = this.buf.subarray(4 + len);
      out.push({ kind: 'message', fields: splitFields(payload) });
    }
  }

  private fail(out: Inbound[], reason: string): Inbound[] {
    this.broken = true;
    this.buf = Buffer.alloc(0);
    out.push({ kind: 'invalid', reason });
    return out;
  }
}

/** Splits a payload into fields; the final NUL terminates the last field rather than starting a new one. */
export function splitFields(payload: string): string[] {
  if (payload === '') return [];
  const parts = payload.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Parser for what a server writes (used by tests and tools that read the sim's output). */
export class FrameSplitter {
  private buf: Buffer = Buffer.alloc(0);
  push(chunk: Buffer): string[][] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: string[][] = [];
    while (this.buf.length >= 4) {
      const len = this.buf.readUInt32BE(0);
      if (this.buf.length < 4 + len) break;
      out.push(splitFields(this.buf.subarray(4, 4 + len).toString('utf8')));
      this.buf = this.buf.subarray(4 + len);
    }
    return out;
  }
}
