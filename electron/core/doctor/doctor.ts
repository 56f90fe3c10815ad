/**
 * `ccmon doctor`: the seed's validation commands as checks (docker-compose ps, curl :9464/metrics,
 * curl :9090/api/v1/targets, curl :3100/ready) plus Grafana's health, each failed check with a hint.
 * `doctorReport` is pure; `runDoctor` gathers the facts.
 */
import type { DoctorCheck, DoctorReport, ProbeResult, ServiceName, StackStatus } from '../api/types.js';
import type { Settings } from '../config/settings-schema.js';
import { probeExporter } from '../exporter/probe.js';
import { checkLostSessions, type LostSessionsVerdict } from '../exporter/lost-sessions.js';
import { PrometheusClient } from '../prometheus/client.js';
import { boundedFetchText } from '../net/bounded-fetch.js';
import { printable } from '../format/printable.js';
import { readStatuslineHealth, statuslineChecks } from './statusline-checks.js';
import type { StatuslineState } from '../statusline/state.js';

export interface HttpCheck {
  ok: boolean;
  detail: string;
}

export interface TargetFacts {
  /** null: Prometheus could not be asked. */
  found: boolean | null;
  health: string | null;
  lastError: string | null;
  scrapeUrl: string | null;
  error?: string;
}

export interface DoctorFacts {
  stack: StackStatus;
  mode: Settings['telemetryMode'];
  exporter?: ProbeResult;
  /** Scrape mode: Claude Code processes on this machine against the sessions the exporter shows. */
  lostSessions?: LostSessionsVerdict;
  pushSamples?: { series: number | null; error?: string };
  target: TargetFacts;
  loki: HttpCheck;
  grafana: HttpCheck;
  /** What the status line (and hook) last could not do. */
  statusline?: StatuslineState['health'];
}

export const doctorHints = {
  service: (name: ServiceName): string => `Start the stack with \`ccmon stack up\`; \`ccmon stack status\` shows why ${name} is not ready.`,
  exporter: 'Start Claude Code with CLAUDE_CODE_ENABLE_TELEMETRY=1 and OTEL_METRICS_EXPORTER=prometheus (`ccmon env --mode scrape`), or switch to push mode, which does not depend on port 9464.',
  pushSamples: 'Run Claude Code with the push-mode settings (`ccmon env --apply`, which sets OTEL_METRICS_EXPORTER=otlp and the OTLP endpoints), then use it for a moment: with those settings metrics are sent every 10 s and when Claude Code exits.',
  targetDown: 'Prometheus cannot scrape host.docker.internal:9464: make sure a Claude Code session runs with OTEL_METRICS_EXPORTER=prometheus, and that nothing blocks the container from reaching the host (firewall).',
  targetMissing: 'The loaded Prometheus configuration has no `claude-code` job: the stack is not the app\'s, or its config is outdated; `ccmon stack down && ccmon stack up` ships the current one.',
  prometheusUnreachable: 'Prometheus is not answering; start the stack with `ccmon stack up` or check CCMON_PROMETHEUS_URL.',
  loki: 'Loki is not ready: start the stack with `ccmon stack up`; right after a start Loki needs ~15 s; check CCMON_LOKI_URL.',
  grafana: 'Grafana is not healthy: start the stack with `ccmon stack up`, or check CCMON_GRAFANA_URL.',
} as const;

