/** Below a long list: "Show all (15 more)", then "Show fewer". Nothing when the list is short. */
export function ShowAll(props: { more: number; expanded: boolean; onToggle: () => void; testId?: string }) {
  if (props.more === 0) return null;
  return (
    <button type="button" className="btn btn-ghost btn-small show-all" onClick={props.onToggle} aria-expanded={props.expanded} data-testid={props.testId}>
      {props.expanded ? 'Show fewer' : `Show all (${props.more} more)`}
    </button>
  );
}
