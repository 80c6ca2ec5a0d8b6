// IB's historical data pacing, which applies to small bars (30 seconds or
// less): no identical request within 15 s, no more than 5 requests for the same
// contract and data type within 2 s, no more than 60 requests in 10 minutes.
// Breaking any of them earns error 162 "Pacing violation". Measured on the sim
// clock, like the data itself.
import type { ReqHistoricalData } from './wire/incoming/historical-data';

const SMALL_BAR = /^(1|5|10|15|30) secs?$/;

export class HistoryPacing {
  private readonly recent: { at: number; key: string; series: string }[] = [];

  constructor(private readonly now: () => number) {}

  /** Returns a reason if this request violates pacing; records it otherwise. */
  check(req: ReqHistoricalData, conId: number): string | undefined {
    if (!SMALL_BAR.test(req.barSizeSetting.trim())) return undefined;
    const t = this.now();
    while (this.recent.length > 0 && (this.recent[0] as { at: number }).at <= t - 600_000) this.recent.shift();
    const series = `${conId}|${req.whatToShow}`;
    const key = `${series}|${req.endDateTime}|${req.durationStr}|${req.barSizeSetting}|${req.useRTH}`;
    if (this.recent.some((r) => r.key === key && r.at > t - 15_000)) return 'identical request within 15 seconds';
    if (this.recent.filter((r) => r.series === series && r.at > t - 2_000).length >= 5) return 'six or more requests for the same contract within 2 seconds';
    if (this.recent.length >= 60) return 'more than 60 requests within 10 minutes';
    this.recent.push({ at: t, key, series });
    return undefined;
  }
}
