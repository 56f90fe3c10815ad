/** Today's sessions, live ones first (the first eight, then all on request). */
import { useState } from 'react';
import { ShowAll } from '../../components/ShowAll.js';
import { CardContent } from '../../components/CardContent.js';
import { Card } from '../../components/ui.js';
import { dataState } from '../../lib/freshness.js';
import { shownRows } from '../../lib/lists.js';
import { useSessions } from '../../query/queries.js';
import { SessionRow } from './SessionRow.js';

export function SessionsCard(props: { showUser: boolean }) {
  const query = useSessions();
  const sessions = dataState(query);
  const [expanded, setExpanded] = useState(false);
  const all = sessions.data ?? [];
  const shown = shownRows(all, expanded);
  const live = all.filter((s) => s.live).length;
  return (
    <Card
      title="Sessions today"
      labelledBy="sessions-title"
      testId="sessions"
      stale={sessions.state === 'stale'}
      actions={sessions.data && <span className="small muted">{live > 0 ? `${live} live · ${all.length} today` : `${all.length} today`}</span>}
    >
      <CardContent
        unavailable={sessions.state === 'unavailable'}
        items={sessions.data}
        empty="No session today."
        loading={
          <div className="session-list" aria-busy="true" aria-label="Loading sessions">
            <span className="skeleton" style={{ width: '70%' }} />
          </div>
        }
      >
        {() => (
          <>
            <ul className={`session-list${query.isPlaceholderData ? ' switching' : ''}`}>
              {shown.rows.map((s) => (
                <SessionRow key={s.sessionId} session={s} showUser={props.showUser} />
              ))}
            </ul>
            <ShowAll more={shown.more} expanded={expanded} onToggle={() => setExpanded(!expanded)} testId="sessions-all" />
          </>
        )}
      </CardContent>
    </Card>
  );
}
