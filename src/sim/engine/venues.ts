// Trading hours of the venues beyond US equities, in each venue's own time
// zone, as contract details give them (IB's time zone names) and as the walk
// uses them (nothing moves while a venue is closed).
import type { SessionPhase } from './trading-hours';
import { zoneOffsetMs } from '../../shared/zoned-time';

export type VenueId = 'GLOBEX' | 'IDEALPRO' | 'PAXOS' | 'XETRA' | 'AEB' | 'LSE' | 'TSEJ' | 'CBOE_INDEX' | 'UST';

interface Session { from: number; to: number }
interface Venue {
  /** IB's timeZoneId in contract details. */
  ibZone: string;
  /** The IANA zone behind it. */
  zone: string;
  /** Minutes after local midnight, per weekday (0 Sunday); the trading sessions and the liquid (regular) ones. */
  trading(weekday: number): Session[];
  liquid(weekday: number): Session[];
}

const m = (h: number, min = 0): number => h * 60 + min;
const weekdays = (s: Session[]) => (d: number): Session[] => (d >= 1 && d <= 5 ? s : []);

export const VENUES: Record<VenueId, Venue> = {
  // CME Globex: Sunday 17:00 to Friday 16:00 Chicago time, with a daily hour's break at 16:00.
  GLOBEX: {
    ibZone: 'US/Central', zone: 'America/Chicago',
    trading: (d) => (d === 6 ? [] : d === 0 ? [{ from: m(17), to: m(24) }] : d === 5 ? [{ from: 0, to: m(16) }] : [{ from: 0, to: m(16) }, { from: m(17), to: m(24) }]),
    liquid: weekdays([{ from: m(8, 30), to: m(15) }]),
  },
  // IDEALPRO: Sunday 17:15 to Friday 17:00 New York time, a quarter-hour break each day.
  IDEALPRO: {
    ibZone: 'US/Eastern', zone: 'America/New_York',
    trading: (d) => (d === 6 ? [] : d === 0 ? [{ from: m(17, 15), to: m(24) }] : d === 5 ? [{ from: 0, to: m(17) }] : [{ from: 0, to: m(17) }, { from: m(17, 15), to: m(24) }]),
    liquid: (d) => (d === 6 ? [] : d === 0 ? [{ from: m(17, 15), to: m(24) }] : d === 5 ? [{ from: 0, to: m(17) }] : [{ from: 0, to: m(17) }, { from: m(17, 15), to: m(24) }]),
  },
  // Crypto on PAXOS trades around the clock, every day.
  PAXOS: { ibZone: 'US/Eastern', zone: 'America/New_York', trading: () => [{ from: 0, to: m(24) }], liquid: () => [{ from: 0, to: m(24) }] },
  XETRA: { ibZone: 'MET', zone: 'Europe/Berlin', trading: weekdays([{ from: m(8), to: m(22) }]), liquid: weekdays([{ from: m(9), to: m(17, 30) }]) },
  AEB: { ibZone: 'MET', zone: 'Europe/Amsterdam', trading: weekdays([{ from: m(9), to: m(17, 30) }]), liquid: weekdays([{ from: m(9), to: m(17, 30) }]) },
  LSE: { ibZone: 'Europe/London', zone: 'Europe/London', trading: weekdays([{ from: m(8), to: m(16, 30) }]), liquid: weekdays([{ from: m(8), to: m(16, 30) }]) },
  TSEJ: { ibZone: 'Japan', zone: 'Asia/Tokyo', trading: weekdays([{ from: m(9), to: m(11, 30) }, { from: m(12, 30), to: m(15, 30) }]), liquid: weekdays([{ from: m(9), to: m(11, 30) }, { from: m(12, 30), to: m(15, 30) }]) },
  // US Treasuries through SMART: Sunday 20:00 to Friday 17:00 New York time, liquid 08:00-17:00.
  UST: {
    ibZone: 'US/Eastern', zone: 'America/New_York',
    trading: (d) => (d === 6 ? [] : d === 0 ? [{ from: m(20), to: m(24) }] : d === 5 ? [{ from: 0, to: m(17) }] : [{ from: 0, to: m(17) }, { from: m(20), to: m(24) }]),
    liquid: weekdays([{ from: m(8), to: m(17) }]),
  },
  CBOE_INDEX: { ibZone: 'US/Central', zone: 'America/Chicago', trading: weekdays([{ from: m(2, 15), to: m(15, 15) }]), liquid: weekdays([{ from: m(8, 30), to: m(15, 15) }]) },
};

function local(zone: string, ms: number): { date: string; minutes: number; weekday: number } {
  const d = new Date(ms + zoneOffsetMs(zone, ms));
  const date = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  return { date, minutes: d.getUTCHours() * 60 + d.getUTCMinutes(), weekday: d.getUTCDay() };
}

export function venuePhase(id: VenueId, ms: number): SessionPhase {
  const v = VENUES[id];
  const t = local(v.zone, ms);
  const inside = (s: Session[]): boolean => s.some((x) => t.minutes >= x.from && t.minutes < x.to);
  if (inside(v.liquid(t.weekday))) return 'rth';
  // Tradable outside the liquid hours, like US extended hours.
  return inside(v.trading(t.weekday)) ? 'pre' : 'closed';
}

const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;

/** IB's "yyyyMMdd:HHmm-yyyyMMdd:HHmm;...;yyyyMMdd:CLOSED" strings for `days` local days from ms. */
export function venueHours(id: VenueId, ms: number, days = 7): { tradingHours: string; liquidHours: string; timeZoneId: string } {
  const v = VENUES[id];
  const render = (sessions: (d: number) => Session[]): string => {
    const out: string[] = [];
    for (let i = 0; i < days; i++) {
      const t = local(v.zone, ms + i * 86_400_000);
      const list = sessions(t.weekday);
      if (list.length === 0) out.push(`${t.date}:CLOSED`);
      for (const s of list) {
        // A session running to midnight ends at 00:00 of the next local day, as TWS writes it.
        const endDate = s.to >= m(24) ? local(v.zone, ms + (i + 1) * 86_400_000).date : t.date;
        out.push(`${t.date}:${hhmm(s.from)}-${endDate}:${hhmm(s.to)}`);
      }
    }
    return out.join(';');
  };
  return { tradingHours: render(v.trading), liquidHours: render(v.liquid), timeZoneId: v.ibZone };
}
