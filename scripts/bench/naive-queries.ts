/** What a dashboard built the usual way asks: one `sum(increase(x[range]))` per figure. Pure. */
import { periodStarts } from '../../electron/core/summary/time-windows.js';
import { metricSelector, type ClaudeMetric } from '../../electron/core/telemetry/metrics.js';

/** `[range]` of the window from `since` to `now`, in whole seconds. */
export const rangeSince = (since: Date, now: Date): string => `${Math.round((now.getTime() - since.getTime()) / 1000)}s`;

export const naiveIncrease = (m: ClaudeMetric, range: string, by = ''): string => `sum${by ? ` by (${by})` : ''}(increase(${metricSelector(m)}[${range}]))`;

/** Today's figures and the 7- and 30-day costs, as the summary reports them. */
export function naiveQueries(now: Date): string[] {
  const p = periodStarts(now);
  const today = rangeSince(p.today, now);
  return [
    naiveIncrease('cost', today, 'model'),
    naiveIncrease('tokens', today, 'model, type'),
    naiveIncrease('linesOfCode', today, 'type'),
    naiveIncrease('commits', today),
    naiveIncrease('pullRequests', today),
    naiveIncrease('activeTime', today, 'type'),
    `count(count by (session_id) (increase(${metricSelector('sessionCount')}[${today}])))`,
    naiveIncrease('cost', rangeSince(p.last7Days, now)),
    naiveIncrease('cost', rangeSince(p.last30Days, now)),
  ];
}
