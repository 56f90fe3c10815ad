/**
 * What `ccmon env --apply` (and the setup panel's Apply) put into Claude Code's settings: the telemetry
 * variables, our status line (wrapping the user's), and — with the hooks — the session → project record.
 * One function plans it for the preview and the apply alike.
 */
import type { Settings, TelemetryMode } from '../config/settings-schema.js';
import { applyClaudeSettings, revertClaudeSettings, type ClaudeEnvFiles, type ClaudeSettingsDesired } from './claude-settings.js';
import { ccmonCommandLine, ccmonInvocation, type CcmonInvocation } from './ccmon-command.js';
import { envVars } from './snippet.js';
import { planStatusLine } from './statusline-install.js';
import { dropInstall, installId, saveInstall } from './install-record.js';
import { otlpMetricsEndpoint } from '../config/endpoints.js';
import type { ClaudeEnvPlan } from './types.js';
import type { JsonObject } from './json-text.js';
import type { PushTarget } from './push-target.js';

export interface InstallChoice {
  mode: TelemetryMode;
  /** Install the status line (default true). */
  statusLine?: boolean | undefined;
  /** Install the SessionStart/SessionEnd hooks that record each session's project (default true). */
  hooks?: boolean | undefined;
}

/** The hook events whose input names the session and its folder (SessionEnd refreshes the record at the end). */
export const hookEvents = ['SessionStart', 'SessionEnd'] as const;

/** Our element of `hooks.<Event>`: one command, with a timeout well above what it takes (it bounds itself to 1.5 s). */
export function ourHook(invocation: CcmonInvocation, settingsFile: string): JsonObject {
  return { hooks: [{ type: 'command', command: ccmonCommandLine(invocation, ['hook', '--install', installId(settingsFile)]), timeout: 5 }] };
}

/** Claude Code's otelHeadersHelper: the command that prints a shared backend's credentials as headers. */
export const ourHeadersHelper = (invocation: CcmonInvocation, settingsFile: string): string => ccmonCommandLine(invocation, ['otel-headers', '--install', installId(settingsFile)]);

export interface InstallContext {
  files: ClaudeEnvFiles;
  /** The app's config folder (the wrapped status line command lives there). */
  configDir: string;
  settings: Pick<Settings, 'prometheusUrl' | 'lokiUrl' | 'exporterUrl' | 'otlpMetricsUrl'>;
  /** Where the pushes go: the local stack, or a shared backend with its attributes and credentials. */
  target?: PushTarget;
  invocation?: CcmonInvocation;
}

async function desired(choice: InstallChoice, ctx: InstallContext) {
  const invocation = ctx.invocation ?? ccmonInvocation();
  const statusLine = choice.statusLine === false ? null : await planStatusLine(ctx.files.settingsFile, ctx.configDir, invocation);
  const hooks = choice.hooks === false ? undefined : Object.fromEntries(hookEvents.map((e) => [e, ourHook(invocation, ctx.files.settingsFile)]));
  const wanted: ClaudeSettingsDesired = {
    env: envVars(choice.mode, ctx.settings, ctx.target),
    ...(statusLine ? { statusLine: statusLine.statusLine } : {}),
    ...(ctx.target?.credentials ? { otelHeadersHelper: ourHeadersHelper(invocation, ctx.files.settingsFile) } : {}),
    ...(hooks ? { hooks } : {}),
  };
  return { wanted, wrappedCommand: statusLine?.wrappedCommand ?? null };
}

export async function applyInstall(choice: InstallChoice, ctx: InstallContext, opts: { dryRun?: boolean } = {}): Promise<ClaudeEnvPlan> {
  const { wanted, wrappedCommand } = await desired(choice, ctx);
  // The record is written first: our commands must never name an id that isn't there.
  if (!opts.dryRun) {
    await saveInstall(ctx.configDir, {
      settingsFile: ctx.files.settingsFile,
      prometheusUrl: ctx.settings.prometheusUrl,
      otlpMetricsUrl: otlpMetricsEndpoint(ctx.settings),
      ...(wrappedCommand ? { wrappedCommand } : {}),
      ...(ctx.target?.kind === 'remote' ? { resourceAttributes: ctx.target.resourceAttributes, headers: ctx.target.headers } : {}),
    });
  }
  return applyClaudeSettings(ctx.files, wanted, opts);
}

export async function revertInstall(ctx: InstallContext, opts: { dryRun?: boolean } = {}): Promise<ClaudeEnvPlan> {
  const invocation = ctx.invocation ?? ccmonInvocation();
  const ours = {
    statusLine: { type: 'command', command: ccmonCommandLine(invocation, ['statusline', '--install', installId(ctx.files.settingsFile)]), padding: 0 },
    otelHeadersHelper: ourHeadersHelper(invocation, ctx.files.settingsFile),
    hooks: Object.fromEntries(hookEvents.map((e) => [e, ourHook(invocation, ctx.files.settingsFile)])),
  };
  const fallback: ClaudeSettingsDesired[] = [
    ...(['push', 'scrape'] as const).map((mode) => ({ env: envVars(mode, ctx.settings), ...ours })),
    ...(ctx.target?.kind === 'remote' ? [{ env: envVars('push', ctx.settings, ctx.target), ...ours }] : []),
  ];
  const plan = await revertClaudeSettings(ctx.files, fallback, opts);
  if (plan.applied) await dropInstall(ctx.configDir, ctx.files.settingsFile);
  return plan;
}
