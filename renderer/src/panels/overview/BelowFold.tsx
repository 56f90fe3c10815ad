/**
 * The overview's lower panels, loaded as their own chunk once the summary has painted: cost by
 * project, today's sessions, and (team scope, or several machines) the by-person and by-machine tables.
 */
import type { Summary } from '../../../../electron/core/api/types.js';
import type { DataState } from '../../lib/freshness.js';
import { teamTables } from '../../lib/team.js';
import { useScope } from '../../query/scope.js';
import { ByProject } from './ByProject.js';
import { GroupTable } from './GroupTable.js';
import { SessionsCard } from './SessionsCard.js';
import '../../styles/lists.css';

export function BelowFold(props: { summary: DataState<Summary>; now: number }) {
  const { remote, scope } = useScope();
  const s = props.summary.data;
  const tables = teamTables(remote, scope, s?.byMachine.length ?? 0);
  const stale = props.summary.state === 'stale';
  return (
    <>
      <ByProject summary={props.summary} now={props.now} />
      <SessionsCard showUser={tables.people} />
      {s && tables.people && <GroupTable title="Today by person" column="Person" rows={s.byUser.map((u) => ({ ...u, name: u.user }))} testId="by-person" stale={stale} />}
      {s && tables.machines && <GroupTable title="Today by machine" column="Machine" rows={s.byMachine.map((m) => ({ ...m, name: m.machine }))} testId="by-machine" stale={stale} />}
    </>
  );
}
