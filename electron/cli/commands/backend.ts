/**
 * `ccmon backend`: the backend the app reads and Claude Code pushes to — shown, changed, and its
 * secret set or cleared. The profile lives in the app's settings file (the tray's Settings → Backend
 * edit the same); the secret in a 0600 file beside it (the tray keeps its own in the OS keychain), or
 * in CCMON_BEARER_TOKEN, which wins over both.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { appConfigDir } from '../../core/config/paths.js';
import { fileSecretStore, type SecretName } from '../../core/config/secrets.js';
import { backendView, type BackendView } from '../../core/config/backend-view.js';
import { bearerTokenEnvKey } from '../../core/config/env-keys.js';
import { localPrometheusUrl } from '../../core/config/backend-rules.js';
import type { BackendSettings } from '../../core/config/settings-schema.js';
import { loadContext } from '../context.js';
import { ExitCode, UserError, printJson } from '../output.js';
import { readSecret } from '../secret-input.js';
import { appVersion } from '../app-version.js';
import type { CommandDeps, RegisterCommand } from './types.js';

export function renderBackend(v: BackendView): string {
  const row = (k: string, val: string): string => `  ${k.padEnd(14)}${val}`;
  const pairs = (m: Record<string, string>): string => Object.entries(m).map(([k, val]) => `${k}=${val}`).join(', ') || '(none)';
  const credential =
    v.auth === 'none' && !v.credential.set ? 'none' : `${v.auth === 'basic' ? 'basic auth password' : 'bearer token'} ${v.credential.set ? `set (from the ${v.credential.source})` : 'NOT set: `ccmon backend set-token`'}`;
  return [
    v.kind === 'local' ? 'Backend: the local stack' : `Backend: shared${v.name ? ` — ${v.name}` : ''}`,
    row('reads', v.queryUrl),
    row('pushes', v.otlpMetricsUrl),
    row('events', v.eventsUrl ?? '(none sent)'),
    row('credentials', credential),
    ...(Object.keys(v.headers).length ? [row('headers', pairs(v.headers))] : []),
    ...(v.caFile ? [row('CA', v.caFile)] : []),
    ...(v.kind === 'remote' ? [row('this machine', pairs(v.resourceAttributes)), row('me', v.identity ? `${v.identity.label}=${v.identity.value}` : "unknown (Claude Code's config has no identity yet)")] : []),
    row('default view', v.defaultScope === 'me' ? 'me (--scope all for everyone)' : 'everything'),
    ...(v.auth !== 'none' ? [row('secret kept in', v.secretStore.detail)] : []),
    '',
  ].join('\n');
}

interface SetOptions {
  url?: string;
  otlpUrl?: string;
  lokiUrl?: string;
  name?: string;
  auth?: BackendSettings['auth'];
  user?: string;
  header?: string[];
  caFile?: string;
  attribute?: string[];
  identity?: string;
  local?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `K=V` pairs onto a map; `K=` takes K out. */
function withPairs(map: Record<string, string>, pairs: string[] | undefined, flag: string): Record<string, string> {
  const next = { ...map };
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UserError(`${flag} takes NAME=VALUE (got ${JSON.stringify(pair)}).`, undefined, ExitCode.usage);
    const [k, v] = [pair.slice(0, eq), pair.slice(eq + 1)];
    if (v === '') delete next[k];
    else next[k] = v;
  }
  return next;
}

const noneToNull = (v: string | undefined): string | null | undefined => (v === undefined ? undefined : v === '' || v === 'none' ? null : v);

