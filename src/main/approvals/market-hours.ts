/**
 * US equity regular trading hours: 09:30-16:00 US/Eastern, Monday to
 * Friday. Exchange holidays are not known here; on a holiday the gateway
 * itself refuses or holds orders, and the check errs towards "open" only on
 * those days.
 */
import { zonedParts } from '../../shared/zoned-time';

export function usRegularHoursOpen(at: number): boolean {
  const eastern = zonedParts('America/New_York', at);
  const minute = eastern.hour * 60 + eastern.minute;
  if (eastern.weekday === 0 || eastern.weekday === 6) return false;
  return minute >= 9 * 60 + 30 && minute < 16 * 60;
}
