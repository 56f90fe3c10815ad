/** One labelled form field: its control, then its error (when invalid) or its hint. */
import type { ReactNode } from 'react';

export function Field(props: { id: string; label: string; hint?: ReactNode; error?: string | undefined; children: ReactNode }) {
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error ? (
        <div className="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </div>
      ) : (
        props.hint && <div className="field-hint small muted">{props.hint}</div>
      )}
    </div>
  );
}
