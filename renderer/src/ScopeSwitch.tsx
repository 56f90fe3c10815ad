/** On a shared backend: whose usage the views show, me or the whole team. Nothing locally. */
import { scopes, type Scope } from '../../electron/core/api/domain.js';
import { Segmented } from './components/ui.js';
import { useAppInfoSelect } from './query/appInfo.js';
import { useScope } from './query/scope.js';

const scopeNames: Record<Scope, string> = { me: 'Me', all: 'Team' };
const labelOf = (info: { backend: { label: string; identity: string | null } }) => `${info.backend.label}${info.backend.identity ? ` · you are ${info.backend.identity}` : ''}`;

export function ScopeSwitch() {
  const { remote, scope, setScope } = useScope();
  const title = useAppInfoSelect(labelOf);
  if (!remote) return null;
  return (
    <span className="scope-switch" title={title}>
      <Segmented label="Whose usage" options={scopes} value={scope} onChange={setScope} render={(s) => scopeNames[s]} testId="scope-switch" />
    </span>
  );
}
