/** Today's usage: tokens, sessions, lines of code, commits, pull requests, active time, tokens by type. */
import type { Summary } from '../../../../electron/core/api/types.js';
import { totalTokens } from '../../../../electron/core/format/tokens.js';
import { Card, Stat } from '../../components/ui.js';
import { formatCount, formatDuration, formatTokens } from '../../lib/format.js';
import type { DataState } from '../../lib/freshness.js';
import type { Palette } from '../../lib/palette.js';
import { TokenBar } from './TokenBar.js';

function LinesOfCode(props: { added: number; removed: number }) {
  return (
    <>
      <span className="added">+{formatCount(props.added)}</span> <span className="removed">−{formatCount(props.removed)}</span>
    </>
  );
}

export function UsageStats(props: { summary: DataState<Summary>; palette: Palette; compact: boolean }) {
  const s = props.summary.data;
  const loading = props.summary.state === 'loading';
  const active = s?.activeTimeSeconds;
  return (
    <Card title="Today's usage" labelledBy="usage-title" testId="usage" stale={props.summary.state === 'stale'}>
      <div className="stats">
        <Stat label="Tokens" loading={loading} value={s ? formatTokens(totalTokens(s.tokens)) : '—'} testId="stat-tokens" />
        <Stat label="Sessions" loading={loading} value={s ? formatCount(s.sessions) : '—'} testId="stat-sessions" />
        <Stat label="Lines of code" loading={loading} value={s ? <LinesOfCode {...s.linesOfCode} /> : '—'} testId="stat-loc" />
        <Stat label="Commits" loading={loading} value={s ? formatCount(s.commits) : '—'} testId="stat-commits" />
        <Stat label="Pull requests" loading={loading} value={s ? formatCount(s.pullRequests) : '—'} testId="stat-prs" />
        <Stat
          label="Active time"
          loading={loading}
          value={active ? formatDuration(active.user + active.cli) : '—'}
          sub={active ? (props.compact ? `Claude ${formatDuration(active.cli)}` : `you ${formatDuration(active.user)} · Claude ${formatDuration(active.cli)}`) : undefined}
          subTitle={active ? `You: ${formatDuration(active.user)}, Claude: ${formatDuration(active.cli)}` : undefined}
          testId="stat-active"
        />
      </div>
      <TokenBar tokens={s?.tokens ?? null} loading={loading} palette={props.palette} />
    </Card>
  );
}
