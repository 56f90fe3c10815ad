import { Option } from 'commander';
import type { Summary } from '../../core/api/types.js';
import { createMonitorService } from '../../core/service.js';
import { fileSummaryStore } from '../../core/summary/live-summary-store.js';
import { cacheDir } from '../../core/config/paths.js';
import { loadContext } from '../context.js';
import { ExitCode, UserError, printJson } from '../output.js';
import { formatDuration, formatTokens, formatUsd } from '../../core/format/numbers.js';
import type { RegisterCommand } from './types.js';

function parseInstant(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UserError(`${flag} "${value}" is not a date; use ISO 8601, e.g. 2026-11-28T09:00:00Z.`, undefined, ExitCode.usage);
  return date.toISOString();
}

export const registerSummary: RegisterCommand = (program, deps) => {
  program
    .command('summary')
    .description("Cost, tokens, sessions, lines of code, commits, PRs and active time in a window (default: today since local midnight), counted as Claude Code counts them.")
    .option('--since <iso>', 'start of the window (ISO 8601); default local midnight')
    .option('--until <iso>', 'end of the window (ISO 8601); default now')
    .addOption(new Option('--json', 'print one JSON document'))
    .action(async (opts: { since?: string; until?: string; json?: boolean }) => {
      const ctx = await loadContext(deps.globals(), deps.env, deps.io);
      const since = parseInstant('--since', opts.since);
      const until = parseInstant('--until', opts.until);
      if (since && until && since >= until) throw new UserError('--since must be before --until.', undefined, ExitCode.usage);
      const useRules = deps.env.CCMON_SUMMARY_RULES !== 'off';
      // Today's summary (the default window) is carried forward from the last run when that run was recent.
      const carry = !since && !until && deps.env.CCMON_SUMMARY_CACHE !== 'off';
      const summaryStore = carry ? fileSummaryStore(cacheDir(deps.env), ctx.settings.prometheusUrl, useRules) : undefined;
      const { api } = createMonitorService({ settings: ctx.settings, useSummaryRules: useRules, summaryStore });
      const summary = await api.getSummary({ ...(since ? { since } : {}), ...(until ? { until } : {}) });
      if (opts.json) printJson(deps.io, summary);
      else deps.io.stdout(renderSummary(summary));
    });
};

export function renderSummary(s: Summary): string {
  const lines = [
    `Claude Code usage ${s.window.since} → ${s.window.until}`,
    `  Cost           ${formatUsd(s.costUsd)}   (today ${formatUsd(s.periods.today)}, 7 days ${formatUsd(s.periods.last7Days)}, 30 days ${formatUsd(s.periods.last30Days)})`,
    `  Sessions       ${s.sessions}`,
    `  Tokens         ${formatTokens(s.tokens.input)} in, ${formatTokens(s.tokens.output)} out, ${formatTokens(s.tokens.cacheRead)} cache read, ${formatTokens(s.tokens.cacheCreation)} cache write`,
    `  Lines of code  +${s.linesOfCode.added} −${s.linesOfCode.removed}`,
    `  Commits / PRs  ${s.commits} / ${s.pullRequests}`,
    `  Active time    ${formatDuration(s.activeTimeSeconds.user)} you, ${formatDuration(s.activeTimeSeconds.cli)} Claude`,
  ];
  if (s.byModel.length > 0) {
    lines.push('  By model');
    for (const m of s.byModel) lines.push(`    ${m.model.padEnd(28)} ${formatUsd(m.costUsd).padStart(9)}  ${formatTokens(m.tokens.input + m.tokens.output + m.tokens.cacheRead + m.tokens.cacheCreation)} tokens`);
  }
  if (s.sessions === 0 && s.costUsd === 0) lines.push('', 'No Claude Code telemetry in this window yet. `ccmon env` prints the settings that turn it on.');
  return `${lines.join('\n')}\n`;
}
