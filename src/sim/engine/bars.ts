// Historical bars generated to agree with the live walk: the bar holding
// "now" closes at the current last price (and today's daily bar carries the
// live open/high/low/volume, yesterday's closes at the previous close); older
// bars walk backwards from there with randomness keyed by (seed, conId, bar
// size, bar start), so the same seed and clock always give the same history.
// Bars are anchored at the live price, so two requests made at different
// times see the same shape scaled to that moment's price.
import type { Listing } from './catalogue';
import { addDays, barTime, easternOffset, easternParts, parseIbDateTime, ymd } from './eastern-time';
import { tickRounder } from './market';
import { Random, mixSeed } from './random';
import { tradingDay, type MarketHours } from './trading-hours';
import type { Bar, BarQuery, Quote } from './types';

const DAY_MS = 86_400_000;
const RTH_MS_PER_YEAR = 252 * 6.5 * 3600_000;
const MAX_BARS = 100_000;

const BAR_SIZES: Record<string, number> = {
  '1 secs': 1_000, '5 secs': 5_000, '10 secs': 10_000, '15 secs': 15_000, '30 secs': 30_000,
  '1 min': 60_000, '2 mins': 120_000, '3 mins': 180_000, '5 mins': 300_000, '10 mins': 600_000,
  '15 mins': 900_000, '20 mins': 1_200_000, '30 mins': 1_800_000,
  '1 hour': 3_600_000, '2 hours': 7_200_000, '3 hours': 10_800_000, '4 hours': 14_400_000, '8 hours': 28_800_000,
  '1 day': DAY_MS, '1 week': 7 * DAY_MS, '1 month': 30 * DAY_MS,
};

export type BarSize = { kind: 'intraday'; ms: number } | { kind: 'day' | 'week' | 'month' };

export function parseBarSize(text: string): BarSize {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const alias = t === '1 sec' ? '1 secs' : t === '1 hours' ? '1 hour' : t === '1 mins' ? '1 min' : t === '1 days' ? '1 day' : t;
  const ms = BAR_SIZES[alias];
  if (ms === undefined) throw new Error(`Invalid bar size: ${text}`);
  if (alias === '1 day') return { kind: 'day' };
  if (alias === '1 week') return { kind: 'week' };
  if (alias === '1 month') return { kind: 'month' };
  return { kind: 'intraday', ms };
}

export type Duration = { unit: 'S'; seconds: number } | { unit: 'D' | 'W' | 'M' | 'Y'; count: number };

export function parseDuration(text: string): Duration {
  const m = /^(\d+)\s*([SDWMY])$/i.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new Error(`Invalid duration: ${text}`);
  const n = Number(m[1]);
  const unit = m[2]!.toUpperCase() as Duration['unit'];
  return unit === 'S' ? { unit, seconds: n } : { unit, count: n };
}

/** Trading sessions a duration covers when counted in days. */
function sessionsIn(d: Exclude<Duration, { unit: 'S' }>): number {
  switch (d.unit) {
    case 'D': return d.count;
    case 'W': return 5 * d.count;
    case 'M': return 21 * d.count;
    case 'Y': return 252 * d.count;
  }
}

const cents = (p: number): number => Math.round(p * 100) / 100;

interface Slot {
  start: number;
  end: number;
  /** Eastern "yyyyMMdd" of the session the bar belongs to. */
  date: string;
}

export interface BarContext {
  listing: Listing;
  seed: number;
  now: number;
  quote: Quote;
  hours: MarketHours;
}

export function historicalBars(ctx: BarContext, q: BarQuery): Bar[] {
  const size = parseBarSize(q.barSizeSetting);
  const duration = parseDuration(q.durationStr);
  const what = q.whatToShow.trim().toUpperCase() || 'TRADES';
  if (!['TRADES', 'MIDPOINT', 'BID', 'ASK', 'BID_ASK', 'ADJUSTED_LAST'].includes(what)) {
    throw new Error(`whatToShow ${q.whatToShow} is not available for stocks in the simulator`);
  }
  let end = ctx.now;
  if (q.endDateTime.trim() !== '') {
    const parsed = parseIbDateTime(q.endDateTime);
    if (parsed === undefined) throw new Error(`Invalid end date/time: ${q.endDateTime}`);
    end = Math.min(parsed, ctx.now);
  }
  const rth = q.useRTH === true || q.useRTH === 1;
  let shown: Bar[];
  if (size.kind === 'day') {
    const slots = dailySlots(ctx.now, end, duration, ctx.hours);
    shown = inWindow(walkBack(ctx, slots, true, DAY_MS, undefined), slots, duration, end);
  } else if (size.kind === 'intraday') {
    const slots = intradaySlots(ctx.now, end, duration, size.ms, rth, ctx.hours);
    if (slots.length > MAX_BARS) throw new Error('Historical data request for too many bars');
    // Each earlier session's last bar closes at that session's daily close, so intraday history agrees with the
    // daily bars and a window in the past costs only its own bars, however long ago it is.
    shown = inWindow(walkBack(ctx, slots, false, size.ms, sessionCloses(ctx, slots)), slots, duration, end);
  } else {
    shown = calendarBars(ctx, end, duration, size.kind);
  }
  const tick = ctx.listing.spec?.minTick ?? 0.01;
  return what === 'TRADES' || what === 'ADJUSTED_LAST' ? shown : shown.map((b) => quoteSide(b, what, tick));
}

