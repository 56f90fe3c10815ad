/** Calendar windows in the user's local time zone (the process's TZ). */

export function startOfLocalDay(now: Date, daysBack = 0): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysBack);
}

export interface Periods {
  today: Date;
  last7Days: Date;
  last30Days: Date;
}

/** Starts of the periods shown as "today", "7 days" and "30 days": calendar days including today. */
export function periodStarts(now: Date): Periods {
  return { today: startOfLocalDay(now), last7Days: startOfLocalDay(now, 6), last30Days: startOfLocalDay(now, 29) };
}
