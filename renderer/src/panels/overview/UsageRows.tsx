/** Parts of a window's cost (projects): name, cost, a bar against the largest part, tokens and sessions. */
import { useState } from 'react';
import type { GroupUsage } from '../../../../electron/core/api/types.js';
import { totalTokens } from '../../../../electron/core/format/tokens.js';
import { ShowAll } from '../../components/ShowAll.js';
import { formatCount, formatTokens, formatUsd } from '../../lib/format.js';
import { shownRows } from '../../lib/lists.js';

export interface NamedUsage extends GroupUsage {
  name: string;
}

function Row(props: { usage: NamedUsage; maxCostUsd: number; testId: string }) {
  const u = props.usage;
  const share = props.maxCostUsd > 0 ? Math.max(2, (u.costUsd / props.maxCostUsd) * 100) : 0;
  return (
    <li className="usage-row" data-testid={props.testId} data-name={u.name}>
      <div className="usage-name" title={u.name}>
        {u.name}
      </div>
      <div className="usage-cost">{formatUsd(u.costUsd)}</div>
      <div className="usage-bar" aria-hidden="true">
        <span style={{ width: `${share}%` }} />
      </div>
      <div className="usage-detail">
        {formatTokens(totalTokens(u.tokens))} tokens · {formatCount(u.sessions)} session{u.sessions === 1 ? '' : 's'}
      </div>
    </li>
  );
}

export function UsageRows(props: { rows: readonly NamedUsage[]; rowTestId: string; switching?: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const shown = shownRows(props.rows, expanded);
  const max = Math.max(0, ...props.rows.map((r) => r.costUsd));
  return (
    <>
      <ul className={`usage-rows${props.switching ? ' switching' : ''}`}>
        {shown.rows.map((r) => (
          <Row key={r.name} usage={r} maxCostUsd={max} testId={props.rowTestId} />
        ))}
      </ul>
      <ShowAll more={shown.more} expanded={expanded} onToggle={() => setExpanded(!expanded)} testId={`${props.rowTestId}-all`} />
    </>
  );
}