function inWindow(bars: Bar[], slots: Slot[], duration: Duration, end: number): Bar[] {
  const from = windowStart(duration, end, slots);
  const out: Bar[] = [];
  for (let i = 0; i < slots.length; i++) if (slots[i]!.start < end && slots[i]!.start >= from) out.push(bars[i]!);
  return out;
}

/** Closing price of every session date in `slots` before today, from the same daily walk the daily bars use. */
function sessionCloses(ctx: BarContext, slots: Slot[]): Map<string, number> {
  const closes = new Map<string, number>();
  const first = slots[0];
  if (!first) return closes;
  const calendarDays = Math.ceil((ctx.now - first.start) / DAY_MS) + 2;
  const days = dailySlots(ctx.now, ctx.now, { unit: 'D', count: calendarDays }, ctx.hours);
  const bars = walkBack(ctx, days, true, DAY_MS, undefined);
  for (let i = 0; i < days.length; i++) closes.set(days[i]!.date, bars[i]!.close!);
  return closes;
}

/**
 * Weekly and monthly bars: whole calendar weeks (Monday to Friday) or months of
 * daily bars, each dated by its first trading day, the last one holding today.
 */
function calendarBars(ctx: BarContext, end: number, duration: Duration, by: 'week' | 'month'): Bar[] {
  const wanted = calendarPeriods(duration, by);
  const sessionsPerPeriod = by === 'week' ? 5 : 23;
  const slots = dailySlots(ctx.now, end, { unit: 'D', count: (wanted + 1) * sessionsPerPeriod }, ctx.hours);
  const daily = walkBack(ctx, slots, true, DAY_MS, undefined);
  const keep: number[] = [];
  for (let i = 0; i < slots.length; i++) if (slots[i]!.start < end) keep.push(i);
  const grouped = group(keep.map((i) => daily[i]!), keep.map((i) => slots[i]!), by);
  // The oldest group may be cut short by how far back the daily walk went; whole periods only.
  return grouped.slice(Math.max(0, grouped.length - wanted));
}

function calendarPeriods(d: Duration, by: 'week' | 'month'): number {
  const days = d.unit === 'S' ? d.seconds / 86_400 : d.unit === 'D' ? d.count : d.unit === 'W' ? d.count * 7 : d.unit === 'M' ? d.count * 30.44 : d.count * 365.25;
  return Math.max(1, Math.ceil(by === 'week' ? days / 7 : days / 30.44));
}

function windowStart(d: Duration, end: number, slots: Slot[]): number {
  if (d.unit === 'S') return end - d.seconds * 1000;
  // Day-counted durations cover whole sessions; keep the last N distinct session dates before end.
  const dates: string[] = [];
  for (let i = slots.length - 1; i >= 0; i--) {
    const s = slots[i]!;
    if (s.start >= end) continue;
    if (dates[dates.length - 1] !== s.date) dates.push(s.date);
  }
  const n = sessionsIn(d);
  const firstDate = dates[Math.min(n, dates.length) - 1];
  const first = slots.find((s) => s.date === firstDate);
  return first ? first.start : end;
}

function intradaySlots(now: number, end: number, duration: Duration, barMs: number, rth: boolean, hours: MarketHours): Slot[] {
  const sessionsNeeded = duration.unit === 'S' ? Math.ceil(duration.seconds / (6.5 * 3600)) + 1 : sessionsIn(duration) + 1;
  const earliest = duration.unit === 'S' ? end - duration.seconds * 1000 : -Infinity;
  const days: ReturnType<typeof tradingDay>[] = [];
  // Walk back over calendar days until enough sessions before `end` are found, then forward to now.
  let d = tradingDay(now, hours);
  let before = 0;
  for (let guard = 0; guard < 4000; guard++) {
    if (d.tradingDay) {
      days.push(d);
      if (d.start < end) before++;
      if (before >= sessionsNeeded || d.extendedClose < earliest) break;
    }
    d = tradingDay(d.start - 1, hours);
  }
  days.reverse();
  // Today's bars always walk back from the live price, so they are generated up to now; an earlier session
  // is anchored at its own daily close and stops at the window's end.
  const limit = end >= tradingDay(now, hours).start ? now + 1 : end;
  const slots: Slot[] = [];
  for (const day of days) {
    const from = rth ? day.open : day.extendedOpen;
    const to = rth ? day.close : day.extendedClose;
    let t = day.start + Math.floor((from - day.start) / barMs) * barMs;
    for (; t < to && t <= now && t < limit; t += barMs) {
      const start = Math.max(t, from);
      slots.push({ start, end: Math.min(t + barMs, to), date: day.date });
      if (slots.length > MAX_BARS) return slots;
    }
  }
  return slots;
}

