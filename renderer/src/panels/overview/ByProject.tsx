/**
 * Cost by project over today, 7 days or 30 days. Today is the summary's; the longer windows are
 * summaries from local midnight 6 or 29 days back (the summary's own calendar rule for its periods).
 */
import { useState } from 'react';
import type { Summary } from '../../../../electron/core/api/types.js';
import { CardContent } from '../../components/CardContent.js';
import { Card, Segmented } from '../../components/ui.js';
import { dataState, type DataState } from '../../lib/freshness.js';
import { localMidnightIso } from '../../lib/when.js';
import { useSummarySince } from '../../query/queries.js';
import { UsageRows } from './UsageRows.js';

const ranges = ['today', '7d', '30d'] as const;
type ProjectRange = (typeof ranges)[number];
const rangeNames: Record<ProjectRange, string> = { today: 'Today', '7d': '7 days', '30d': '30 days' };
const daysBack: Record<Exclude<ProjectRange, 'today'>, number> = { '7d': 6, '30d': 29 };
const emptyText: Record<ProjectRange, string> = { today: 'No session today.', '7d': 'No session in the last 7 days.', '30d': 'No session in the last 30 days.' };

export function ByProject(props: { summary: DataState<Summary>; now: number }) {
  const [range, setRange] = useState<ProjectRange>('today');
  const since = range === 'today' ? null : localMidnightIso(props.now, daysBack[range]);
  const longer = useSummarySince(since);
  const source = range === 'today' ? props.summary : dataState(longer);
  const rows = source.data?.byProject.map((p) => ({ ...p, name: p.project })) ?? null;
  return (
    <Card
      title="Cost by project"
      labelledBy="byproject-title"
      testId="by-project"
      stale={source.state === 'stale'}
      actions={<Segmented label="Project range" options={ranges} value={range} onChange={setRange} render={(r) => rangeNames[r]} testId="project-range" />}
    >
      <CardContent
        unavailable={source.state === 'unavailable'}
        items={rows}
        empty={emptyText[range]}
        loading={
          <div className="usage-rows" aria-busy="true" aria-label="Loading projects">
            <span className="skeleton" style={{ width: '60%' }} />
            <span className="skeleton" style={{ width: '40%' }} />
          </div>
        }
      >
        {(projects) => <UsageRows rows={projects} rowTestId="project-row" switching={range !== 'today' && longer.isPlaceholderData} />}
      </CardContent>
    </Card>
  );
}
