/**
 * Replaces account numbers with stable aliases (ACCOUNT-1, ACCOUNT-2, ...) in
 * everything sent to Claude, when the person asks for it, and maps aliases
 * back in tool inputs. Aliases are given in the order accounts are first seen
 * and kept with the conversation, so ACCOUNT-1 means the same account on every
 * turn.
 */
export class AccountAliases {
  private readonly byReal = new Map<string, string>();
  private readonly byAlias = new Map<string, string>();

  constructor(
    readonly enabled: boolean,
    table: Readonly<Record<string, string>> = {},
  ) {
    for (const [real, alias] of Object.entries(table)) {
      this.byReal.set(real, alias);
      this.byAlias.set(alias, real);
    }
  }

  register(accounts: readonly string[]): void {
    for (const real of accounts) {
      if (real.length === 0 || this.byReal.has(real)) continue;
      const alias = `ACCOUNT-${this.byReal.size + 1}`;
      this.byReal.set(real, alias);
      this.byAlias.set(alias, real);
    }
  }

  /** What Claude should see for this account id. */
  toAlias(real: string): string {
    return this.enabled ? (this.byReal.get(real) ?? real) : real;
  }

  /** The real account for what Claude wrote: an alias, or (harmlessly) a real id. */
  toReal(written: string): string {
    const trimmed = written.trim();
    return this.byAlias.get(trimmed.toUpperCase()) ?? trimmed;
  }

  /** Replaces every known account id inside a text. */
  scrubText(text: string): string {
    if (!this.enabled || this.byReal.size === 0) return text;
    let out = text;
    // Longest first, so U1234567 is not half-replaced by a shorter id it contains.
    const reals = [...this.byReal.keys()].sort((a, b) => b.length - a.length);
    for (const real of reals) out = out.split(real).join(this.byReal.get(real) ?? real);
    return out;
  }

  /** Replaces account ids in every string and key of a JSON value. */
  scrub<T>(value: T): T {
    if (!this.enabled) return value;
    return this.scrubValue(value) as T;
  }

  private scrubValue(value: unknown): unknown {
    if (typeof value === 'string') return this.scrubText(value);
    if (Array.isArray(value)) return value.map((v) => this.scrubValue(v));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.scrubText(k)] = this.scrubValue(v);
      return out;
    }
    return value;
  }

  table(): Record<string, string> {
    return Object.fromEntries(this.byReal);
  }
}
