// Tick-level history (reqHistoricalTicks) and price histograms, derived from
// the same minute bars the charts get, so every view of the past agrees.
import type { Listing } from './catalogue';
import { parseIbDateTime } from './eastern-time';
import type { Bar } from './types';

const PRINT_VENUE: Record<string, string> = { NASDAQ: 'ISLAND', NYSE: 'NYSE', ARCA: 'ARCA', BATS: 'BATS' };

export interface TickQuery { startDateTime: string; endDateTime: string; numberOfTicks: number; whatToShow: string; useRth: boolean }
export interface TradeTick { time: number; price: number; size: number; exchange: string; specialConditions: string }

/** Eastern "yyyyMMdd HH:mm:ss US/Eastern" bar time to epoch ms. */
function barStart(b: Bar): number {
  return parseIbDateTime(b.time ?? '') ?? 0;
}

/** Four prints per minute bar: open, the extreme first touched, the other extreme, close. */
export function ticksFromBars(l: Listing, bars: readonly Bar[]): TradeTick[] {
  const out: TradeTick[] = [];
  const exchange = PRINT_VENUE[l.primaryExch] ?? l.primaryExch;
  for (const b of bars) {
    const t = Math.floor(barStart(b) / 1000);
    const up = (b.close ?? 0) >= (b.open ?? 0);
    const prices = [b.open!, up ? b.low! : b.high!, up ? b.high! : b.low!, b.close!];
    const size = Math.max(l.lotSize, Math.round((b.volume ?? 0) / 4 / l.lotSize) * l.lotSize);
    for (let i = 0; i < 4; i++) out.push({ time: t + i * 15, price: prices[i]!, size, exchange, specialConditions: '' });
  }
  return out;
}

/** The window of bars a tick query needs: from its start forward, or back from its end. */
export function tickWindow(q: TickQuery, now: number): { endDateTime: string; forward: boolean; from: number; to: number } | { error: string } {
  const start = q.startDateTime.trim() ? parseIbDateTime(q.startDateTime) : undefined;
  const end = q.endDateTime.trim() ? parseIbDateTime(q.endDateTime) : undefined;
  if (q.startDateTime.trim() && start === undefined) return { error: `Invalid start date/time: ${q.startDateTime}` };
  if (q.endDateTime.trim() && end === undefined) return { error: `Invalid end date/time: ${q.endDateTime}` };
  if (start !== undefined && end !== undefined) return { error: 'Only one of start and end date/time may be given' };
  if (start !== undefined) return { endDateTime: '', forward: true, from: start, to: now };
  return { endDateTime: q.endDateTime, forward: false, from: -Infinity, to: Math.min(end ?? now, now) };
}

/** Price levels and the volume traded at each, bucketed to a sensible increment for the price. */
export function histogram(bars: readonly Bar[]): { price: number; size: number }[] {
  if (bars.length === 0) return [];
  const mid = bars[bars.length - 1]!.close ?? 1;
  const step = mid < 20 ? 0.01 : mid < 100 ? 0.05 : mid < 500 ? 0.1 : 0.5;
  const buckets = new Map<number, number>();
  for (const b of bars) {
    const p = Math.round(((b.high! + b.low! + b.close!) / 3) / step) * step;
    const key = Math.round(p * 100) / 100;
    buckets.set(key, (buckets.get(key) ?? 0) + (b.volume ?? 0));
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([price, size]) => ({ price, size }));
}

/** reqHistogramData's period ("3 days", "1 week", "2 weeks", "1 month") as a reqHistoricalData duration. */
export function histogramDuration(period: string): string | undefined {
  const m = /^(\d+)\s*(day|days|week|weeks|month|months)$/i.exec(period.trim());
  if (!m) return undefined;
  const unit = m[2]!.toLowerCase()[0] === 'd' ? 'D' : m[2]!.toLowerCase()[0] === 'w' ? 'W' : 'M';
  return `${m[1]} ${unit}`;
}