/** The checks, in the order a person would fix them. Pure. */
export function doctorReport(f: DoctorFacts): DoctorReport {
  const checks: DoctorCheck[] = [];
  const e = f.stack.engine;
  checks.push(e.reachable
    ? { id: 'engine', ok: true, detail: `Docker engine ${e.version ?? '?'} at ${e.socket ?? '?'}` }
    : { id: 'engine', ok: false, detail: e.error ?? 'The Docker engine is not reachable.', hint: e.hint ?? 'Start Docker, or set DOCKER_HOST.' });
  for (const s of f.stack.services) {
    const ok = s.state === 'running' && s.ready;
    checks.push(ok
      ? { id: `service:${s.name}`, ok, detail: `${s.name} running and ready at ${s.url}` }
      : { id: `service:${s.name}`, ok, detail: s.error ?? `${s.name} is ${s.state}${s.state === 'running' ? ' but not ready' : ''}.`, hint: s.hint ?? doctorHints.service(s.name) });
  }
  if (f.mode === 'scrape') {
    const x = f.exporter;
    if (x?.reachable && !x.error) checks.push({ id: 'exporter', ok: true, detail: `${x.url} answers: ${x.sessions.length} session(s)${x.version ? `, Claude Code ${x.version}` : ''}` });
    else checks.push({ id: 'exporter', ok: false, detail: x?.error ?? 'The exporter was not checked.', hint: doctorHints.exporter });
    const lost = f.lostSessions;
    if (lost && lost.status === 'lost-sessions') checks.push({ id: 'lost-sessions', ok: false, detail: lost.detail, ...(lost.hint ? { hint: lost.hint } : {}) });
    else if (lost && lost.status !== 'unknown') checks.push({ id: 'lost-sessions', ok: true, detail: lost.detail });
  } else {
    const p = f.pushSamples;
    if (p && p.series !== null && p.series > 0) checks.push({ id: 'push-samples', ok: true, detail: `Prometheus holds ${p.series} Claude Code series with samples from the last 15 minutes.` });
    else if (p && p.series === 0) checks.push({ id: 'push-samples', ok: false, detail: 'Prometheus holds no Claude Code samples from the last 15 minutes.', hint: doctorHints.pushSamples });
    else checks.push({ id: 'push-samples', ok: false, detail: `Could not ask Prometheus for recent samples: ${p?.error ?? 'not checked'}`, hint: doctorHints.prometheusUnreachable });
  }
  const t = f.target;
  if (t.found === null) {
    checks.push({ id: 'prometheus-target', ok: false, detail: `Could not read Prometheus targets: ${t.error ?? 'no answer'}`, hint: doctorHints.prometheusUnreachable });
  } else if (!t.found) {
    checks.push({ id: 'prometheus-target', ok: f.mode === 'push', detail: 'Prometheus has no `claude-code` scrape target.', ...(f.mode === 'push' ? {} : { hint: doctorHints.targetMissing }) });
  } else if (t.health === 'up') {
    checks.push({ id: 'prometheus-target', ok: true, detail: `Target claude-code (${t.scrapeUrl}) is up.` });
  } else if (f.mode === 'push') {
    checks.push({ id: 'prometheus-target', ok: true, detail: `Target claude-code is ${t.health ?? 'unknown'}; not used in push mode (the scrape of :9464 is the seed's path).` });
  } else {
    checks.push({ id: 'prometheus-target', ok: false, detail: `Target claude-code (${t.scrapeUrl}) is ${t.health ?? 'unknown'}${t.lastError ? `: ${t.lastError}` : ''}.`, hint: doctorHints.targetDown });
  }
  checks.push(f.loki.ok ? { id: 'loki-ready', ok: true, detail: f.loki.detail } : { id: 'loki-ready', ok: false, detail: f.loki.detail, hint: doctorHints.loki });
  checks.push(f.grafana.ok ? { id: 'grafana-health', ok: true, detail: f.grafana.detail } : { id: 'grafana-health', ok: false, detail: f.grafana.detail, hint: doctorHints.grafana });
  if (f.statusline) checks.push(...statuslineChecks(f.statusline));
  return { checks };
}

/** An HTTP check's answer, read with a deadline and a 1 MiB cap (a health endpoint answers in bytes). */
async function getText(url: string, timeoutMs: number, fetchImpl: typeof fetch): Promise<{ status: number; text: string } | { error: string }> {
  const res = await boundedFetchText(url, { timeoutMs, maxBytes: 1024 * 1024, fetch: fetchImpl, acceptAnyStatus: true, accept: 'application/json, text/plain;q=0.9, */*;q=0.1' });
  return res.ok ? { status: res.status, text: res.text } : { error: res.reason };
}

