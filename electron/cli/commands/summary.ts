import { Option } from 'commander';
import { scopes, type Scope } from '../../core/api/domain.js';
import type { Summary } from '../../core/api/types.js';
import { instantHint, parseWindow } from '../../core/api/instants.js';
import { loadContext } from '../context.js';
import { ExitCode, UserError, printJson } from '../output.js';
import { call, cliService } from '../service.js';
import { formatDuration, formatTokens, formatUsd } from '../../core/format/numbers.js';
import { totalTokens } from '../../core/format/tokens.js';
import { printable } from '../../core/format/printable.js';
import type { RegisterCommand } from './types.js';

export const registerSummary: RegisterCommand = (program, deps) => {
  program
    .command('summary')
    .description("Cost, tokens, sessions, lines of code, commits, PRs and active time in a window (default: today since local midnight), counted as Claude Code counts them.")
    .option('--since <iso>', 'start of the window (ISO 8601); default local midnight')
    .option('--until <iso>', 'end of the window (ISO 8601); default now')
    .addOption(new Option('--json', 'print one JSON document'))
    .addOption(new Option('--scope <scope>', 'me (this machine\'s Claude Code identity; the default on a shared backend) or all (everyone on the backend)').choices([...scopes]))
    .action(async (opts: { since?: string; until?: string; json?: boolean; scope?: Scope }) => {
      // The same rule the API applies (instants.ts), checked first so the message names the flag.
      const window = parseWindow(opts.since, opts.until);
      if (!window.ok) throw new UserError(`--${window.field}: ${window.message}`, instantHint, ExitCode.usage);
      const ctx = await loadContext(deps.globals(), deps.env, deps.io);
      const useRules = deps.env.CCMON_SUMMARY_RULES !== 'off';
      // Today's summary (the default window) is carried forward from the last run when that run was recent.
      const carry = opts.since === undefined && opts.until === undefined && deps.env.CCMON_SUMMARY_CACHE !== 'off';
      const summaryStore = carry ? await summaryCache(ctx.settings.prometheusUrl, useRules, deps) : undefined;
      const { api } = await cliService(ctx, { useSummaryRules: useRules, summaryStore });
      const summary = await call(api, 'getSummary', { ...(opts.since ? { since: opts.since } : {}), ...(opts.until ? { until: opts.until } : {}), ...(opts.scope ? { scope: opts.scope } : {}) });
      if (opts.json) printJson(deps.io, summary);
      else deps.io.stdout(renderSummary(summary));
    });
};

async function summaryCache(prometheusUrl: string, useRules: boolean, deps: Parameters<RegisterCommand>[1]) {
  const [{ fileSummaryStore }, { cacheDir }] = await Promise.all([import('../../core/summary/live-summary-store.js'), import('../../core/config/paths.js')]);
  return fileSummaryStore(cacheDir(deps.env), prometheusUrl, useRules, (problem) => deps.io.stderr(`ccmon: warning: ${problem}\n`));
}

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
  const breakdown = (title: string, rows: Array<{ name: string; costUsd: number; tokens: Summary['tokens']; sessions?: number }>): void => {
    if (rows.length === 0) return;
    lines.push(`  ${title}`);
    for (const r of rows) lines.push(`    ${printable(r.name, 28).padEnd(28)} ${formatUsd(r.costUsd).padStart(9)}  ${formatTokens(totalTokens(r.tokens))} tokens${r.sessions === undefined ? '' : `, ${r.sessions} session${r.sessions === 1 ? '' : 's'}`}`);
  };
  breakdown('By model', s.byModel.map((m) => ({ name: m.model, costUsd: m.costUsd, tokens: m.tokens })));
  breakdown('By project', s.byProject.map((p) => ({ name: p.project, costUsd: p.costUsd, tokens: p.tokens, sessions: p.sessions })));
  if (s.byUser.length > 1) breakdown('By person', s.byUser.map((u) => ({ name: u.user, costUsd: u.costUsd, tokens: u.tokens, sessions: u.sessions })));
  if (s.byMachine.length > 1) breakdown('By machine', s.byMachine.map((m) => ({ name: m.machine, costUsd: m.costUsd, tokens: m.tokens, sessions: m.sessions })));
  const limits = [s.planLimits.fiveHour && `5h ${Math.round(s.planLimits.fiveHour.usedPercent)}%`, s.planLimits.sevenDay && `7d ${Math.round(s.planLimits.sevenDay.usedPercent)}%`].filter(Boolean);
  if (limits.length) lines.push(`  Plan limits    ${limits.join(' · ')}  (\`ccmon limits\` for the pace)`);
  if (s.sessions === 0 && s.costUsd === 0) lines.push('', 'No Claude Code telemetry in this window yet. `ccmon env` prints the settings that turn it on.');
  return `${lines.join('\n')}\n`;
}
