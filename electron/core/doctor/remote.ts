/**
 * `ccmon doctor` for a shared backend (no local stack to check): the backend answers, takes the
 * credentials, its OTLP endpoint takes a test point, it holds data from this machine, and its clock
 * agrees with ours; each failure with what to do. `remoteDoctorReport` is pure; `runRemoteDoctor`
 * gathers the facts.
 */
import { statSync } from 'node:fs';
import type { DoctorCheck, DoctorReport } from '../api/types.js';
import type { Settings } from '../config/settings-schema.js';
import { authHeaders, type BackendAuth } from '../config/auth-headers.js';
import { backendWording } from '../config/backend.js';
import { backendView, type BackendView } from '../config/backend-view.js';
import type { SecretStore } from '../config/secrets.js';
import { PrometheusClient } from '../prometheus/client.js';
import { PrometheusError } from '../prometheus/errors.js';
import { AppError } from '../api/error-codes.js';
import { pushMetrics, type PushOutcome } from '../otlp/push.js';
import { pushTarget } from '../env/push-target.js';
import { claudeMetrics } from '../telemetry/metrics.js';
import { identityMatcher } from '../projects/identity.js';
import { readStatuslineHealth, statuslineChecks } from './statusline-checks.js';
import type { StatuslineState } from '../statusline/state.js';

/** Past this, points land visibly early or late (and some backends refuse points from the future). */
export const maxClockSkewMs = 30_000;

export interface RemoteFacts {
  view: BackendView;
  /** The probe query: its round trip and the clock skew, or how it failed. */
  read: { ok: true; roundTripMs: number; skewMs: number | null } | { ok: false; code: string; message: string; hint?: string | undefined };
  push: PushOutcome;
  /** Claude Code series from this machine (host.name) in the last 24 h; null: not asked (the read failed). */
  fromThisMachine: { series: number; mine: number | null } | null;
  /** A secrets file that others can read is ignored (secrets.ts). */
  secretsFileOpen: string | null;
  statusline?: StatuslineState['health'];
}

const seconds = (ms: number): string => `${(Math.abs(ms) / 1000).toFixed(ms < 10_000 && ms > -10_000 ? 1 : 0)} s`;

function readChecks(f: RemoteFacts): DoctorCheck[] {
  const { view, read } = f;
  const where = `${view.name ? `"${view.name}" at ` : ''}${view.queryUrl}`;
  if (!read.ok) {
    if (read.code === 'prometheus-auth') {
      return [
        { id: 'backend-reachable', ok: true, detail: `The backend ${where} answers.` },
        { id: 'backend-credentials', ok: false, detail: read.message, ...(read.hint ? { hint: read.hint } : {}) },
      ];
    }
    const tls = /certificate|self[- ]signed|CERT_|UNABLE_TO_VERIFY/i.test(read.message);
    const hint = read.code === 'backend-ca-unreadable' ? read.hint : tls ? `Its certificate is not trusted: point the backend's CA file at the PEM of the CA that signed it (\`ccmon backend set --ca-file …\`).` : read.hint;
    return [{ id: 'backend-reachable', ok: false, detail: read.message, ...(hint ? { hint } : {}) }];
  }
  const credential = view.credential.set ? `the ${view.auth === 'basic' ? 'password' : 'token'} from the ${view.credential.source}` : 'no credentials';
  const checks: DoctorCheck[] = [
    { id: 'backend-reachable', ok: true, detail: `The backend ${where} answers (${read.roundTripMs} ms).` },
    { id: 'backend-credentials', ok: true, detail: `It accepts ${credential}.` },
  ];
  if (read.skewMs === null) checks.push({ id: 'clock-skew', ok: true, detail: 'The backend sends no Date header; the clock was not compared.' });
  else if (Math.abs(read.skewMs) <= maxClockSkewMs) checks.push({ id: 'clock-skew', ok: true, detail: `This machine's clock is within ${seconds(read.skewMs)} of the backend's.` });
  else {
    checks.push({
      id: 'clock-skew',
      ok: false,
      detail: `This machine's clock is ${seconds(read.skewMs)} ${read.skewMs > 0 ? 'behind' : 'ahead of'} the backend's: Claude Code's points carry this machine's time, so they land ${read.skewMs > 0 ? 'in the past' : 'in the future'}.`,
      hint: 'Turn on network time (timedatectl set-ntp true, or the system clock settings).',
    });
  }
  return checks;
}