export interface DoctorDeps {
  settings: Settings;
  /** Where the status line keeps its state (its failures are reported here). */
  cacheDir?: string;
  stackStatus: () => Promise<StackStatus>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** How the lost-session check lists processes (tests pass their own). */
  lostSessions?: (probe: ProbeResult) => Promise<LostSessionsVerdict>;
}

export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const { settings } = deps;
  const f = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 3000;
  const prom = settings.prometheusUrl.replace(/\/+$/, '');
  const [stack, exporter, pushSamples, target, loki, grafana] = await Promise.all([
    deps.stackStatus(),
    settings.telemetryMode === 'scrape' ? probeExporter(settings.exporterUrl) : Promise.resolve(undefined),
    settings.telemetryMode === 'push' ? recentSeries(settings, f) : Promise.resolve(undefined),
    readTarget(prom, timeoutMs, f),
    getText(`${settings.lokiUrl.replace(/\/+$/, '')}/ready`, timeoutMs, f).then((r): HttpCheck =>
      'error' in r ? { ok: false, detail: `Loki at ${settings.lokiUrl} did not answer (${r.error}).` }
        : r.status === 200 ? { ok: true, detail: `Loki at ${settings.lokiUrl} is ready.` }
          : { ok: false, detail: `Loki at ${settings.lokiUrl} answered ${r.status}: ${printable(r.text.trim(), 200)}` }),
    getText(`${settings.grafanaUrl.replace(/\/+$/, '')}/api/health`, timeoutMs, f).then((r): HttpCheck => {
      if ('error' in r) return { ok: false, detail: `Grafana at ${settings.grafanaUrl} did not answer (${r.error}).` };
      let db: unknown = null;
      try {
        db = (JSON.parse(r.text) as { database?: unknown }).database;
      } catch {
        /* not JSON */
      }
      return r.status === 200 && db === 'ok'
        ? { ok: true, detail: `Grafana at ${settings.grafanaUrl} is healthy.` }
        : { ok: false, detail: `Grafana at ${settings.grafanaUrl} answered ${r.status} (database: ${String(db)}).` };
    }),
  ]);
  const lostSessions = exporter ? await (deps.lostSessions ?? ((p: ProbeResult) => checkLostSessions(p, { mode: 'scrape' })))(exporter).catch(() => undefined) : undefined;
  const statusline = deps.cacheDir ? readStatuslineHealth(deps.cacheDir) : undefined;
  return doctorReport({ stack, mode: settings.telemetryMode, ...(exporter ? { exporter } : {}), ...(lostSessions ? { lostSessions } : {}), ...(pushSamples ? { pushSamples } : {}), target, loki, grafana, ...(statusline ? { statusline } : {}) });
}

async function recentSeries(settings: Settings, f: typeof fetch): Promise<{ series: number | null; error?: string }> {
  try {
    const client = new PrometheusClient({ url: settings.prometheusUrl, auth: settings.prometheusAuth, fetch: f, timeoutMs: 5000 });
    const res = await client.query('count(count_over_time({__name__=~"claude_code_.+"}[15m]))');
    return { series: res[0]?.value ?? 0 };
  } catch (err) {
    return { series: null, error: (err as Error).message };
  }
}

async function readTarget(prom: string, timeoutMs: number, f: typeof fetch): Promise<TargetFacts> {
  const r = await getText(`${prom}/api/v1/targets?state=active`, timeoutMs, f);
  if ('error' in r) return { found: null, health: null, lastError: null, scrapeUrl: null, error: `${prom} did not answer (${r.error})` };
  try {
    const body = JSON.parse(r.text) as { data?: { activeTargets?: Array<{ labels?: Record<string, string>; health?: string; lastError?: string; scrapeUrl?: string }> } };
    const t = body.data?.activeTargets?.find((x) => x.labels?.job === 'claude-code');
    if (!t) return { found: false, health: null, lastError: null, scrapeUrl: null };
    return { found: true, health: t.health ?? null, lastError: t.lastError || null, scrapeUrl: t.scrapeUrl ?? null };
  } catch {
    return { found: null, health: null, lastError: null, scrapeUrl: null, error: `${prom} answered ${r.status} with something that is not the targets API` };
  }
}
