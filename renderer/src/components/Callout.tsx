/** A boxed message inside a card: a headline in bold, then a muted line of detail (what to do). */
import type { ReactNode } from 'react';

export function Callout(props: { tone?: 'bad' | 'ok'; title: ReactNode; detail?: ReactNode; testId?: string; role?: 'alert' | 'status' }) {
  return (
    <div className={`callout${props.tone ? ` callout-${props.tone}` : ''}`} data-testid={props.testId} role={props.role}>
      <strong>{props.title}</strong>
      {props.detail && <p>{props.detail}</p>}
    </div>
  );
}
