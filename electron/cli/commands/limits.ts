import { Option } from 'commander';
import { scopes, type Scope } from '../../core/api/domain.js';
import type { PlanLimits, PlanWindowView } from '../../core/api/types.js';
import { formatUsd } from '../../core/format/numbers.js';
import { loadContext } from '../context.js';
import { printJson } from '../output.js';
import { call, cliService } from '../service.js';
import type { RegisterCommand } from './types.js';

const clock = (iso: string): string => new Date(iso).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

function windowLine(label: string, w: PlanWindowView | null, asOf: string): string {
  if (!w) return `  ${label.padEnd(8)} not reported`;
  if (new Date(w.resetsAt) <= new Date(asOf)) return `  ${label.padEnd(8)} reset at ${clock(w.resetsAt)}; not used since the last report (${clock(w.observedAt)})`;
  const limit = w.limitAt ? `, reaches 100% at ${clock(w.limitAt)}` : '';
  return `  ${label.padEnd(8)} ${String(Math.round(w.usedPercent)).padStart(3)}% used, resets ${clock(w.resetsAt)}; at this pace ${Math.round(w.projectedPercentAtReset)}% at reset${limit}`;
}

export function renderLimits(l: PlanLimits): string {
  const lines = ['Plan limits (as Claude Code reported them to its status line)'];
  if (!l.fiveHour && !l.sevenDay) lines.push('  No plan limits reported: they come from a claude.ai subscription and reach ccmon through its status line (`ccmon env --apply` installs it).');
  else lines.push(windowLine('5 hours', l.fiveHour, l.asOf), windowLine('7 days', l.sevenDay, l.asOf));
  lines.push('Budget pace', `  ${formatUsd(l.budget.usdPerHour)}/h over the last hour; today heading for ${formatUsd(l.budget.projectedTodayUsd)}, this month for ${formatUsd(l.budget.projectedMonthUsd)}`);
  return `${lines.join('\n')}\n`;
}

export const registerLimits: RegisterCommand = (program, deps) => {
  program
    .command('limits')
    .description('The 5-hour and weekly plan limits (used %, reset time, and where the pace takes them), and the budget pace ($/h, today and this month projected).')
    .option('--json', 'print one JSON document: {asOf, fiveHour, sevenDay, budget}')
    .addOption(new Option('--scope <scope>', "whose budget pace: me (the default on a shared backend) or all; the plan limits are always this person's own").choices([...scopes]))
    .action(async (opts: { json?: boolean; scope?: Scope }) => {
      const ctx = await loadContext(deps.globals(), deps.env, deps.io);
      const { api } = await cliService(ctx);
      const limits = await call(api, 'getLimits', opts.scope ? { scope: opts.scope } : {});
      if (opts.json) printJson(deps.io, limits);
      else deps.io.stdout(renderLimits(limits));
    });
};