function dataCheck(f: RemoteFacts): DoctorCheck | null {
  const host = f.view.resourceAttributes['host.name'] ?? '';
  const d = f.fromThisMachine;
  if (!d) return null;
  if (d.series > 0) {
    const mine = d.mine === null ? '' : d.mine > 0 ? `, ${d.mine} of them as you (${f.view.identity!.label})` : ', none under your identity';
    return { id: 'data-from-this-machine', ok: true, detail: `The backend holds ${d.series} Claude Code series from this machine (host_name="${host}") in the last 24 hours${mine}.` };
  }
  return {
    id: 'data-from-this-machine',
    ok: false,
    detail: `The backend holds no Claude Code series from this machine (host_name="${host}") in the last 24 hours.`,
    hint: 'Run `ccmon env --apply` so Claude Code pushes there with this machine\'s name, then use Claude Code for a moment (it pushes every 10 s and when it exits).',
  };
}

export function remoteDoctorReport(f: RemoteFacts): DoctorReport {
  const checks: DoctorCheck[] = [];
  if (f.secretsFileOpen) checks.push({ id: 'secrets-file', ok: false, detail: `${f.secretsFileOpen} can be read by others, so the secrets in it are ignored.`, hint: `chmod 600 '${f.secretsFileOpen}', then store the token again if it may have been read.` });
  checks.push(...readChecks(f));
  checks.push(
    f.push.ok
      ? { id: 'otlp-push', ok: true, detail: `${f.view.otlpMetricsUrl} takes OTLP metrics (a test point was accepted).` }
      : {
          id: 'otlp-push',
          ok: false,
          detail: `A test point was not accepted: ${f.push.error}`,
          hint: 'Point the OTLP URL at the backend\'s OTLP metrics endpoint (`ccmon backend set --otlp-url …`): VictoriaMetrics /opentelemetry/v1/metrics, Mimir /otlp/v1/metrics, Prometheus /api/v1/otlp/v1/metrics.',
        },
  );
  const data = dataCheck(f);
  if (data) checks.push(data);
  if (f.statusline) checks.push(...statuslineChecks(f.statusline));
  return { checks };
}

export interface RemoteDoctorDeps {
  settings: Settings;
  secrets: Pick<SecretStore, 'read' | 'describe'>;
  secretsFile: string;
  env: NodeJS.ProcessEnv;
  cacheDir?: string;
  timeoutMs?: number;
}

function openToOthers(file: string): boolean {
  try {
    return process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}

export async function runRemoteDoctor(deps: RemoteDoctorDeps): Promise<DoctorReport> {
  const { settings, env } = deps;
  const view = backendView(settings, deps.secrets, env);
  // The resolved credentials (resolve.ts): from the environment, the secret store or the settings file, and the CA.
  const auth: BackendAuth = settings.prometheusAuth ?? {};
  const client = new PrometheusClient({ url: settings.prometheusUrl, auth, wording: backendWording(settings, auth, env), timeoutMs: deps.timeoutMs ?? 5000 });
  const target = pushTarget(settings, env);
  const [read, push] = await Promise.all([
    client.probe().then(
      (r): RemoteFacts['read'] => ({ ok: true, ...r }),
      (err: unknown): RemoteFacts['read'] => {
        const e = err instanceof AppError || err instanceof PrometheusError ? err : new AppError('internal', (err as Error).message);
        return { ok: false, code: e.code, message: e.message, hint: e.hint };
      },
    ),
    pushMetrics(
      { url: view.otlpMetricsUrl, headers: { ...target.headers, ...authHeaders(auth) }, caFile: auth.caFile },
      { resource: { 'service.name': 'ccmon', ...target.resourceAttributes }, scope: { name: 'ccmon.doctor' }, gauges: [{ name: 'ccmon_doctor_probe', description: 'A test point from `ccmon doctor`.', points: [{ attributes: {}, timeMs: Date.now(), value: 1 }] }] },
      deps.timeoutMs ?? 5000,
    ),
  ]);
  let fromThisMachine: RemoteFacts['fromThisMachine'] = null;
  if (read.ok) {
    const names = [...claudeMetrics.cost, ...claudeMetrics.tokens].join('|');
    const host = `host_name="${(target.resourceAttributes['host.name'] ?? '').replace(/["\\]/g, '\\$&')}"`;
    const count = async (extra: string): Promise<number> => (await client.query(`count(count_over_time({__name__=~"${names}", ${host}${extra}}[24h]))`))[0]?.value ?? 0;
    try {
      const series = await count('');
      fromThisMachine = { series, mine: view.identity && series > 0 ? await count(`, ${identityMatcher(view.identity)}`) : null };
    } catch {
      fromThisMachine = null;
    }
  }
  const statusline = deps.cacheDir ? readStatuslineHealth(deps.cacheDir) : undefined;
  return remoteDoctorReport({ view, read, push, fromThisMachine, secretsFileOpen: openToOthers(deps.secretsFile) ? deps.secretsFile : null, ...(statusline ? { statusline } : {}) });
}
