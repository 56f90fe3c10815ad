/** Numbers and times for people. Money and tokens reuse the core's formatters (one rule everywhere). */
import type { ChartRange } from '../../../electron/core/api/domain.js';
export { formatDuration, formatTokens, formatUsd } from '../../../electron/core/format/numbers.js';

/** "14:03:04" (local time, 24-hour), the stamp shown on stale values. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** "just now", "42 s ago", "5 min ago", "3 h ago". */
export function formatAgo(epochMs: number, now: number): string {
  const s = Math.max(0, Math.round((now - epochMs) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} d ago`;
}

/** Axis label of a bucket start for a range: hours for 24 h, weekday + hour for 7 d, date for 30 d. */
export function formatBucket(t: number, range: ChartRange, locale?: string): string {
  const d = new Date(t);
  if (range === '24h') return d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false });
  if (range === '7d') return `${d.toLocaleDateString(locale, { weekday: 'short' })} ${String(d.getHours()).padStart(2, '0')}h`;
  return d.toLocaleDateString(locale, { month: 'short', day: 'numeric' });
}

/** Compact money for chart axes: $0, $0.5, $12, $1.2k. */
export function formatUsdAxis(v: number): string {
  if (v === 0) return '$0';
  if (Math.abs(v) >= 1000) return `$${(v / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  if (Math.abs(v) >= 10) return `$${Math.round(v)}`;
  if (Math.abs(v) >= 1) return `$${v.toFixed(1).replace(/\.0$/, '')}`;
  return `$${v.toFixed(2)}`;
}

/** A whole count with thousands separators: 1,234. */
export function formatCount(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}

/** "claude-opus-4-5-20251101" → "Opus 4.5", "claude-3-5-haiku-20241022" → "Haiku 3.5"; other names unchanged. */
export function prettyModel(model: string): string {
  const m = /^claude-(opus|sonnet|haiku)-(\d+)(?:-(\d{1,2}))?(?:-\d{8})?$/.exec(model) ?? null;
  if (m) return `${m[1]!.charAt(0).toUpperCase()}${m[1]!.slice(1)} ${m[2]}${m[3] ? `.${m[3]}` : ''}`;
  const old = /^claude-(\d+)(?:-(\d{1,2}))?-(opus|sonnet|haiku)(?:-\d{8})?$/.exec(model);
  if (old) return `${old[3]!.charAt(0).toUpperCase()}${old[3]!.slice(1)} ${old[1]}${old[2] ? `.${old[2]}` : ''}`;
  return model;
}
