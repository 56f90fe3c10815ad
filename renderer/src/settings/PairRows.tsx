/** Name=value rows (headers, resource attributes): add, edit, remove; one error for the group. */
import type { PairRow } from './backend-form.js';

export function PairRows(props: {
  id: string;
  legend: string;
  hint: string;
  rows: readonly PairRow[];
  placeholder: PairRow;
  error: string | undefined;
  disabled: boolean;
  onChange: (rows: PairRow[]) => void;
  testId: string;
}) {
  const { rows, onChange } = props;
  const edit = (i: number, patch: Partial<PairRow>): void => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className={`field pair-rows${props.error ? ' field-invalid' : ''}`} data-testid={props.testId} aria-describedby={props.error ? `${props.id}-error` : `${props.id}-hint`}>
      <legend className="field-label">{props.legend}</legend>
      {rows.map((row, i) => (
        <div className="pair-row" key={i} data-testid={`${props.testId}-row`}>
          <input className="input mono" aria-label={`${props.legend}, row ${i + 1}: name`} placeholder={props.placeholder.name} value={row.name} disabled={props.disabled} spellCheck={false} autoComplete="off" onChange={(e) => edit(i, { name: e.target.value })} />
          <span aria-hidden="true">=</span>
          <input className="input mono" aria-label={`${props.legend}, row ${i + 1}: value`} placeholder={props.placeholder.value} value={row.value} disabled={props.disabled} spellCheck={false} autoComplete="off" onChange={(e) => edit(i, { value: e.target.value })} />
          <button type="button" className="btn btn-ghost btn-small" aria-label={`Remove ${props.legend.toLowerCase()} row ${i + 1}`} disabled={props.disabled} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="btn btn-small" disabled={props.disabled} onClick={() => onChange([...rows, { name: '', value: '' }])}>
          Add
        </button>
      </div>
      {props.error ? (
        <div className="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </div>
      ) : (
        <div className="field-hint small muted" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      )}
    </fieldset>
  );
}
