/** The props that bind a form control to its field: value or checked, disabled while read-only or saving, its error wiring. */
import type { SettingsForm } from './form.js';
import type { SettingsFormState } from './useSettingsForm.js';

type CheckKey = { [K in keyof SettingsForm]: SettingsForm[K] extends boolean ? K : never }[keyof SettingsForm];
type TextKey = { [K in keyof SettingsForm]: SettingsForm[K] extends string ? K : never }[keyof SettingsForm];

export function bindField(f: SettingsFormState, id: (key: string) => string, readOnly: boolean) {
  return {
    input: (key: TextKey) => ({
      id: id(key),
      value: f.form[key],
      disabled: readOnly || f.saving,
      'aria-invalid': f.errors[key] ? true : undefined,
      'aria-describedby': f.errors[key] ? `${id(key)}-error` : undefined,
      'data-testid': `setting-${key}`,
      onChange: (e: { target: { value: string } }) => f.set(key, e.target.value),
    }),
    check: (key: CheckKey, disabled = false) => ({
      type: 'checkbox',
      checked: f.form[key],
      disabled: readOnly || f.saving || disabled,
      onChange: (e: { target: { checked: boolean } }) => f.set(key, e.target.checked),
      'data-testid': `setting-${key}`,
    }),
  };
}

export type FieldBinder = ReturnType<typeof bindField>;
