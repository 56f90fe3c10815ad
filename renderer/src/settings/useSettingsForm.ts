/**
 * The Settings form's state: the user's edits over the saved settings, so a change made elsewhere
 * (the tray, another window, the file) shows in every field the user has not touched. Saving sends
 * only what changed; a server-side rejection of one field is shown on that field.
 */
import { useState } from 'react';
import type { SettingsView } from '../../../electron/core/config/settings-api.js';
import { describeError, type ErrorInfo } from '../api/errors.js';
import { useSaveSettings } from '../query/useSaveSettings.js';
import { fieldOfServerError, formFromSettings, formToPatch, type FormErrors, type SettingsForm } from './form.js';

export interface SettingsFormState {
  form: SettingsForm;
  errors: FormErrors;
  dirty: boolean;
  canSave: boolean;
  saving: boolean;
  saved: boolean;
  /** A failure not tied to one field. */
  saveError: ErrorInfo | null;
  set: <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => void;
  /** Several fields at once (choosing a backend kind sets its URLs too). */
  setMany: (values: Partial<SettingsForm>) => void;
  save: () => void;
  discard: () => void;
}

export function useSettingsForm(view: SettingsView): SettingsFormState {
  const [edits, setEdits] = useState<Partial<SettingsForm>>({});
  const mutation = useSaveSettings();
  const form: SettingsForm = { ...formFromSettings(view.settings), ...edits };
  const checked = formToPatch(form, view.settings);
  const dirty = Object.keys(checked.patch).length > 0;
  const failure = mutation.error ? describeError(mutation.error) : null;
  const failedField = failure ? fieldOfServerError(failure.message) : null;
  const serverErrors: FormErrors = failure && failedField ? { [failedField]: failure.message.replace(/^.*?patch\.\S+: /, '') } : {};
  const setMany = (values: Partial<SettingsForm>): void => {
    setEdits({ ...edits, ...values });
    // "Saved" is over once something is edited; a rejection stays until its field is.
    if (mutation.isSuccess || (failure && (!failedField || failedField in values))) mutation.reset();
  };
  return {
    form,
    errors: { ...checked.errors, ...serverErrors },
    dirty,
    canSave: view.writable && dirty && !mutation.isPending && Object.keys(checked.errors).length === 0,
    saving: mutation.isPending,
    saved: mutation.isSuccess && !dirty,
    saveError: failure && !failedField ? failure : null,
    set: (key, value) => setMany({ [key]: value }),
    setMany,
    save: () => {
      if (!dirty || Object.keys(checked.errors).length > 0) return;
      mutation.mutate(checked.patch, { onSuccess: () => setEdits({}) });
    },
    discard: () => setEdits({}),
  };
}
