// Field-level conventions of the TWS text protocol: every value travels as a
// string; "unset" has its own spelling per type, and the client decodes those
// spellings back to `undefined` (see the library's Decoder.read* methods).

/** Java's Double.MAX_VALUE as TWS prints it: the client reads it as "no value". */
export const UNSET_DOUBLE = '1.7976931348623157E308';
/** Java's Integer.MAX_VALUE: the client's readIntOrUndefined maps it to undefined. */
export const UNSET_INT = '2147483647';
const UNSET_INT_VALUE = 2147483647;

export class FieldUnderrunError extends Error {
  constructor(what: string) {
    super(`field underrun: message ended before ${what}`);
    this.name = 'FieldUnderrunError';
  }
}

export class UnconsumedFieldsError extends Error {
  constructor(readonly leftover: string[]) {
    super(`unconsumed fields left in message: ${JSON.stringify(leftover.slice(0, 8))}`);
    this.name = 'UnconsumedFieldsError';
  }
}

function isUnsetDouble(token: string): boolean {
  if (token === '') return true;
  const v = Number.parseFloat(token);
  return v === Number.MAX_VALUE || v === Infinity;
}

/**
 * Reads the fields of one message in order. Reading past the end throws
 * FieldUnderrunError; `end()` throws UnconsumedFieldsError if any are left, so a
 * parser that drifts by one field fails loudly instead of misreading an order.
 */
export class FieldReader {
  private pos = 0;
  constructor(private readonly fields: readonly string[], start = 0) {
    this.pos = start;
  }

  get position(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.fields.length - this.pos;
  }

  str(what = 'string'): string {
    if (this.pos >= this.fields.length) throw new FieldUnderrunError(what);
    return this.fields[this.pos++] as string;
  }

  /** "" becomes undefined: the client's Encoder writes unset strings as empty. */
  optStr(what = 'string'): string | undefined {
    const s = this.str(what);
    return s === '' ? undefined : s;
  }

  int(what = 'int'): number {
    const s = this.str(what);
    if (s === '') return 0;
    const v = Number.parseInt(s, 10);
    return Number.isNaN(v) ? 0 : v;
  }

  optInt(what = 'int'): number | undefined {
    const s = this.str(what);
    if (s === '') return undefined;
    const v = Number.parseInt(s, 10);
    return Number.isNaN(v) || v === UNSET_INT_VALUE ? undefined : v;
  }

  double(what = 'double'): number {
    const s = this.str(what);
    if (isUnsetDouble(s)) return 0;
    const v = Number.parseFloat(s);
    return Number.isNaN(v) ? 0 : v;
  }

  optDouble(what = 'double'): number | undefined {
    const s = this.str(what);
    if (isUnsetDouble(s)) return undefined;
    const v = Number.parseFloat(s);
    return Number.isNaN(v) ? undefined : v;
  }

  bool(what = 'bool'): boolean {
    const s = this.str(what);
    const n = Number.parseInt(s, 10);
    return s === 'true' || (!Number.isNaN(n) && n !== 0);
  }

  /** "" becomes undefined; the client sends unset booleans as empty fields. */
  optBool(what = 'bool'): boolean | undefined {
    const s = this.str(what);
    if (s === '') return undefined;
    return s === 'true' || (Number.parseInt(s, 10) || 0) !== 0;
  }

  end(): void {
    if (this.pos < this.fields.length) throw new UnconsumedFieldsError(this.fields.slice(this.pos));
  }
}

function formatNumber(v: number): string {
  if (v === Number.MAX_VALUE || !Number.isFinite(v)) return UNSET_DOUBLE;
  return String(v);
}

/** Builds the fields of one outgoing message with TWS's spellings for unset values. */
export class FieldWriter {
  private readonly out: string[] = [];

  get fields(): string[] {
    return this.out;
  }

  str(v: string | undefined | null): this {
    this.out.push(v ?? '');
    return this;
  }

  /** Unset prints as "" (the client's readInt gives 0, readIntOrUndefined gives undefined). */
  int(v: number | undefined | null): this {
    this.out.push(v === undefined || v === null || Number.isNaN(v) ? '' : String(Math.trunc(v)));
    return this;
  }

  /** Unset prints as Integer.MAX_VALUE, as TWS does for optional ints. */
  intMax(v: number | undefined | null): this {
    this.out.push(v === undefined || v === null || Number.isNaN(v) ? UNSET_INT : String(Math.trunc(v)));
    return this;
  }

  /** Unset prints as Double.MAX_VALUE, which every client read method maps to undefined. */
  double(v: number | undefined | null): this {
    this.out.push(v === undefined || v === null || Number.isNaN(v) ? UNSET_DOUBLE : formatNumber(v));
    return this;
  }

  /** Quantities (the Java client's Decimal): unset prints as "". */
  decimal(v: number | undefined | null): this {
    this.out.push(v === undefined || v === null || Number.isNaN(v) ? '' : formatNumber(v));
    return this;
  }

  bool(v: boolean | undefined | null): this {
    this.out.push(v ? '1' : '0');
    return this;
  }

  raw(...values: string[]): this {
    this.out.push(...values);
    return this;
  }
}
