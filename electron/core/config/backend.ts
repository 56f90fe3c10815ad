/**
 * The backend a host talks to, resolved once: local stack or shared backend, and the credentials every
 * read and push carries. Precedence for a secret: CCMON_BEARER_TOKEN > the secret store (keychain or
 * 0600 file) > the settings file's legacy `prometheusAuth`. No dependencies beyond the types (the hot
 * path resolves the same way).
 */
import type { BackendAuth } from './auth-headers.js';
import type { Secrets } from './secrets.js';
import { bearerTokenEnvKey } from './env-keys.js';

export type BackendKind = 'local' | 'remote';

interface BackendInputs {
  prometheusUrl: string;
  backend?: { kind?: BackendKind; name?: string; headers?: Record<string, string>; auth?: 'none' | 'bearer' | 'basic'; basicUsername?: string; caFile?: string | null } | undefined;
  prometheusAuth?: BackendAuth | undefined;
}

const loopback = (host: string): boolean => host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Set in the settings or CCMON_BACKEND_KIND; else a Prometheus URL off this machine means a shared backend. */
export function backendKind(settings: BackendInputs, env: NodeJS.ProcessEnv): BackendKind {
  const fromEnv = env.CCMON_BACKEND_KIND;
  if (fromEnv === 'local' || fromEnv === 'remote') return fromEnv;
  if (settings.backend?.kind === 'remote') return 'remote';
  try {
    return loopback(new URL(settings.prometheusUrl).hostname) ? 'local' : 'remote';
  } catch {
    return 'local';
  }
}

/** The headers and credentials of every read and push. */
export function backendAuth(settings: BackendInputs, secrets: Secrets, env: NodeJS.ProcessEnv): BackendAuth {
  const legacy = settings.prometheusAuth ?? {};
  const headers = { ...(legacy.headers ?? {}), ...(settings.backend?.headers ?? {}) };
  const token = env[bearerTokenEnvKey] || secrets.bearerToken || legacy.bearerToken;
  const kind = settings.backend?.auth ?? 'none';
  const basic = kind === 'basic' && secrets.basicPassword !== undefined ? { username: settings.backend?.basicUsername ?? '', password: secrets.basicPassword } : legacy.basic;
  const caFile = settings.backend?.caFile;
  return {
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(token && kind !== 'basic' ? { bearerToken: token } : basic ? { basic } : {}),
    ...(caFile ? { caFile } : {}),
  };
}

/** How the errors of a read name the backend, and what they tell a person to do. */
export interface BackendWording {
  /** "Prometheus at http://127.0.0.1:9090", "the backend team at https://vm.example" */
  label: string;
  unreachableHint: string;
  /** For HTTP 401/403. */
  authHint: string;
}

export const localWording = (url: string): BackendWording => ({
  label: `Prometheus at ${url}`,
  unreachableHint: 'Start the stack with `ccmon stack up`, or set CCMON_PROMETHEUS_URL.',
  authHint: 'Check the Prometheus credentials (bearer token or basic auth) in the settings.',
});

export function backendWording(settings: BackendInputs, auth: BackendAuth, env: NodeJS.ProcessEnv): BackendWording {
  const url = settings.prometheusUrl.replace(/\/+$/, '');
  if (backendKind(settings, env) === 'local') return localWording(url);
  const name = settings.backend?.name?.trim();
  const label = `The backend ${name ? `"${name}" ` : ''}at ${url}`;
  const authHint = settings.backend?.auth === 'basic'
    ? 'Check the user name in Settings → Backend and store the password again there or with `ccmon backend set-password`.'
    : env[bearerTokenEnvKey]
      ? `It refused the token in ${bearerTokenEnvKey} (which wins over a stored one): set the right one there.`
      : auth.bearerToken
        ? 'It refused the stored token: store the right one in Settings → Backend or with `ccmon backend set-token`.'
        : `No token is set: store one with \`ccmon backend set-token\` (or set ${bearerTokenEnvKey}).`;
  return { label, unreachableHint: 'Check the backend URL (CCMON_PROMETHEUS_URL or Settings → Backend) and the network.', authHint };
}
