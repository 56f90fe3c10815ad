/** What the Backend card says of a stored secret: whether one is there and where from, never its value. Pure. */
import type { BackendView } from '../../../electron/core/api/types.js';

export type SecretKind = 'token' | 'password';

export function secretStatus(view: BackendView, what: SecretKind): { stored: boolean; text: string } {
  const What = what === 'token' ? 'Token' : 'Password';
  // The view describes the credential its saved auth kind takes: for another kind it says nothing yet.
  const applies = (view.auth === 'basic') === (what === 'password');
  const source = applies ? view.credential.source : null;
  if (source === 'environment') return { stored: true, text: `${What} from CCMON_BEARER_TOKEN in the environment, which wins over a stored one.` };
  if (source === 'secret store') return { stored: true, text: `${What} stored in ${view.secretStore.detail}.` };
  if (source) return { stored: true, text: `${What} from the settings file (prometheusAuth); store it here to keep it in ${view.secretStore.detail} instead.` };
  return { stored: false, text: `No ${what} stored. It will be kept in ${view.secretStore.detail}.` };
}

/** The API's rejection of a value, without the method and argument it names. */
export const secretProblem = (message: string): string => message.replace(/^setBackendSecret: [^:]*: /, '');
