/** Which breakdown tables the overview shows (pure). */
import type { Scope } from '../../../electron/core/api/domain.js';

/**
 * On a shared backend in team scope: by person and by machine. Locally (one person) only by machine,
 * and only when there is more than one machine to tell apart.
 */
export function teamTables(remote: boolean, scope: Scope, machines: number): { people: boolean; machines: boolean } {
  const team = remote && scope === 'all';
  return { people: team, machines: team ? machines > 0 : !remote && machines > 1 };
}
