/** Plan limits and projects: the plan-limit alert thresholds, and how (or whether) each session's project is recorded. */
import { projectRecordings, type ProjectRecording } from '../../../electron/core/projects/recording.js';
import { Card, Segmented } from '../components/ui.js';
import type { FieldBinder } from './bindField.js';
import { Field } from './Field.js';
import type { SettingsFormState } from './useSettingsForm.js';

const recordingNames: Record<ProjectRecording, string> = { name: 'Name', hash: 'Hash', off: 'Off' };
const recordingExplain: Record<ProjectRecording, string> = {
  name: 'Record the project as its name.',
  hash: 'Record the project as a hash: costs still add up by project, but the names never leave this machine.',
  off: 'Record the project not at all: sessions count as (unattributed).',
};

export function RecordingCard(props: { f: SettingsFormState; bind: FieldBinder; id: (key: string) => string; readOnly: boolean }) {
  const { f, bind, id } = props;
  return (
    <Card title="Plan limits and projects">
      <p className="small muted">A notification when the 5-hour or weekly plan limit reaches these levels, once per window. Leave both empty for none.</p>
      <div className="field-row">
        <Field id={id('planAlertFirst')} label="First alert at (%)" error={f.errors.planAlertFirst}>
          <input type="number" min={1} max={100} step={1} placeholder="none" className="input input-short" {...bind.input('planAlertFirst')} />
        </Field>
        <Field id={id('planAlertSecond')} label="Second alert at (%)" error={f.errors.planAlertSecond}>
          <input type="number" min={1} max={100} step={1} placeholder="none" className="input input-short" {...bind.input('planAlertSecond')} />
        </Field>
      </div>
      <div className="field">
        <span className="field-label" id={id('recording-label')}>
          Each session's project
        </span>
        <Segmented
          label="How each session's project is recorded"
          options={projectRecordings}
          value={f.form.projectRecording}
          onChange={(v) => !props.readOnly && f.set('projectRecording', v)}
          render={(v) => recordingNames[v]}
          testId="setting-projectRecording"
        />
        <div className="field-hint small muted">
          {recordingExplain[f.form.projectRecording]} The hooks and the status line record the project name, branch, worktree and the remote's owner/repo, stored in the monitoring backend beside
          Claude Code's own metrics.
        </div>
      </div>
    </Card>
  );
}
