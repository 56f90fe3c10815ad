import { Option } from 'commander';
import { scopes, type Scope } from '../../core/api/domain.js';
import type { SessionView } from '../../core/api/types.js';
import { instantHint, parseWindow } from '../../core/api/instants.js';
import { formatTokens, formatUsd } from '../../core/format/numbers.js';
import { printable } from '../../core/format/printable.js';
import { totalTokens } from '../../core/format/tokens.js';
import { loadContext } from '../context.js';
import { ExitCode, UserError, printJson } from '../output.js';
import { call, cliService } from '../service.js';
import type { RegisterCommand } from './types.js';

const time = (iso: string | null): string => (iso ? new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : '–');

export function renderSessions(sessions: SessionView[]): string {
  if (sessions.length === 0) return 'No Claude Code session in this window.\n';
  const lines = sessions.map((s) => {
    const where = `${s.project}${s.branch ? ` (${s.branch}${s.worktree ? `, worktree ${s.worktree}` : ''})` : ''}`;
    return `${s.live ? '●' : ' '} ${s.sessionId.slice(0, 8)}  ${formatUsd(s.costUsd).padStart(9)}  ${formatTokens(totalTokens(s.tokens)).padStart(6)} tok  ${time(s.startedAt)}–${time(s.lastSeenAt)}  ${where}  ${s.models.join(', ')}`;
  });
  // Project and branch names come from the user's repositories: printed inert.
  return `${printable(lines.join('\n'), Infinity, { keepNewlines: true })}\n${sessions.some((s) => s.live) ? '● live\n' : ''}`;
}

export const registerSessions: RegisterCommand = (program, deps) => {
  program
    .command('sessions')
    .description('The sessions of a window (default: today): project, branch, models, cost and tokens, first and last seen, live ones first.')
    .option('--since <iso>', 'start of the window (ISO 8601); default local midnight')
    .option('--until <iso>', 'end of the window (ISO 8601); default now')
    .option('--json', 'print one JSON document: [{sessionId, project, branch, models, costUsd, tokens, startedAt, lastSeenAt, live}]')
    .addOption(new Option('--scope <scope>', 'me (this machine\'s Claude Code identity; the default on a shared backend) or all (everyone on the backend)').choices([...scopes]))
    .action(async (opts: { since?: string; until?: string; json?: boolean; scope?: Scope }) => {
      const window = parseWindow(opts.since, opts.until);
      if (!window.ok) throw new UserError(`--${window.field}: ${window.message}`, instantHint, ExitCode.usage);
      const ctx = await loadContext(deps.globals(), deps.env, deps.io);
      const { api } = await cliService(ctx, { useSummaryRules: deps.env.CCMON_SUMMARY_RULES !== 'off' });
      const sessions = await call(api, 'getSessions', { ...(opts.since ? { since: opts.since } : {}), ...(opts.until ? { until: opts.until } : {}), ...(opts.scope ? { scope: opts.scope } : {}) });
      if (opts.json) printJson(deps.io, sessions);
      else deps.io.stdout(renderSessions(sessions));
    });
};
