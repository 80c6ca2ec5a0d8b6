/**
 * US equity regular trading hours: 09:30-16:00 US/Eastern, Monday to
 * Friday. Exchange holidays are not known here; on a holiday the gateway
 * itself refuses or holds orders, and the check errs towards "open" only on
 * those days.
 */
// Made once: building a DateTimeFormat costs far more than using one, and this runs in every risk check.
const easternClock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function usRegularHoursOpen(at: number): boolean {
  const parts = easternClock.formatToParts(at);
  const weekday = parts.find((p) => p.type === 'weekday')?.value ?? '';
  const minute = Number(parts.find((p) => p.type === 'hour')?.value ?? 0) * 60 + Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  if (weekday === 'Sat' || weekday === 'Sun') return false;
  return minute >= 9 * 60 + 30 && minute < 16 * 60;
}
