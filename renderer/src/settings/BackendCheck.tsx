/** "Check backend": the host's doctor (for a shared backend: reachable, credentials, OTLP, data, clock), each check with what to do. */
import type { DoctorCheck } from '../../../electron/core/api/types.js';
import { describeError } from '../api/errors.js';
import { ErrorText } from '../components/ErrorCallout.js';
import { Pill } from '../components/ui.js';
import { useBackendCheck } from '../query/backend.js';

function CheckRow(props: { check: DoctorCheck }) {
  const { check } = props;
  return (
    <li className="backend-check" data-testid="backend-check" data-id={check.id} data-ok={check.ok ? 'true' : 'false'}>
      <Pill tone={check.ok ? 'ok' : 'bad'}>{check.ok ? 'OK' : 'Failed'}</Pill>
      <div>
        <div>{check.detail}</div>
        {check.hint && <div className="small muted">{check.hint}</div>}
      </div>
    </li>
  );
}

export function BackendCheck(props: { note?: string }) {
  const check = useBackendCheck();
  const checks = check.data?.checks;
  const failed = checks?.filter((c) => !c.ok).length ?? 0;
  return (
    <div className="field backend-checks">
      <div>
        <button type="button" className="btn" disabled={check.isPending} onClick={() => check.mutate()} data-testid="backend-check-run">
          {check.isPending ? 'Checking…' : 'Check backend'}
        </button>
        {props.note && <span className="small muted"> {props.note}</span>}
      </div>
      {check.error && <ErrorText error={describeError(check.error)} />}
      {checks && (
        <>
          <p className="small muted" role="status" data-testid="backend-check-summary">
            {failed === 0 ? `All ${checks.length} checks passed.` : `${failed} of ${checks.length} checks failed.`}
          </p>
          <ul className="backend-check-list">
            {checks.map((c) => (
              <CheckRow key={c.id} check={c} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
