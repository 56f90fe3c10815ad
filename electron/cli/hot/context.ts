/**
 * What both hot commands (the status line and the hook) start from: the install record their command
 * line names, the settings that follow from it, and the state file they share; and how they push.
 */
import { appConfigDir, cacheDir } from '../../core/config/paths.js';
import { hotSettings, type HotSettings } from '../../core/config/hot-settings.js';
import { readInstallSync, type InstallRecord } from '../../core/env/install-record.js';
import type { GaugeMetric } from '../../core/otlp/metrics-request.js';
import { printable } from '../../core/format/printable.js';
import { readIdentity } from '../../core/projects/identity.js';
import { loadState, saveState, statuslineStateFile, type StatuslineState } from '../../core/statusline/state.js';

export interface HotContext {
  install: InstallRecord | null;
  settings: HotSettings;
  state: StatuslineState;
  /** Labels every record carries: whose it is (Claude Code's identity) and where (resource attributes). */
  labels: Record<string, string>;
  /** Writes the state back, only if something in it changed. */
  save(now: Date): void;
}

export function openHot(env: NodeJS.ProcessEnv, installId: string | undefined, now: Date): HotContext {
  const install = installId ? readInstallSync(appConfigDir(env), installId) : null;
  const file = statuslineStateFile(cacheDir(env));
  const state = loadState(file);
  const before = JSON.stringify(state);
  if (installId && !install) state.health.install = { at: now.getTime(), ok: false, detail: `no install record under id ${printable(installId, 40)}; run \`ccmon env --apply\` again` };
  const settings = hotSettings(env, install);
  if (!state.identity || now.getTime() - state.identity.at > 3600_000) state.identity = { label: '', value: '', ...readIdentity(env), at: now.getTime() };
  const id = state.identity.label ? state.identity : null;
  return {
    install,
    settings,
    state,
    labels: { ...settings.resourceAttributes, ...(id ? { [id.label]: id.value } : {}) },
    save: (at) => {
      if (JSON.stringify(state) !== before) saveState(file, state, at.getTime());
    },
  };
}

/** Pushes gauges within `budgetMs` (node:http is loaded only now); the outcome goes into the state's health under `kind`. */
export async function pushHot(ctx: HotContext, kind: 'push' | 'hook', gauges: GaugeMetric[], budgetMs: number, now: Date, scope: string): Promise<boolean> {
  if (budgetMs < 20) {
    ctx.state.health[kind] = { at: now.getTime(), ok: false, detail: 'no time left to push' };
    return false;
  }
  const { pushMetrics } = await import('../../core/otlp/push.js');
  const { settings } = ctx;
  const outcome = await pushMetrics(
    { url: settings.otlpMetricsUrl, headers: { ...settings.headers, ...settings.otlpHeaders }, caFile: settings.caFile },
    { resource: { 'service.name': 'ccmon', ...settings.resourceAttributes }, scope: { name: scope }, gauges },
    budgetMs,
  );
  ctx.state.health[kind] = { at: now.getTime(), ok: outcome.ok, ...(outcome.ok ? {} : { detail: outcome.error }) };
  return outcome.ok;
}
