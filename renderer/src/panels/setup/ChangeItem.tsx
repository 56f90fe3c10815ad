/** One line of Apply's preview: an env variable as `+ NAME=value`, a status line or hook as its command, before → after. */
import type { EnvChange } from '../../../../electron/core/env/types.js';
import { readableSides } from '../../lib/planChanges.js';

const kindOf = (c: EnvChange): 'add' | 'del' | 'mod' => (c.before === null ? 'add' : c.after === null ? 'del' : 'mod');
const nameOf = (c: EnvChange): string => (c.section === 'hooks' ? c.key.replace(/^hooks\./, '') : c.key);

export function ChangeItem(props: { change: EnvChange }) {
  const c = props.change;
  const kind = kindOf(c);
  if (c.section === 'env') {
    return <li className={kind}>{kind === 'add' ? `+ ${c.key}=${c.after}` : kind === 'del' ? `- ${c.key}=${c.before}` : `~ ${c.key}: ${c.before} → ${c.after}`}</li>;
  }
  const sides = readableSides(c);
  return (
    <li className={`${kind} change-block`} data-testid={`change-${c.key}`}>
      <div className="change-name">
        {kind === 'add' ? '+' : kind === 'del' ? '-' : '~'} {nameOf(c)}
      </div>
      {sides.before !== null && (
        <div className="change-side">
          <span className="change-tag">{kind === 'del' ? 'removes' : 'before'}</span>
          <code>{sides.before}</code>
        </div>
      )}
      {sides.after !== null && (
        <div className="change-side">
          <span className="change-tag">{kind === 'add' ? 'adds' : 'after'}</span>
          <code>{sides.after}</code>
        </div>
      )}
    </li>
  );
}
