/**
 * The one rule for the instants a person types (`ccmon summary --since`, the web API's `since`/`until`):
 * ISO 8601, a calendar date (`2026-11-28`, local midnight) or a date and time (`2026-11-28T09:00`,
 * seconds and fractions optional) with `Z`, an offset (`+01:00`) or none (local time). A date that
 * does not exist (`2026-02-30`), a year before 1970 and a start in the future are refused with a
 * sentence; an end in the future means "until now" (nothing has been counted after now). Pure.
 */
const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export const instantHint = 'Use ISO 8601, e.g. 2026-11-28 or 2026-11-28T09:00:00Z.';

export type InstantParse = { ok: true; date: Date } | { ok: false; message: string };

/** Parses `value` by the rule above; `futureSlackMs` tolerates clocks a little apart (Infinity: any future instant). */
export function parseInstant(value: string, now = new Date(), futureSlackMs = 60_000): InstantParse {
  const m = isoPattern.exec(value.trim());
  if (!m) return { ok: false, message: `"${value}" is not an ISO 8601 date.` };
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return { ok: false, message: `"${value}" is not a date on the calendar.` };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, message: `"${value}" is not a time of day.` };
  const ms = Math.floor(Number(`0${frac || '.0'}`) * 1000);
  let date: Date;
  if (zone === undefined) date = new Date(year, month - 1, day, hour, minute, second, ms);
  else {
    const offsetMinutes = zone.toUpperCase() === 'Z' ? 0 : zoneMinutes(zone);
    if (offsetMinutes === null) return { ok: false, message: `"${value}" has an offset that is not ±HH:MM.` };
    date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000);
  }
  if (date.getTime() < 0) return { ok: false, message: `"${value}" is before 1970.` };
  if (date.getTime() > now.getTime() + futureSlackMs) return { ok: false, message: `"${value}" is in the future.` };
  return { ok: true, date };
}

function zoneMinutes(zone: string): number | null {
  const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!z) return null;
  const hours = Number(z[2]), minutes = Number(z[3]);
  if (hours > 23 || minutes > 59) return null;
  return (z[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** A summary window from typed instants: each parsed by the rule above, and since before until. */
export function parseWindow(since: string | undefined, until: string | undefined, now = new Date()): { ok: true; since?: Date; until?: Date } | { ok: false; field: 'since' | 'until'; message: string } {
  const s = since === undefined ? undefined : parseInstant(since, now);
  if (s && !s.ok) return { ok: false, field: 'since', message: s.message };
  const u = until === undefined ? undefined : parseInstant(until, now, Infinity);
  if (u && !u.ok) return { ok: false, field: 'until', message: u.message };
  const sinceDate = s?.ok ? s.date : undefined;
  const untilDate = u?.ok ? new Date(Math.min(u.date.getTime(), now.getTime())) : undefined;
  if (sinceDate && untilDate && sinceDate.getTime() >= untilDate.getTime()) return { ok: false, field: 'since', message: `since (${since}) must be before until (${until}).` };
  return { ok: true, ...(sinceDate ? { since: sinceDate } : {}), ...(untilDate ? { until: untilDate } : {}) };
}
