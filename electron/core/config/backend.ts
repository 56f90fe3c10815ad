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
  backend?: { kind?: BackendKind; headers?: Record<string, string>; auth?: 'none' | 'bearer' | 'basic'; basicUsername?: string } | undefined;
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
  return {
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(token && kind !== 'basic' ? { bearerToken: token } : basic ? { basic } : {}),
  };
}