async function setBackend(opts: SetOptions, deps: CommandDeps): Promise<void> {
  const ctx = await loadContext(deps.globals(), deps.env, deps.io);
  const { createFileSettingsProvider } = await import('../../core/config/settings-store.js');
  const provider = createFileSettingsProvider({ file: ctx.settingsFile, appVersion: appVersion() });
  const current = provider.view().settings;
  const patch = opts.local
    ? { prometheusUrl: localPrometheusUrl, otlpMetricsUrl: null, backend: { ...current.backend, kind: 'local' as const } }
    : {
        ...(opts.url ? { prometheusUrl: opts.url } : {}),
        ...(opts.otlpUrl !== undefined ? { otlpMetricsUrl: noneToNull(opts.otlpUrl) ?? null } : {}),
        backend: {
          ...current.backend,
          kind: 'remote' as const,
          ...(opts.name !== undefined ? { name: opts.name } : {}),
          ...(opts.auth ? { auth: opts.auth } : {}),
          ...(opts.user !== undefined ? { basicUsername: opts.user } : {}),
          headers: withPairs(current.backend.headers, opts.header, '--header'),
          resourceAttributes: withPairs(current.backend.resourceAttributes, opts.attribute, '--attribute'),
          ...(opts.caFile !== undefined ? { caFile: noneToNull(opts.caFile) ?? null } : {}),
          ...(opts.lokiUrl !== undefined ? { lokiUrl: noneToNull(opts.lokiUrl) ?? null } : {}),
          ...(opts.identity !== undefined ? { identity: noneToNull(opts.identity) ?? null } : {}),
        },
      };
  try {
    await provider.update(patch);
  } catch (err) {
    throw new UserError(`The backend was not changed: ${(err as Error).message}.`, undefined, ExitCode.usage);
  }
  const after = await loadContext(deps.globals(), deps.env, deps.io);
  deps.io.stdout(`Saved in ${ctx.settingsFile}.\n${renderBackend(backendView(after.settings, fileSecretStore(appConfigDir(deps.env)), deps.env))}`);
  if (!opts.local) deps.io.stdout('Run `ccmon env --apply` so Claude Code pushes there too, and `ccmon doctor` to check it.\n');
}

async function storeSecret(name: SecretName, value: string | null, deps: CommandDeps): Promise<void> {
  const store = fileSecretStore(appConfigDir(deps.env));
  await store.write(name, value);
  const what = name === 'bearerToken' ? 'token' : 'password';
  deps.io.stdout(value ? `The ${what} is stored in ${store.file} (readable by you only).\n` : `The ${what} is removed from ${store.file}.\n`);
  if (deps.env[bearerTokenEnvKey]) deps.io.stdout(`Note: ${bearerTokenEnvKey} is set in this environment and wins over the stored ${what}.\n`);
}

function secretCommands(backend: Command, deps: CommandDeps): void {
  backend
    .command('set-token')
    .description('Store the bearer token, read from stdin or typed without echo (never an argument: it would show in `ps`); sent on every read, and on Claude Code\'s pushes through `ccmon otel-headers`.')
    .action(async () => storeSecret('bearerToken', await readSecret('token'), deps));
  backend.command('clear-token').description('Remove the stored bearer token.').action(() => storeSecret('bearerToken', null, deps));
  backend
    .command('set-password')
    .description('Store the basic-auth password (with `ccmon backend set --auth basic --user NAME`), read from stdin or typed without echo.')
    .action(async () => storeSecret('basicPassword', await readSecret('password'), deps));
  backend.command('clear-password').description('Remove the stored basic-auth password.').action(() => storeSecret('basicPassword', null, deps));
}

export const registerBackend: RegisterCommand = (program, deps) => {
  const backend = program
    .command('backend')
    .description('The backend ccmon reads and Claude Code pushes to: the local stack, or a shared one (VictoriaMetrics, Mimir, Grafana Cloud) with its credentials.')
    .option('--json', 'print it as one JSON document (credentials: whether set and from where, never the value)')
    .action(async (opts: { json?: boolean }) => {
      const ctx = await loadContext(deps.globals(), deps.env, deps.io);
      const view = backendView(ctx.settings, fileSecretStore(appConfigDir(deps.env)), deps.env);
      if (opts.json) printJson(deps.io, view);
      else deps.io.stdout(renderBackend(view));
    });
  backend
    .command('set')
    .description('Point ccmon at a shared backend (or back at the local stack with --local); unnamed options keep their values.')
    .option('--url <url>', 'where ccmon reads: the Prometheus query API base (e.g. https://vm.example/select/0/prometheus)')
    .option('--otlp-url <url>', 'where Claude Code and ccmon push OTLP metrics (e.g. https://vm.example/opentelemetry/v1/metrics)')
    .option('--loki-url <url>', "where Claude Code's events go (a Loki base URL; none: no events)")
    .option('--name <name>', 'a name to show for it')
    .addOption(new Option('--auth <kind>', 'the credentials it takes').choices(['none', 'bearer', 'basic']))
    .option('--user <name>', 'the basic-auth user name')
    .option('--header <NAME=VALUE>', 'a header sent with every read and push, not a secret (e.g. X-Scope-OrgID=acme); NAME= removes it', collect)
    .option('--ca-file <pem>', 'the CA that signed its certificate (trusted beside the public roots); none clears it')
    .option('--attribute <key=value>', 'a resource attribute every push carries (team=platform); key= removes it', collect)
    .option('--identity <email>', 'who "me" is, where Claude Code\'s own identity is not enough; none clears it')
    .option('--local', 'back to the local stack')
    .action((opts: SetOptions) => setBackend(opts, deps));
  secretCommands(backend, deps);
};
