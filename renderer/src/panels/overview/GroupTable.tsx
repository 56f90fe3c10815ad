/** Today's usage by person or by machine: a small table, most expensive first. */
import { useState } from 'react';
import type { GroupUsage } from '../../../../electron/core/api/types.js';
import { totalTokens } from '../../../../electron/core/format/tokens.js';
import { ShowAll } from '../../components/ShowAll.js';
import { Card } from '../../components/ui.js';
import { formatCount, formatTokens, formatUsd } from '../../lib/format.js';
import { shownRows } from '../../lib/lists.js';

export function GroupTable(props: { title: string; column: string; rows: readonly (GroupUsage & { name: string })[]; testId: string; stale: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const shown = shownRows(props.rows, expanded);
  return (
    <Card title={props.title} labelledBy={`${props.testId}-title`} testId={props.testId} stale={props.stale}>
      {props.rows.length === 0 ? (
        <p className="muted">No session today.</p>
      ) : (
        <table className="group-table">
          <thead>
            <tr>
              <th scope="col">{props.column}</th>
              <th scope="col">Sessions</th>
              <th scope="col">Tokens</th>
              <th scope="col">Cost</th>
            </tr>
          </thead>
          <tbody>
            {shown.rows.map((r) => (
              <tr key={r.name} data-testid={`${props.testId}-row`} data-name={r.name}>
                <th scope="row" title={r.name}>
                  {r.name}
                </th>
                <td>{formatCount(r.sessions)}</td>
                <td>{formatTokens(totalTokens(r.tokens))}</td>
                <td>{formatUsd(r.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ShowAll more={shown.more} expanded={expanded} onToggle={() => setExpanded(!expanded)} testId={`${props.testId}-all`} />
    </Card>
  );
}
