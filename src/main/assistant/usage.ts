/**
 * Token usage and what it costs. Prices are USD per million tokens; a 5-minute
 * cache write costs 1.25x the input price and a cache read 0.1x, as the API
 * bills them. A model not in the table is priced by its family and marked as
 * an estimate; an unknown family is priced high so a spend limit errs on the
 * safe side.
 */

export interface TokenUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export const noUsage: TokenUsage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

interface Price {
  input: number;
  output: number;
}

const exactPrices: Record<string, Price> = {
  'claude-opus-4-5': { input: 5, output: 25 },
  'claude-opus-4-5-20251101': { input: 5, output: 25 },
  'claude-opus-4-6': { input: 5, output: 25 },
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-opus-4-0': { input: 15, output: 75 },
  'claude-sonnet-4-6': { input: 3, output: 15 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-sonnet-4-5-20250929': { input: 3, output: 15 },
  'claude-sonnet-4-0': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-haiku-4-5-20251001': { input: 1, output: 5 },
};

const familyPrices: [prefix: string, price: Price][] = [
  ['claude-sonnet-', { input: 3, output: 15 }],
  ['claude-haiku-', { input: 1, output: 5 }],
  ['claude-opus-', { input: 5, output: 25 }],
];

const unknownPrice: Price = { input: 15, output: 75 };
const cacheWriteMultiplier = 1.25;
const cacheReadMultiplier = 0.1;

export function priceOf(model: string): { price: Price; estimated: boolean } {
  const exact = exactPrices[model];
  if (exact !== undefined) return { price: exact, estimated: false };
  const family = familyPrices.find(([prefix]) => model.startsWith(prefix));
  return { price: family?.[1] ?? unknownPrice, estimated: true };
}

export function costOf(model: string, usage: TokenUsage): { usd: number; estimated: boolean } {
  const { price, estimated } = priceOf(model);
  const usd =
    (usage.input * price.input +
      usage.output * price.output +
      usage.cacheWrite * price.input * cacheWriteMultiplier +
      usage.cacheRead * price.input * cacheReadMultiplier) /
    1_000_000;
  return { usd, estimated };
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { input: a.input + b.input, output: a.output + b.output, cacheRead: a.cacheRead + b.cacheRead, cacheWrite: a.cacheWrite + b.cacheWrite };
}

/** The API's usage object, where the cache fields may be null or absent. */
export function usageFromApi(u: {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}): TokenUsage {
  return {
    input: u.input_tokens,
    output: u.output_tokens,
    cacheRead: u.cache_read_input_tokens ?? 0,
    cacheWrite: u.cache_creation_input_tokens ?? 0,
  };
}

/** The person's calendar month, in local time: a spend limit resets when their month does. */
export function monthOf(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export interface SpendEntry {
  at: number;
  model: string;
  usage: TokenUsage;
  usd: number;
  estimated: boolean;
}

export interface MonthSpend {
  month: string;
  usd: number;
  usage: TokenUsage;
  requests: number;
  estimated: boolean;
}

/** Where spend is kept; the SQLite store will provide a durable one. */
export interface SpendLedger {
  record(entry: SpendEntry): void;
  month(month: string): MonthSpend;
}

export class InMemorySpendLedger implements SpendLedger {
  private readonly entries: SpendEntry[] = [];

  record(entry: SpendEntry): void {
    this.entries.push(entry);
  }

  month(month: string): MonthSpend {
    const inMonth = this.entries.filter((e) => monthOf(e.at) === month);
    return {
      month,
      usd: inMonth.reduce((n, e) => n + e.usd, 0),
      usage: inMonth.reduce((u, e) => addUsage(u, e.usage), noUsage),
      requests: inMonth.length,
      estimated: inMonth.some((e) => e.estimated),
    };
  }
}

export const formatUsd = (usd: number): string => `$${usd.toFixed(2)}`;

/** Checked before a turn starts; a turn already under way is allowed to finish. */
export function spendLimitMessage(ledger: SpendLedger, limitUsd: number | null, now: number): string | null {
  if (limitUsd === null) return null;
  const spent = ledger.month(monthOf(now)).usd;
  if (spent < limitUsd) return null;
  return `This month's Claude spend (${formatUsd(spent)}) has reached your limit of ${formatUsd(limitUsd)}. Raise the limit in Settings > Claude, or wait for next month.`;
}
