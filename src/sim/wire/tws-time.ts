// TWS prints times in the exchange's zone (US/Eastern for everything we list).

const eastern = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
});

function parts(ms: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of eastern.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

/** "yyyymmdd hh:mm:ss TZ", as in the server hello (e.g. "20240102 10:00:00 EST"). */
export function twsConnectionTime(ms: number): string {
  const p = parts(ms);
  return `${p.year}${p.month}${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName}`;
}

/** "HH:MM" of an account update, Eastern time. */
export function twsAccountTime(ms: number): string {
  const p = parts(ms);
  return `${p.hour}:${p.minute}`;
}

/** "yyyymmdd hh:mm:ss", Eastern: the range stamps of a historical data answer. */
export function twsDateTime(ms: number): string {
  const p = parts(ms);
  return `${p.year}${p.month}${p.day} ${p.hour}:${p.minute}:${p.second}`;
}
