/**
 * The backend's token or password: write-only. Store sends it to the host's secret store and empties
 * the field; what is shown afterwards is where it is kept, never the value. Clear removes it.
 */
import { useState } from 'react';
import type { BackendView } from '../../../electron/core/api/types.js';
import { describeError } from '../api/errors.js';
import { useSetBackendSecret } from '../query/backend.js';
import { Field } from './Field.js';
import { secretProblem, secretStatus, type SecretKind } from './secret-status.js';

export function SecretField(props: { id: string; what: SecretKind; view: BackendView | undefined }) {
  const { id, what, view } = props;
  const [value, setValue] = useState('');
  const mutation = useSetBackendSecret();
  const name = what === 'token' ? 'bearerToken' : 'basicPassword';
  const error = mutation.error ? secretProblem(describeError(mutation.error).message) : undefined;
  const status = view ? secretStatus(view, what) : null;
  const store = (next: string | null): void => {
    if (next !== null && next.trim() === '') return;
    mutation.mutate({ name, value: next === null ? null : next.trim() }, { onSuccess: () => setValue('') });
  };
  const label = what === 'token' ? 'Bearer token' : 'Password';
  return (
    <Field
      id={id}
      label={label}
      error={error}
      hint={
        <span data-testid="backend-secret-status" data-stored={status?.stored ? 'true' : 'false'}>
          {status?.text ?? '\u00a0'}
        </span>
      }
    >
      <div className="secret-row">
        <input
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          className="input mono"
          placeholder={status?.stored ? `a new ${what} replaces the stored one` : `paste the ${what}`}
          value={value}
          disabled={mutation.isPending}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid="backend-secret"
          onChange={(e) => {
            setValue(e.target.value);
            if (mutation.isError) mutation.reset();
          }}
          onKeyDown={(e) => {
            // Enter stores the secret; it must not submit the settings form around it.
            if (e.key === 'Enter') {
              e.preventDefault();
              store(value);
            }
          }}
        />
        <button type="button" className="btn" disabled={mutation.isPending || value.trim() === ''} onClick={() => store(value)} data-testid="backend-secret-store">
          {mutation.isPending && mutation.variables?.value !== null ? 'Storing…' : 'Store'}
        </button>
        <button type="button" className="btn btn-ghost" disabled={mutation.isPending || !status?.stored || view?.credential.source !== 'secret store'} onClick={() => store(null)} data-testid="backend-secret-clear">
          Clear
        </button>
      </div>
    </Field>
  );
}
