/**
 * The Backend card's part of the settings form (pure): local stack or a shared backend, its name,
 * auth kind, the non-secret headers and resource attributes as name=value rows, the CA file, the
 * events' Loki and who "me" is. Checked here as the settings schema checks them, so a bad value is
 * named at its field before anything is sent. Secrets are not part of it (SecretField.tsx).
 */
import { backendKind } from '../../../electron/core/config/backend.js';
import { attributeRule, headerRule, localPrometheusUrl, type PairRule } from '../../../electron/core/config/backend-rules.js';
import type { PublicSettings } from '../../../electron/core/config/settings-api.js';
import type { BackendSettings } from '../../../electron/core/config/settings-schema.js';
import { checkUrl } from './check-url.js';

export type BackendKind = BackendSettings['kind'];
export type AuthKind = BackendSettings['auth'];
export const backendKinds = ['local', 'remote'] as const satisfies readonly BackendKind[];
export const authKinds = ['none', 'bearer', 'basic'] as const satisfies readonly AuthKind[];

/** One name=value row; both empty: a row being filled in, ignored. */
export interface PairRow {
  name: string;
  value: string;
}

export interface BackendForm {
  backendKind: BackendKind;
  backendName: string;
  backendAuth: AuthKind;
  basicUsername: string;
  backendHeaders: PairRow[];
  resourceAttributes: PairRow[];
  caFile: string;
  /** Empty: no events are sent. */
  backendLokiUrl: string;
  /** Empty: Claude Code's own identity. */
  identity: string;
}

export type BackendErrors = Partial<Record<keyof BackendForm, string>>;


const rowsOf = (m: Readonly<Record<string, string>>): PairRow[] => Object.entries(m).map(([name, value]) => ({ name, value }));

export function backendFormFromSettings(s: PublicSettings): BackendForm {
  const b = s.backend;
  return {
    backendKind: backendKind(s, {}),
    backendName: b.name,
    backendAuth: b.auth,
    basicUsername: b.basicUsername,
    backendHeaders: rowsOf(b.headers),
    resourceAttributes: rowsOf(b.resourceAttributes),
    caFile: b.caFile ?? '',
    backendLokiUrl: b.lokiUrl ?? '',
    identity: b.identity ?? '',
  };
}

/**
 * The edits choosing a kind makes: back to the local stack puts the reads and pushes on it (as
 * `ccmon backend set --local` does); a shared backend starts from its saved URLs, else empty ones.
 */
export function withBackendKind(kind: BackendKind, saved: PublicSettings): { backendKind: BackendKind; prometheusUrl: string; otlpMetricsUrl: string } {
  const savedKind = backendKind(saved, {});
  if (kind === savedKind) return { backendKind: kind, prometheusUrl: saved.prometheusUrl, otlpMetricsUrl: saved.otlpMetricsUrl ?? '' };
  return { backendKind: kind, prometheusUrl: kind === 'local' ? localPrometheusUrl : '', otlpMetricsUrl: '' };
}

interface PairRules extends PairRule {
  refuse?: (name: string) => string | null;
}

const headerRules: PairRules = {
  ...headerRule,
  refuse: (name) => (name.toLowerCase() === 'authorization' ? 'Authorization carries a secret: choose Bearer token or Basic auth instead, and store it below.' : null),
};

const attributeRules: PairRules = attributeRule;

/** Rows to a map, or the first row's problem (named by its row). */
function pairsOf(rows: readonly PairRow[], rules: PairRules): { value: Record<string, string> } | { error: string } {
  const out: Record<string, string> = {};
  for (const [i, row] of rows.entries()) {
    const [name, value] = [row.name.trim(), row.value.trim()];
    if (!name && !value) continue;
    const at = `Row ${i + 1}`;
    if (!name) return { error: `${at}: give it a name, or empty it.` };
    if (!rules.name.test(name)) return { error: `${at}: the name "${name}" may have ${rules.nameRule}.` };
    const refused = rules.refuse?.(name);
    if (refused) return { error: `${at}: ${refused}` };
    if (Object.keys(out).some((k) => k.toLowerCase() === name.toLowerCase())) return { error: `${at}: "${name}" is there twice.` };
    if (!value) return { error: `${at}: give ${name} a value, or empty the row.` };
    if (value.length > rules.maxValue || !rules.value.test(value)) return { error: `${at}: the value of ${name} must be ${rules.valueRule} (at most ${rules.maxValue}).` };
    out[name] = value;
  }
  return { value: out };
}

const sameRecord = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const [x, y] = [Object.entries(a), Object.entries(b)];
  return x.length === y.length && x.every(([k, v]) => b[k] === v);
};

function sameBackend(a: BackendSettings, b: BackendSettings): boolean {
  const { headers: ha, resourceAttributes: ra, ...restA } = a;
  const { headers: hb, resourceAttributes: rb, ...restB } = b;
  return sameRecord(ha, hb) && sameRecord(ra, rb) && (Object.keys(restA) as (keyof typeof restA)[]).every((k) => restA[k] === restB[k]);
}

const text = (v: string, max: number, what: string, errors: BackendErrors, key: keyof BackendForm): string => {
  const t = v.trim();
  if (t.length > max) errors[key] = `${what} is at most ${max} characters`;
  return t;
};

/** The backend settings the form holds, when valid and changed; its errors go into `errors`. */
export function backendPatch(form: BackendForm, current: PublicSettings, into: BackendErrors): BackendSettings | undefined {
  const errors: BackendErrors = {};
  const headers = pairsOf(form.backendHeaders, headerRules);
  if ('error' in headers) errors.backendHeaders = headers.error;
  const attributes = pairsOf(form.resourceAttributes, attributeRules);
  if ('error' in attributes) errors.resourceAttributes = attributes.error;
  const loki = form.backendLokiUrl.trim();
  const lokiError = loki ? checkUrl(loki) : null;
  if (lokiError) errors.backendLokiUrl = lokiError;
  const name = text(form.backendName, 80, 'A name', errors, 'backendName');
  const user = text(form.basicUsername, 256, 'The user name', errors, 'basicUsername');
  if (form.backendKind === 'remote' && form.backendAuth === 'basic' && !user) errors.basicUsername = 'Enter the user name for basic auth';
  const caFile = text(form.caFile, 4096, 'The CA file', errors, 'caFile');
  const identity = text(form.identity, 256, 'Who you are', errors, 'identity');
  Object.assign(into, errors);
  if ('error' in headers || 'error' in attributes || Object.keys(errors).length > 0) return undefined;
  const kindChanged = form.backendKind !== backendKind(current, {});
  const next: BackendSettings = {
    ...current.backend,
    kind: kindChanged ? form.backendKind : current.backend.kind,
    name,
    auth: form.backendAuth,
    basicUsername: user,
    headers: headers.value,
    resourceAttributes: attributes.value,
    caFile: caFile || null,
    lokiUrl: loki || null,
    identity: identity || null,
  };
  return sameBackend(next, current.backend) ? undefined : next;
}

/** The form field a server-side message about `backend.<key>` belongs to. */
export function backendFieldOf(key: string | undefined): keyof BackendForm | null {
  const fields: Record<string, keyof BackendForm> = {
    kind: 'backendKind',
    name: 'backendName',
    auth: 'backendAuth',
    basicUsername: 'basicUsername',
    headers: 'backendHeaders',
    resourceAttributes: 'resourceAttributes',
    caFile: 'caFile',
    lokiUrl: 'backendLokiUrl',
    identity: 'identity',
  };
  return key ? (fields[key] ?? null) : null;
}
