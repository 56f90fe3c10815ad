/** Clock times and countdowns for people (local time, 24-hour). Pure. */

const pad = (n: number): string => String(n).padStart(2, '0');
const dayStart = (ms: number): number => new Date(ms).setHours(0, 0, 0, 0);

/** "09:05". */
export function formatHm(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "at 00:51" the same day, "on Fri at 19:50" within a week, "on Dec 9 at 19:50" further off (either way). */
export function whenPhrase(ms: number, now: number, locale = 'en-US'): string {
  const days = Math.round((dayStart(ms) - dayStart(now)) / 86_400_000);
  if (days === 0) return `at ${formatHm(ms)}`;
  const d = new Date(ms);
  const day = Math.abs(days) < 7 ? d.toLocaleDateString(locale, { weekday: 'short' }) : d.toLocaleDateString(locale, { month: 'short', day: 'numeric' });
  return `on ${day} at ${formatHm(ms)}`;
}

/** "2 h 10 min", "3 d 5 h", "45 min", "under a minute": the whole minutes left (never rounded up). */
export function formatTimeLeft(untilMs: number, now: number): string {
  const minutes = Math.floor((untilMs - now) / 60_000);
  if (minutes < 1) return 'under a minute';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

/** Local midnight `daysBack` days before `now`'s day, as ISO (the summary's calendar rule for its periods). */
export function localMidnightIso(now: number, daysBack: number): string {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysBack).toISOString();
}
