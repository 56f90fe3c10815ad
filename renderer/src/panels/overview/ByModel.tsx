/** Today's cost per model, with a bar relative to the most expensive one. */
import type { ModelUsage, Summary } from '../../../../electron/core/api/types.js';
import { totalTokens } from '../../../../electron/core/format/tokens.js';
import { CardContent } from '../../components/CardContent.js';
import { Card } from '../../components/ui.js';
import { formatTokens, formatUsd, prettyModel } from '../../lib/format.js';
import type { DataState } from '../../lib/freshness.js';

function ModelRow(props: { usage: ModelUsage; maxCostUsd: number }) {
  const m = props.usage;
  const share = props.maxCostUsd > 0 ? Math.max(2, (m.costUsd / props.maxCostUsd) * 100) : 0;
  return (
    <li className="model-row" data-testid="model-row" data-model={m.model}>
      <div className="model-name" title={m.model}>
        {prettyModel(m.model)}
      </div>
      <div className="model-cost">{formatUsd(m.costUsd)}</div>
      <div className="model-bar" aria-hidden="true">
        <span style={{ width: `${share}%` }} />
      </div>
      <div className="model-tokens">{formatTokens(totalTokens(m.tokens))} tokens</div>
    </li>
  );
}

function Skeleton() {
  return (
    <div className="models">
      {[0, 1].map((i) => (
        <div className="model-row" key={i}>
          <span className="skeleton" style={{ width: '8em' }} />
          <span className="skeleton" style={{ width: '3.5em' }} />
        </div>
      ))}
    </div>
  );
}

export function ByModel(props: { summary: DataState<Summary> }) {
  const s = props.summary.data;
  const max = Math.max(0, ...(s?.byModel.map((m) => m.costUsd) ?? []));
  return (
    <Card title="Cost by model" labelledBy="bymodel-title" testId="by-model" stale={props.summary.state === 'stale'}>
      <CardContent unavailable={props.summary.state === 'unavailable'} items={s?.byModel} loading={<Skeleton />} empty="No model has been used today.">
        {(models) => (
          <ul className="models">
            {models.map((m) => (
              <ModelRow key={m.model} usage={m} maxCostUsd={max} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