function dailySlots(now: number, end: number, duration: Duration, hours: MarketHours): Slot[] {
  const sessions = duration.unit === 'S' ? Math.ceil(duration.seconds / 86_400) + 1 : sessionsIn(duration) + 1;
  const out: Slot[] = [];
  let d = tradingDay(now, hours);
  // Today's bar exists once the day's trading has begun.
  let before = 0;
  for (let guard = 0; guard < 20_000 && before < sessions; guard++) {
    if (d.tradingDay && d.extendedOpen <= now) {
      out.push({ start: d.start, end: d.end, date: d.date });
      if (d.start < end) before++;
    }
    d = tradingDay(d.start - 1, hours);
  }
  return out.reverse();
}

function walkBack(ctx: BarContext, slots: Slot[], daily: boolean, barMs: number, closes: Map<string, number> | undefined): Bar[] {
  const { listing, seed, quote, now } = ctx;
  const round = tickRounder(listing.spec?.minTick ?? 0.01);
  const sigma = daily ? listing.vol / Math.sqrt(252) : listing.vol * Math.sqrt(barMs / RTH_MS_PER_YEAR);
  const bars: Bar[] = new Array<Bar>(slots.length);
  const todayDate = ymd(easternParts(now));
  let close = quote.last;
  // Sessions never span a daylight-saving switch (it happens at 02:00), so one offset serves a whole date.
  let offsetDate = '';
  let offset = 0;
  for (let i = slots.length - 1; i >= 0; i--) {
    const s = slots[i]!;
    if (!daily && s.date !== offsetDate) {
      offsetDate = s.date;
      offset = easternOffset(s.start);
      const sessionClose = s.date === todayDate ? undefined : closes?.get(s.date);
      if (sessionClose !== undefined) close = sessionClose;
    }
    const r = new Random(mixSeed(seed, listing.conId, daily ? 86_400 : barMs / 1000, Math.floor(s.start / 1000)));
    const z = r.normal();
    let open = close * Math.exp(-sigma * z);
    const wiggle = Math.abs(r.normal()) * sigma * 0.5;
    let high = Math.max(open, close) * (1 + wiggle);
    let low = Math.min(open, close) * (1 - Math.abs(r.normal()) * sigma * 0.5);
    // Roughly what the live walk prints: ~400 lots a minute in regular hours.
    const lotScale = daily ? 150_000 : Math.max(1 / 60, barMs / 60_000) * 400;
    let volume = Math.round(listing.lotSize * lotScale * (0.5 + r.next()));
    if (daily && s.date === todayDate) {
      // Today's daily bar is the live day so far.
      open = quote.open;
      high = Math.max(quote.high, quote.last, quote.open);
      low = Math.min(quote.low, quote.last, quote.open);
      volume = quote.volume;
    } else if (i === slots.length - 1 && s.end > now) {
      high = Math.max(high, quote.last);
      low = Math.min(low, quote.last);
    }
    const c = round(close);
    const o = round(open);
    const h = Math.max(round(high), o, c);
    const l = Math.min(round(low), o, c);
    bars[i] = {
      time: daily ? s.date : barTime(s.start, offset), open: o, high: h, low: l, close: c,
      volume, WAP: cents((h + l + c) / 3), count: Math.max(1, Math.round(volume / listing.lotSize)),
    };
    // Yesterday's daily bar closes where the live quote says the previous session closed.
    close = daily && s.date === todayDate ? quote.close : open;
  }
  return bars;
}

function group(bars: Bar[], slots: Slot[], by: 'week' | 'month'): Bar[] {
  const out: Bar[] = [];
  let key = '';
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i]!;
    const s = slots[i]!;
    const p = easternParts(s.start + 12 * 3600_000);
    const k = by === 'month' ? `${p.year}${p.month}` : ymd(addDays(p, -((p.weekday + 6) % 7)));
    const prev = out[out.length - 1];
    if (prev && k === key) {
      prev.high = Math.max(prev.high!, b.high!);
      prev.low = Math.min(prev.low!, b.low!);
      prev.close = b.close;
      prev.volume = prev.volume! + b.volume!;
      prev.count = prev.count! + b.count!;
      prev.WAP = cents((prev.high + prev.low + prev.close!) / 3);
    } else {
      out.push({ ...b });
      key = k;
    }
  }
  return out;
}

function quoteSide(b: Bar, what: string, tick: number): Bar {
  // Quote-based bars carry no traded volume; IB sends -1.
  const shift = what === 'BID' ? -tick : what === 'ASK' ? tick : 0;
  const round = tickRounder(tick);
  const adj = (p: number | undefined): number => round((p ?? 0) + shift);
  return { ...b, open: adj(b.open), high: adj(b.high), low: adj(b.low), close: adj(b.close), volume: -1, WAP: -1, count: -1 };
}
