/**
 * The backend as a person checks it (`ccmon backend`, the doctor): where reads, pushes and events go,
 * which credentials are set and where they come from — never their value — and who "me" is.
 */
import type { Settings } from './settings-schema.js';
import type { SecretStore } from './secrets.js';
import type { BackendView, CredentialSource } from '../api/types.js';
import { backendKind } from './backend.js';
import { bearerTokenEnvKey } from './env-keys.js';
import { otlpMetricsEndpoint } from './endpoints.js';
import { pushTarget } from '../env/push-target.js';
import { readIdentity } from '../projects/identity.js';

export type { BackendView, CredentialSource } from '../api/types.js';

export function backendView(settings: Settings, store: Pick<SecretStore, 'read' | 'describe'>, env: NodeJS.ProcessEnv): BackendView {
  const secrets = store.read();
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
    secretStore: store.describe(),
  };
}
