/** One session: live dot, project, branch (and worktree), cost; models, tokens, time span, whose, and its Grafana link. */
import type { SessionView } from '../../../../electron/core/api/types.js';
import { totalTokens } from '../../../../electron/core/format/tokens.js';
import { ExternalButton } from '../../components/ui.js';
import { formatTokens, formatUsd, prettyModel } from '../../lib/format.js';
import { sessionPlace, sessionSpan, shortName } from '../../lib/sessions.js';

export function SessionRow(props: { session: SessionView; showUser: boolean }) {
  const s = props.session;
  const place = sessionPlace(s);
  return (
    <li className="session-row" data-testid="session-row" data-session={s.sessionId} data-live={s.live ? 'true' : undefined}>
      <div className="session-main">
        <span className={`live-dot ${s.live ? 'on' : ''}`} title={s.live ? 'Live' : 'Ended'} aria-label={s.live ? 'Live' : undefined} role={s.live ? 'img' : undefined} />
        <span className="session-project" data-testid="session-project" title={s.repo || s.project}>
          {s.project}
        </span>
        {place && (
          <span className="session-place mono" data-testid="session-place">
            {place}
          </span>
        )}
        <span className="session-cost">{formatUsd(s.costUsd)}</span>
      </div>
      <div className="session-meta">
        <span className="session-facts" title={props.showUser ? `${s.user} on ${s.machine}` : undefined}>
          {[s.models.map(prettyModel).join(', '), `${formatTokens(totalTokens(s.tokens))} tokens`, sessionSpan(s), props.showUser ? shortName(s.user) : ''].filter(Boolean).join(' · ')}
        </span>
        <ExternalButton href={s.grafanaUrl} small testId="session-grafana" title="Open this session in Grafana">
          Grafana
        </ExternalButton>
      </div>
    </li>
  );
}
