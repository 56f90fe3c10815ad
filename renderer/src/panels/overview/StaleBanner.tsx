/** The summary's source stopped answering: the last values stay, with their time; or none came yet. */
import type { Summary } from '../../../../electron/core/api/types.js';
import { ErrorCode } from '../../components/ErrorCallout.js';
import { bannerWords } from '../../lib/banner.js';
import { formatAgo, formatClock } from '../../lib/format.js';
import type { DataState } from '../../lib/freshness.js';

export function StaleBanner(props: { summary: DataState<Summary>; prometheusUrl: string | undefined; remote: boolean; now: number; onRetry: () => void }) {
  const { state, error, data } = props.summary;
  if (state !== 'stale' && state !== 'unavailable') return null;
  const words = bannerWords(error, props.prometheusUrl, props.remote);
  // The values' own time (when the host computed them), not when the page received them.
  const when = data ? Date.parse(data.asOf) : null;
  return (
    <div className={`banner ${state === 'stale' ? 'banner-warn' : 'banner-bad'}`} role="status" data-testid="stale-banner" data-state={state}>
      <div className="banner-text">
        <strong>{words.headline}</strong>{' '}
        {state === 'stale' && when !== null ? (
          <span data-testid="stale-since">
            Showing the last values, from <time dateTime={new Date(when).toISOString()}>{formatClock(when)}</time> ({formatAgo(when, props.now)}).
          </span>
        ) : (
          <span>No values yet.</span>
        )}
        <span className="banner-detail"> {words.hint}</span>
        {error && (
          <span className="banner-error" data-testid="stale-error">
            {error.message !== words.headline && `${error.message} `}
            <ErrorCode code={error.code} />
          </span>
        )}
      </div>
      <button type="button" className="btn btn-small" onClick={props.onRetry}>
        Retry
      </button>
    </div>
  );
}
