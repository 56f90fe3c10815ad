/** What Apply installs besides the telemetry variables: our status line and the session hooks (both on by default). */
export interface InstallParts {
  statusLine: boolean;
  hooks: boolean;
}

const parts = [
  {
    key: 'statusLine',
    label: 'Status line',
    explain: "Model, session cost, today and your plan limits under Claude Code's prompt. A status line you already have is kept: it prints as before, ours adds a short segment (the plan limits).",
  },
  {
    key: 'hooks',
    label: 'Session hooks',
    explain: "SessionStart and SessionEnd record each session's project and branch, for the cost by project. Your own hooks are kept.",
  },
] as const;

export function InstallOptions(props: { value: InstallParts; onChange: (value: InstallParts) => void; disabled: boolean }) {
  return (
    <fieldset className="install-options" data-testid="install-options">
      <legend className="small muted">Also install</legend>
      {parts.map((p) => (
        <label className="check" key={p.key}>
          <input type="checkbox" checked={props.value[p.key]} disabled={props.disabled} onChange={(e) => props.onChange({ ...props.value, [p.key]: e.target.checked })} data-testid={`install-${p.key}`} />
          <span>
            {p.label}
            <span className="small muted block">{p.explain}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
