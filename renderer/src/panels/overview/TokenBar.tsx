/** Today's tokens by type: one bar in proportion, and a legend with the counts. */
import type { TokenCounts } from '../../../../electron/core/api/types.js';
import { totalTokens } from '../../../../electron/core/format/tokens.js';
import { Value } from '../../components/ui.js';
import { formatTokens } from '../../lib/format.js';
import type { Palette } from '../../lib/palette.js';

const parts = [
  { key: 'input', label: 'Input' },
  { key: 'output', label: 'Output' },
  { key: 'cacheRead', label: 'Cache read' },
  { key: 'cacheCreation', label: 'Cache write' },
] as const;

export function TokenBar(props: { tokens: TokenCounts | null; loading: boolean; palette: Palette }) {
  const t = props.tokens;
  return (
    <div className="tokens" data-testid="tokens-by-type">
      <div className="token-bar" aria-hidden="true">
        {t && totalTokens(t) > 0 && parts.map((p) => <span key={p.key} style={{ flexGrow: t[p.key], background: props.palette[p.key] }} />)}
      </div>
      <dl className="token-legend">
        {parts.map((p) => (
          <div key={p.key} data-testid={`tokens-${p.key}`}>
            <dt>
              <span className="swatch" style={{ background: props.palette[p.key] }} />
              {p.label}
            </dt>
            <dd>
              <Value loading={props.loading} width="3em">
                {t ? formatTokens(t[p.key]) : '—'}
              </Value>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
