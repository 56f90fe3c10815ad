/**
 * The backend as a person checks it (`ccmon backend`, the doctor): where reads, pushes and events go,
 * which credentials are set and where they come from — never their value — and who "me" is.
 */
import type { Settings } from './settings-schema.js';
import type { Secrets } from './secrets.js';
import { backendKind, type BackendKind } from './backend.js';
import { bearerTokenEnvKey } from './env-keys.js';
import { otlpMetricsEndpoint } from './endpoints.js';
import { pushTarget } from '../env/push-target.js';
import { readIdentity, type Identity } from '../projects/identity.js';
import type { Scope } from '../api/domain.js';

export type CredentialSource = 'environment' | 'secret store' | 'settings file (prometheusAuth)';

export interface BackendView {
  kind: BackendKind;
  name: string;
  queryUrl: string;
  otlpMetricsUrl: string;
  /** Where Claude Code's events go; null: none are sent. */
  eventsUrl: string | null;
  auth: 'none' | 'bearer' | 'basic';
  /** Whether a credential is there, and from where (its value is never shown). */
  credential: { set: boolean; source: CredentialSource | null };
  headers: Record<string, string>;
  caFile: string | null;
  /** What this machine's pushes say about it (host.name, team…). */
  resourceAttributes: Record<string, string>;
  identity: Identity | null;
  defaultScope: Scope;
}

export function backendView(settings: Settings, secrets: Secrets, env: NodeJS.ProcessEnv): BackendView {
  const kind = backendKind(settings, env);
  const auth = kind === 'local' && settings.backend.auth === 'none' && settings.prometheusAuth ? (settings.prometheusAuth.basic ? 'basic' : settings.prometheusAuth.bearerToken ? 'bearer' : 'none') : settings.backend.auth;
  const wanted = auth === 'basic' ? secrets.basicPassword : secrets.bearerToken;
  const legacy = auth === 'basic' ? settings.prometheusAuth?.basic : settings.prometheusAuth?.bearerToken;
  const source: CredentialSource | null = auth !== 'basic' && env[bearerTokenEnvKey] ? 'environment' : wanted ? 'secret store' : legacy ? 'settings file (prometheusAuth)' : null;
  const identity = kind === 'remote' ? readIdentity(env, settings.backend.identity) : null;
  return {
    kind,
    name: settings.backend.name,
    queryUrl: settings.prometheusUrl,
    otlpMetricsUrl: otlpMetricsEndpoint(settings),
    eventsUrl: kind === 'local' ? settings.lokiUrl : settings.backend.lokiUrl,
    auth,
    credential: { set: source !== null, source },
    headers: { ...settings.backend.headers },
    caFile: settings.backend.caFile,
    resourceAttributes: pushTarget(settings, env).resourceAttributes,
    identity,
    defaultScope: identity ? 'me' : 'all',
  };
}
