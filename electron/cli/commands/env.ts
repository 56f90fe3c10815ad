import { Option } from 'commander';
import path from 'node:path';
import { shells, telemetryModes, type Shell, type TelemetryMode } from '../../core/api/domain.js';
import type { ClaudeEnvPlan, EnvChange, SettingsSection } from '../../core/env/types.js';
import { oneLine } from '../../core/env/json-text.js';
import { loadContext } from '../context.js';
import { ExitCode, UserError, printJson } from '../output.js';
import { call, cliService } from '../service.js';
import type { CommandDeps, RegisterCommand } from './types.js';

interface EnvOptions {
  shell?: Shell;
  mode?: TelemetryMode;
  json?: boolean;
  apply?: boolean;
  revert?: boolean;
  dryRun?: boolean;
  /** `--no-statusline` and `--no-hooks` set these false. */
  statusline: boolean;
  hooks: boolean;
  managed?: boolean;
  managedFile?: string;
}

/** The user's shell from $SHELL (or PowerShell on Windows); bash when unknown. */
export function defaultShell(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Shell {
  const name = path.basename(env.SHELL ?? '').replace(/\.exe$/i, '');
  if ((shells as readonly string[]).includes(name)) return name as Shell;
  if (name === 'pwsh') return 'powershell';
  return platform === 'win32' ? 'powershell' : 'bash';
}

const sectionOrder: SettingsSection[] = ['env', 'statusLine', 'otelHeadersHelper', 'hooks'];

function listed(names: string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** One change as a line: an env variable as NAME=value, a statusLine or hook as its JSON on one line. */
function changeLine(c: EnvChange): string {
  const show = (v: string): string => (c.section === 'env' ? v : oneLine(v));
  const sep = c.section === 'env' ? '=' : ': ';
  if (c.before === null) return `  + ${c.key}${sep}${show(c.after ?? '')}`;
  if (c.after === null) return `  - ${c.key}${sep}${show(c.before)}`;
  return `  ~ ${c.key}: ${show(c.before)} → ${show(c.after)}`;
}

/** A change to settings.json as lines a person reads: + added, ~ changed, - removed. */
export function describePlan(plan: ClaudeEnvPlan, verb: 'apply' | 'revert', dryRun: boolean): string {
  const lines: string[] = [];
  if (plan.changes.length === 0) {
    lines.push(verb === 'apply' ? `${plan.file} already has these settings; nothing to change.` : `Nothing of ours to remove from ${plan.file}.`);
  } else {
    const sections = sectionOrder.filter((s) => plan.changes.some((c) => c.section === s));
    lines.push(`${dryRun ? 'Would change' : 'Changed'} ${plan.file}${plan.exists ? '' : ' (new file)'} under ${listed(sections)}:`);
    for (const section of sections) for (const c of plan.changes) if (c.section === section) lines.push(changeLine(c));
    if (plan.unchanged.length) lines.push(`  (already set: ${plan.unchanged.join(', ')})`);
    if (plan.backupFile) lines.push(`Backup of the old file: ${plan.backupFile}`);
    if (dryRun) lines.push(`Nothing was written (--dry-run). Run without --dry-run to ${verb}.`);
    else if (verb === 'apply') lines.push('New Claude Code sessions pick this up; restart running ones.');
  }
  if (plan.keptUserValues.length) lines.push(`Left alone (you changed them since): ${plan.keptUserValues.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** `--managed`: the managed settings for a team, printed, or written into (and taken out of) the managed file. */
async function managed(opts: EnvOptions, deps: CommandDeps): Promise<void> {
  const ctx = await loadContext(deps.globals(), deps.env, deps.io);
  const [{ pushTarget }, { managedDesired, managedSettingsFile, managedSettingsText }, { claudeEnvFiles, applyClaudeSettings, revertClaudeSettings }] = await Promise.all([
    import('../../core/env/push-target.js'),
    import('../../core/env/managed.js'),
    import('../../core/env/index.js'),
  ]);
  const target = pushTarget(ctx.settings, deps.env);
  if (target.kind !== 'remote') throw new UserError('--managed is for a shared backend, and this one is the local stack.', 'Set the team\'s backend first with `ccmon backend set --url … --otlp-url …`.', ExitCode.usage);
  const desired = managedDesired(ctx.settings, target);
  if (!opts.apply && !opts.revert) {
    deps.io.stdout(managedSettingsText(desired));
    return;
  }
  const files = { settingsFile: opts.managedFile ?? managedSettingsFile(), recordFile: claudeEnvFiles(deps.env).recordFile };
  const plan = opts.apply ? await applyClaudeSettings(files, desired, { dryRun: Boolean(opts.dryRun) }) : await revertClaudeSettings(files, [desired], { dryRun: Boolean(opts.dryRun) });
  if (opts.json) printJson(deps.io, plan);
  else deps.io.stdout(describePlan(plan, opts.apply ? 'apply' : 'revert', Boolean(opts.dryRun)));
}

export const registerEnv: RegisterCommand = (program, deps) => {
  program
    .command('env')
    .description("The environment that makes Claude Code send telemetry to the stack, for your shell; or merged into Claude Code's settings.json (--apply), and taken out again (--revert).")
    .addOption(new Option('--shell <shell>', 'shell syntax (default: from $SHELL); json is the settings.json "env" object').choices([...shells]))
    .addOption(new Option('--mode <mode>', 'push (recommended: OTLP to Prometheus and Loki) or scrape (Prometheus scrapes :9464); default: the app setting').choices([...telemetryModes]))
    .option('--json', 'print the variables as one JSON object (with --apply/--revert: the change)')
    .option('--apply', "merge the variables into Claude Code's settings.json ($CLAUDE_CONFIG_DIR/settings.json, default ~/.claude/settings.json), with a backup, and install the status line (wrapping yours if you have one)")
    .option('--no-statusline', 'with --apply: leave the status line alone')
    .option('--no-hooks', "with --apply: don't add the SessionStart/SessionEnd hooks that record each session's project")
    .option('--revert', 'remove what --apply added (and restore what it replaced: values, your own status line)')
    .option('--dry-run', 'with --apply or --revert: show the change, write nothing')
    .option('--managed', "for an admin rolling telemetry out to a team: the managed-settings.json (env block, and the headers helper) that points every Claude Code at the shared backend; printed, or with --apply written into Claude Code's managed settings file")
    .option('--managed-file <path>', 'with --managed --apply/--revert: the managed settings file (default: where Claude Code reads it, e.g. /etc/claude-code/managed-settings.json)')
    .action(async (opts: EnvOptions) => {
      if (opts.apply && opts.revert) throw new UserError('Use --apply or --revert, not both.', undefined, ExitCode.usage);
      if (opts.dryRun && !opts.apply && !opts.revert) throw new UserError('--dry-run goes with --apply or --revert.', undefined, ExitCode.usage);
      if (opts.managedFile && !opts.managed) throw new UserError('--managed-file goes with --managed.', undefined, ExitCode.usage);
      if (opts.managed) return managed(opts, deps);
      const ctx = await loadContext(deps.globals(), deps.env, deps.io);
      const { api } = await cliService(ctx);
      const mode = opts.mode ?? ctx.settings.telemetryMode;
      if (opts.apply || opts.revert) {
        const plan = opts.apply
          ? opts.dryRun
            ? await call(api, 'previewApplyEnv', { mode, statusLine: opts.statusline, hooks: opts.hooks })
            : await call(api, 'applyEnv', { mode, statusLine: opts.statusline, hooks: opts.hooks })
          : await call(api, 'revertEnv', { dryRun: Boolean(opts.dryRun) });
        if (opts.json) printJson(deps.io, plan);
        else deps.io.stdout(describePlan(plan, opts.apply ? 'apply' : 'revert', Boolean(opts.dryRun)));
        return;
      }
      const snippet = await call(api, 'getEnvSnippet', { shell: opts.shell ?? defaultShell(deps.env), mode });
      if (opts.json) printJson(deps.io, snippet.env);
      else deps.io.stdout(snippet.text);
    });
};
