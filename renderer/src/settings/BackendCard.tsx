/**
 * Where the app reads and Claude Code pushes: the local stack, or a shared backend with its URLs,
 * auth, non-secret headers, CA and resource attributes. The secret is write-only (SecretField); what
 * the host runs with now is shown from getBackend; "Check backend" runs the host's doctor.
 */
import type { BackendView } from '../../../electron/core/api/types.js';
import type { PublicSettings } from '../../../electron/core/config/settings-api.js';
import { Card, Segmented } from '../components/ui.js';
import { useBackend } from '../query/backend.js';
import { authKinds, backendKinds, withBackendKind, type AuthKind, type BackendKind } from './backend-form.js';
import { BackendCheck } from './BackendCheck.js';
import type { FieldBinder } from './bindField.js';
import { Field } from './Field.js';
import { PairRows } from './PairRows.js';
import { SecretField } from './SecretField.js';
import type { SettingsFormState } from './useSettingsForm.js';

const kindNames: Record<BackendKind, string> = { local: 'Local stack', remote: 'Shared backend' };
const authNames: Record<AuthKind, string> = { none: 'None', bearer: 'Bearer token', basic: 'Basic auth' };

const urlInput = { type: 'url', inputMode: 'url', spellCheck: false, autoComplete: 'off', className: 'input mono' } as const;

/** What the host resolved and runs with (it can differ from the form: unsaved edits, the environment). */
function RunningWith(props: { view: BackendView }) {
  const { view } = props;
  const rows: Array<[string, string]> = [
    ['Reads', view.queryUrl],
    ['Pushes', view.otlpMetricsUrl],
    ['Events', view.eventsUrl ?? 'none sent'],
    ...(view.kind === 'remote' ? ([['You are', view.identity ? `${view.identity.value} (${view.identity.label})` : "unknown: Claude Code's config has no identity yet"]] as Array<[string, string]>) : []),
  ];
  return (
    <dl className="backend-now small" data-testid="backend-now" data-kind={view.kind}>
      <dt>Now</dt>
      <dd data-testid="backend-now-kind">{view.kind === 'local' ? 'The local stack' : `A shared backend${view.name ? `: ${view.name}` : ''}`}</dd>
      {rows.map(([k, v]) => (
        <div key={k} className="backend-now-row">
          <dt>{k}</dt>
          <dd className="mono">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function BackendCard(props: { f: SettingsFormState; bind: FieldBinder; id: (key: string) => string; readOnly: boolean; saved: PublicSettings }) {
  const { f, bind, id, readOnly } = props;
  const backend = useBackend();
  const remote = f.form.backendKind === 'remote';
  const auth = f.form.backendAuth;
  return (
    <Card title="Backend" testId="backend-card">
      <p className="small muted">Where this app reads and where Claude Code pushes its telemetry.</p>
      <div className="field">
        <span className="field-label">Reads and pushes to</span>
        <Segmented label="Reads and pushes to" options={backendKinds} value={f.form.backendKind} onChange={(v) => !readOnly && f.setMany(withBackendKind(v, props.saved))} render={(v) => kindNames[v]} testId="setting-backendKind" />
      </div>
      {remote && (
        <Field id={id('backendName')} label="Name (optional)" hint="Shown in the window and the tray." error={f.errors.backendName}>
          <input type="text" autoComplete="off" className="input" placeholder="team" {...bind.input('backendName')} />
        </Field>
      )}
      <Field
        id={id('prometheusUrl')}
        label={remote ? 'Query URL' : 'Prometheus'}
        hint={remote ? 'The Prometheus query API: VictoriaMetrics at its root (or …/select/0/prometheus behind vmauth), Mimir at …/prometheus.' : 'Where the summaries are read (the stack serves it on 9090).'}
        error={f.errors.prometheusUrl}
      >
        <input {...urlInput} placeholder={remote ? 'https://vm.example/select/0/prometheus' : undefined} {...bind.input('prometheusUrl')} />
      </Field>
      <Field
        id={id('otlpMetricsUrl')}
        label={remote ? 'OTLP metrics URL' : 'OTLP metrics (optional)'}
        hint={remote ? 'Where Claude Code and ccmon push: VictoriaMetrics …/opentelemetry/v1/metrics, Mimir …/otlp/v1/metrics.' : "Where Claude Code and ccmon push OTLP metrics; empty: the stack Prometheus's OTLP receiver."}
        error={f.errors.otlpMetricsUrl}
      >
        <input {...urlInput} placeholder={remote ? 'https://vm.example/opentelemetry/v1/metrics' : "the stack Prometheus's OTLP receiver"} {...bind.input('otlpMetricsUrl')} />
      </Field>
      {remote && (
        <>
          <Field id={id('backendLokiUrl')} label="Loki URL (optional)" hint="Where Claude Code's events go; empty: none are sent." error={f.errors.backendLokiUrl}>
            <input {...urlInput} placeholder="none" {...bind.input('backendLokiUrl')} />
          </Field>
          <div className="field">
            <span className="field-label">Authentication</span>
            <Segmented label="Authentication" options={authKinds} value={auth} onChange={(v) => !readOnly && f.set('backendAuth', v)} render={(v) => authNames[v]} testId="setting-backendAuth" />
          </div>
          {auth === 'basic' && (
            <Field id={id('basicUsername')} label="User name" error={f.errors.basicUsername}>
              <input type="text" autoComplete="off" className="input" {...bind.input('basicUsername')} />
            </Field>
          )}
          {auth !== 'none' && <SecretField id={id('secret')} what={auth === 'basic' ? 'password' : 'token'} view={backend.data} />}
          <PairRows
            id={id('backendHeaders')}
            legend="Headers"
            hint="Sent with every read and push, such as X-Scope-OrgID for Mimir. Not for secrets: they are stored in the settings file."
            rows={f.form.backendHeaders}
            placeholder={{ name: 'X-Scope-OrgID', value: 'acme' }}
            error={f.errors.backendHeaders}
            disabled={readOnly || f.saving}
            onChange={(rows) => f.set('backendHeaders', rows)}
            testId="setting-backendHeaders"
          />
          <Field
            id={id('caFile')}
            label="CA file (optional)"
            hint="A PEM file of the CA that signed the backend's certificate, trusted beside the public roots. Certificates are always verified."
            error={f.errors.caFile}
          >
            <input type="text" spellCheck={false} autoComplete="off" className="input mono" placeholder="/etc/ssl/team-ca.pem" {...bind.input('caFile')} />
          </Field>
          <PairRows
            id={id('resourceAttributes')}
            legend="Resource attributes"
            hint="What every push says about this machine besides host.name, such as team=platform."
            rows={f.form.resourceAttributes}
            placeholder={{ name: 'team', value: 'platform' }}
            error={f.errors.resourceAttributes}
            disabled={readOnly || f.saving}
            onChange={(rows) => f.set('resourceAttributes', rows)}
            testId="setting-resourceAttributes"
          />
          <Field id={id('identity')} label="You are (optional)" hint={'An email that names "me" where Claude Code\'s own identity is not enough.'} error={f.errors.identity}>
            <input type="email" autoComplete="off" className="input" placeholder="Claude Code's identity" {...bind.input('identity')} />
          </Field>
        </>
      )}
      {backend.data && <RunningWith view={backend.data} />}
      <BackendCheck note={f.dirty ? 'Checks the saved settings, not the unsaved edits.' : undefined} />
    </Card>
  );
}
