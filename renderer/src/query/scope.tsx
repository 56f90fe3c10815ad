/**
 * Whose usage the views show. On a shared backend (`backend.kind === 'remote'`) the top bar's switch
 * picks me or the team (opening on the backend's `defaultScope`) and every scoped query passes it;
 * locally there is one person and no switch, and nothing is passed.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { Scope } from '../../../electron/core/api/domain.js';
import type { AppInfo } from '../../../electron/core/api/types.js';
import type { ScopeArgs } from './keys.js';
import { useAppInfoSelect } from './appInfo.js';

const ScopeContext = createContext<[Scope | null, (scope: Scope) => void] | null>(null);

export function ScopeProvider(props: { children: ReactNode }) {
  const chosen = useState<Scope | null>(null);
  return <ScopeContext value={chosen}>{props.children}</ScopeContext>;
}

export interface ScopeState {
  remote: boolean;
  scope: Scope;
  setScope: (scope: Scope) => void;
  /** What the scoped API calls take (and their keys hold). */
  args: ScopeArgs;
}

const backendOf = (info: AppInfo): AppInfo['backend'] | undefined => info.backend;

export function useScope(): ScopeState {
  const context = useContext(ScopeContext);
  if (!context) throw new Error('useScope() outside <ScopeProvider>.');
  const [chosen, setScope] = context;
  const backend = useAppInfoSelect(backendOf);
  const remote = backend?.kind === 'remote';
  const scope = chosen ?? backend?.defaultScope ?? 'all';
  return { remote, scope, setScope, args: remote ? { scope } : {} };
}
