/** The US/Eastern calendar date of an instant, yyyyMMdd: the day US options and futures count their expiry in. */
// Made once: building a DateTimeFormat costs far more than using one.
const easternDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });

export function easternYmd(at: number): string {
  return easternDate.format(at).replaceAll('-', '');
}
